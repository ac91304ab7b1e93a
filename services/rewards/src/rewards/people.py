"""Names for the NIPs an answer mentions, so people read who, not a number."""

from collections.abc import Iterable

from kit.directory import EmployeeDirectory


async def names_of(
    directory: EmployeeDirectory, region: str, nips: Iterable[str]
) -> dict[str, str]:
    """Each known NIP's name from the directory projection (unknown NIPs are left out)."""
    found: dict[str, str] = {}
    for nip in set(nips):
        employee = await directory.get(region, nip)
        if employee is not None and employee.get("name"):
            found[nip] = employee["name"]
    return found
