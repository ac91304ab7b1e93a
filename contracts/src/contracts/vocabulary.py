"""Domain vocabulary shared by every event: identifiers, ratings, predicates, values."""

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

Nip = Annotated[str, StringConstraints(pattern=r"^[0-9]{18}$")]
"""A civil servant's 18-digit NIP (ASCII digits only: one person, one spelling)."""

Region = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{1,39}$")]
"""Tenant slug (e.g. ``palangkaraya``); every event and document carries it."""

Year = Annotated[int, Field(ge=2000, le=2100)]

Period = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$")]
"""Evaluation period: a year (``2026``), a month (``2026-11``) or a quarter (``2026-Q4``)."""

Identifier = Annotated[str, StringConstraints(min_length=1, max_length=80)]


class Rating(StrEnum):
    """A PPK rating of results or behaviour against expectation."""

    DIATAS = "DIATAS"
    SESUAI = "SESUAI"
    DIBAWAH = "DIBAWAH"


class Predikat(StrEnum):
    """The five official employee performance predicates, best first."""

    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


class BerakhlakValue(StrEnum):
    """The seven BerAKHLAK core values that define expected ASN behaviour."""

    BERORIENTASI_PELAYANAN = "berorientasi_pelayanan"
    AKUNTABEL = "akuntabel"
    KOMPETEN = "kompeten"
    HARMONIS = "harmonis"
    LOYAL = "loyal"
    ADAPTIF = "adaptif"
    KOLABORATIF = "kolaboratif"


class Aspek(StrEnum):
    """What an IKI measures."""

    KUANTITAS = "kuantitas"
    KUALITAS = "kualitas"
    WAKTU = "waktu"
    BIAYA = "biaya"


class Direction(StrEnum):
    """Whether a larger realisation is better (patients served) or worse (days taken)."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class RhkKind(StrEnum):
    """Main or additional planned result."""

    UTAMA = "utama"
    TAMBAHAN = "tambahan"


class PositionType(StrEnum):
    """Position family, which decides planning rules (JPT perspectives) and AK tables."""

    JPT = "jpt"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    FUNGSIONAL = "fungsional"


class EmploymentType(StrEnum):
    """PNS (career civil servant) or PPPK (contract civil servant)."""

    PNS = "PNS"
    PPPK = "PPPK"


class FeedbackSource(StrEnum):
    """Who gave a piece of feedback about an employee."""

    SUPERVISOR = "supervisor"
    PEER = "peer"
    SUBORDINATE = "subordinate"
    SELF = "self"
    TEAM = "team"
    CITIZEN = "citizen"


class Cadence(StrEnum):
    """How often a region evaluates within the year (the agency's choice)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class OrgPredikat(StrEnum):
    """A unit's own performance rating; it sets the expected spread of its staff's predicates."""

    ISTIMEWA = "ISTIMEWA"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


class Perspective(StrEnum):
    """Balanced-scorecard perspective of a top leader's or independent unit head's RHK."""

    PENERIMA_LAYANAN = "penerima_layanan"
    PROSES_BISNIS = "proses_bisnis"
    PENGUATAN_INTERNAL = "penguatan_internal"
    ANGGARAN = "anggaran"


class Cascading(StrEnum):
    """How an RHK derives from its parent: a share of it, or support from a service unit."""

    DIRECT = "direct"
    NON_DIRECT = "non_direct"


class IkmElement(StrEnum):
    """The 9 official elements (unsur) of the public-satisfaction survey (PermenPAN-RB 14/2017)."""

    U1 = "U1"  # persyaratan
    U2 = "U2"  # sistem, mekanisme, prosedur
    U3 = "U3"  # waktu penyelesaian
    U4 = "U4"  # biaya/tarif
    U5 = "U5"  # produk spesifikasi jenis pelayanan
    U6 = "U6"  # kompetensi pelaksana
    U7 = "U7"  # perilaku pelaksana
    U8 = "U8"  # sarana dan prasarana
    U9 = "U9"  # penanganan pengaduan, saran dan masukan


class ComplaintStatus(StrEnum):
    """Where a complaint is: received -> in progress -> resolved or rejected."""

    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    REJECTED = "rejected"


class AppealDecision(StrEnum):
    """The atasan PPK's decision on an appeal (keberatan)."""

    CONFIRMED = "confirmed"
    CHANGED = "changed"


class AttendanceStatus(StrEnum):
    """A working day's attendance as the region's attendance system records it."""

    HADIR = "hadir"  # present
    ALPA = "alpa"  # unexcused absence: counts toward PP 94/2021 sanctions
    IZIN = "izin"  # excused leave of absence
    SAKIT = "sakit"  # sick
    CUTI = "cuti"  # annual or other formal leave
    DINAS_LUAR = "dinas_luar"  # official duty elsewhere


class FlagKind(StrEnum):
    """What a scoring guardrail noticed; a flag asks for a look or a justification, not a verdict."""

    FAVOURITISM = "favouritism"
    PPK_LENIENCY = "ppk_leniency"
    PPK_EVIDENCE_GAP = "ppk_evidence_gap"
    DISCIPLINE = "discipline"


class CoachingKind(StrEnum):
    """The kind of pembinaan a coaching track uses (domain.md section 4)."""

    COACHING = "coaching"
    MENTORING = "mentoring"
    COUNSELLING = "counselling"


class CoachingOutcome(StrEnum):
    """How the next period's result compares with the one that started a coaching plan."""

    IMPROVED = "membaik"
    SAME = "tetap"
    WORSE = "memburuk"


class CoachingStep(StrEnum):
    """What just happened to a coaching plan."""

    OPENED = "opened"
    SESSION_HELD = "session_held"
    FEEDBACK_GIVEN = "feedback_given"
    COMPETENCY_CHECKED = "competency_checked"
    RESULT_LINKED = "result_linked"
