"""Events from the region's attendance system (through the importer): one per employee and day."""

import datetime
from typing import Literal

from pydantic import Field

from contracts.envelope import Event
from contracts.vocabulary import AttendanceStatus, Identifier, Nip


class AttendanceRecorded(Event):
    """Fires for each imported attendance day; a later record for the same day replaces it."""

    type: Literal["attendance.recorded"] = "attendance.recorded"
    version: Literal[1] = 1

    nip: Nip
    date: datetime.date
    status: AttendanceStatus
    # Agency lateness / early-leave codes (e.g. TL1..TL4, PSW1..PSW4), priced by region tables.
    late_code: Identifier | None = None
    early_code: Identifier | None = None
    note: str = Field(default="", max_length=500)
