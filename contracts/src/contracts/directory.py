"""Reference data from regional HR systems (or the CSV importer): employees and units."""

from typing import ClassVar, Literal

from pydantic import Field

from contracts.envelope import Event
from contracts.vocabulary import EmploymentType, Identifier, Nip, PositionType


class EmployeeUpserted(Event):
    """Fires when an employee record is created or changed; the topic is compacted by NIP."""

    type: Literal["directory.employee.upserted"] = "directory.employee.upserted"
    version: Literal[1] = 1

    nip: Nip
    name: str = Field(min_length=1, max_length=200)
    unit_id: Identifier
    position_type: PositionType
    position_title: str = Field(default="", max_length=200)
    jenjang: str | None = Field(default=None, max_length=60)
    supervisor_nip: Nip | None = None
    employment_type: EmploymentType = EmploymentType.PNS
    active: bool = True


class UnitUpserted(Event):
    """Fires when an organisation unit is created or changed; compacted by unit id."""

    key_field: ClassVar[str] = "unit_id"

    type: Literal["directory.unit.upserted"] = "directory.unit.upserted"
    version: Literal[1] = 1

    unit_id: Identifier
    name: str = Field(min_length=1, max_length=200)
    parent_unit_id: Identifier | None = None
    head_nip: Nip | None = None
