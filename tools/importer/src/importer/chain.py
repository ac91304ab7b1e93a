"""Supervisor chains: every supervisor must exist and no chain may loop back on itself."""

from collections.abc import Iterator

from contracts import EmployeeUpserted
from importer.csv_file import Problem


def chain_problems(employees: list[EmployeeUpserted], lines: dict[str, int]) -> Iterator[Problem]:
    """A missing supervisor or a cycle (A reports to B reports to A) is reported, never accepted."""
    supervisor = {employee.nip: employee.supervisor_nip for employee in employees}
    for employee in employees:
        boss = employee.supervisor_nip
        if boss is not None and boss not in supervisor:
            yield Problem(
                lines[employee.nip],
                "supervisor_nip",
                f"atasan {boss} tidak ada di berkas",
                f"supervisor {boss} is not in the file",
            )
    reported: set[frozenset[str]] = set()
    for start in supervisor:
        path: list[str] = []
        current: str | None = start
        while current is not None and current in supervisor and current not in path:
            path.append(current)
            current = supervisor[current]
        if current is None or current not in path:
            continue
        cycle = path[path.index(current) :]
        if frozenset(cycle) in reported:
            continue
        reported.add(frozenset(cycle))
        loop = " -> ".join([*cycle, cycle[0]])
        yield Problem(
            min(lines[nip] for nip in cycle),
            "supervisor_nip",
            f"rantai atasan berputar: {loop}",
            f"supervisor chain loops: {loop}",
        )
