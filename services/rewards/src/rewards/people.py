"""Names for the NIPs an answer mentions, so people read who, not a number."""

from collections.abc import Iterable

from kit.directory import EmployeeDirectory


async def names_of(
    directory: EmployeeDirectory, region: str, nips: Iterable[str]
) -> dict[str, str]:
    """Each known NIP's name, from one read of the region's directory (unknown NIPs left out)."""
    everyone = await directory.everyone(region)
    return {
        nip: employee["name"]
        for nip in set(nips)
        if (employee := everyone.get(nip)) is not None and employee.get("name")
    }
