"""The menu: one entry per journey the person's roles open, nothing they cannot use."""

from dataclasses import dataclass

from kit.auth import Principal, Role


@dataclass(frozen=True)
class MenuItem:
    """A link in the header menu; ``label`` is a catalogue key, ``{region}`` the person's region."""

    path: str
    label: str


_ENTRIES: tuple[tuple[Role, MenuItem], ...] = (
    (Role.PEGAWAI, MenuItem("/rencana", "nav.plan")),
    (Role.PEGAWAI, MenuItem("/progres", "nav.progress")),
    (Role.PEGAWAI, MenuItem("/umpan-balik", "nav.feedback")),
    (Role.PEGAWAI, MenuItem("/nilai", "nav.score")),
    (Role.PEGAWAI, MenuItem("/papan/{region}", "nav.board")),
    (Role.PEGAWAI, MenuItem("/pembinaan", "nav.coaching")),
    (Role.PPK, MenuItem("/tim", "nav.team")),
    (Role.PPK, MenuItem("/pembinaan", "nav.coaching")),
    (Role.UNIT_ADMIN, MenuItem("/unit", "nav.unit")),
    (Role.REGION_ADMIN, MenuItem("/unit", "nav.unit")),
    (Role.REGION_ADMIN, MenuItem("/periode", "nav.periods")),
    (Role.REGION_ADMIN, MenuItem("/keadilan", "nav.fairness")),
    (Role.REGION_ADMIN, MenuItem("/penghargaan", "nav.awards")),
    (Role.REGION_ADMIN, MenuItem("/pembinaan", "nav.coaching")),
    (Role.AUDITOR, MenuItem("/keadilan", "nav.fairness")),
    (Role.AUDITOR, MenuItem("/penghargaan", "nav.awards")),
    (Role.AUDITOR, MenuItem("/pembinaan", "nav.coaching")),
)


def menu(user: Principal) -> list[MenuItem]:
    """The entries of the person's roles, each once, in journey order."""
    items: list[MenuItem] = []
    for role, entry in _ENTRIES:
        item = MenuItem(entry.path.format(region=user.region), entry.label)
        if user.has(role) and item not in items:
            items.append(item)
    return items
