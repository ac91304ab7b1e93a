"""Angka kredit (AK) for functional positions from the predikat (domain.md section 4), pure.

``AK = pct[predikat] x koefisien[jenjang]`` per year and ``months / 12 x pct x koefisien`` for a
shorter period. Both tables are data (``CreditTable``) so a region can follow a new rule
without a release; the shipped defaults are the circulated national values, with Pemula
marked unconfirmed.

Precision: pct and koefisien are ``Decimal``, so a yearly AK is exact. ``months / 12`` does not
terminate in decimal (1/12 x 5 = 0.41666...), so the exact value is kept as a ``Fraction``
(sums of periods stay exact: twelve monthly AKs add up to the yearly one) and the ``Decimal``
``ak`` is that value rounded half-up once, to ``CreditTable.display_places`` (3 by default).
"""

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from contracts import ExplanationLine
from contracts.vocabulary import PositionType, Predikat
from scoring.wording import decimal_text

MONTHS_PER_YEAR = 12

DEFAULT_PCT: Mapping[Predikat, Decimal] = MappingProxyType(
    {
        Predikat.SANGAT_BAIK: Decimal("1.50"),
        Predikat.BAIK: Decimal("1.00"),
        Predikat.BUTUH_PERBAIKAN: Decimal("0.75"),
        Predikat.KURANG: Decimal("0.50"),
        Predikat.SANGAT_KURANG: Decimal("0.25"),
    }
)
DEFAULT_KOEFISIEN: Mapping[str, Decimal] = MappingProxyType(
    {
        "pemula": Decimal("3.75"),
        "terampil": Decimal("5"),
        "mahir": Decimal("12.5"),
        "penyelia": Decimal("25"),
        "ahli_pertama": Decimal("12.5"),
        "ahli_muda": Decimal("25"),
        "ahli_madya": Decimal("37.5"),
        "ahli_utama": Decimal("50"),
    }
)
# Circulated but not confirmed against the regulation's annex: shown as such to users.
DEFAULT_UNCONFIRMED = frozenset({"pemula"})
DEFAULT_DISPLAY_PLACES = 3


class CreditTableError(ValueError):
    """A credit table (or a lookup in it) that cannot be used, with the reason."""


class UnknownJenjangError(CreditTableError):
    """A functional position whose jenjang the table does not know (never a silent 0)."""


def jenjang_key(jenjang: str) -> str:
    """Normalised table key: ``Ahli Pertama``, ``ahli-pertama`` and ``AHLI_PERTAMA`` are one."""
    return re.sub(r"[\s_-]+", "_", jenjang.strip().casefold())


@dataclass(frozen=True)
class CreditTable:
    """Percentages per predikat and yearly koefisien per jenjang, with the shipped defaults."""

    pct: Mapping[Predikat, Decimal] = field(default_factory=lambda: DEFAULT_PCT)
    koefisien: Mapping[str, Decimal] = field(default_factory=lambda: DEFAULT_KOEFISIEN)
    unconfirmed: frozenset[str] = DEFAULT_UNCONFIRMED
    display_places: int = DEFAULT_DISPLAY_PLACES

    def __post_init__(self) -> None:
        """Validate and freeze the tables so a table once built is always usable."""
        missing = [item.value for item in Predikat if item not in self.pct]
        if missing:
            raise CreditTableError(f"pct: missing predikat {', '.join(missing)}")
        pct: dict[Predikat, Decimal] = {}
        for raw_key, value in self.pct.items():
            predikat = _predikat(raw_key, "pct")
            pct[predikat] = _non_negative(value, f"pct.{predikat.value}")
        koefisien: dict[str, Decimal] = {}
        for name, value in self.koefisien.items():
            key = jenjang_key(name)
            if not key:
                raise CreditTableError("koefisien: empty jenjang name")
            if key in koefisien:
                raise CreditTableError(f"koefisien: jenjang {name!r} given twice")
            koefisien[key] = _non_negative(value, f"koefisien.{key}")
        if not koefisien:
            raise CreditTableError("koefisien: at least one jenjang is needed")
        unconfirmed = frozenset(jenjang_key(name) for name in self.unconfirmed)
        unknown = sorted(unconfirmed - koefisien.keys())
        if unknown:
            raise CreditTableError(f"unconfirmed: not in koefisien: {', '.join(unknown)}")
        places = self.display_places
        if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 10:
            raise CreditTableError(f"display_places must be an integer 0..10, got {places!r}")
        object.__setattr__(self, "pct", MappingProxyType(pct))
        object.__setattr__(self, "koefisien", MappingProxyType(koefisien))
        object.__setattr__(self, "unconfirmed", unconfirmed)

    def koefisien_for(self, jenjang: str) -> Decimal:
        """Yearly koefisien of a jenjang; an unknown one is an error, never 0."""
        key = jenjang_key(jenjang)
        if key not in self.koefisien:
            known = ", ".join(sorted(self.koefisien))
            raise UnknownJenjangError(f"unknown jenjang {jenjang!r}; known: {known}")
        return self.koefisien[key]


def load_table(raw: Mapping[str, Any]) -> CreditTable:
    """A table from plain data, e.g. a region's JSON/YAML; every problem names its path.

    Shape: ``{"pct": {"SANGAT_BAIK": "150%" | 1.5 | "1.5", ...}, "koefisien": {"Ahli Muda":
    25, ...}, "unconfirmed": ["pemula"], "display_places": 3}``. ``pct`` and ``koefisien`` are
    required; percentages may be written as fractions (1.5) or with a percent sign ("150%").
    Numbers become Decimal through their text, so 12.5 stays exactly 12.5.
    """
    if not isinstance(raw, Mapping):
        raise CreditTableError(f"credit table must be a mapping, got {type(raw).__name__}")
    allowed = {"pct", "koefisien", "unconfirmed", "display_places"}
    extra = sorted(str(key) for key in raw if key not in allowed)
    if extra:
        raise CreditTableError(f"unknown key(s): {', '.join(extra)}")
    for required in ("pct", "koefisien"):
        if required not in raw:
            raise CreditTableError(f"{required}: required")
        if not isinstance(raw[required], Mapping):
            raise CreditTableError(f"{required}: must be a mapping")
    pct = {
        _predikat(key, "pct"): _decimal(value, f"pct.{key}", percent_sign=True)
        for key, value in raw["pct"].items()
    }
    koefisien = {
        _jenjang_name(key): _decimal(value, f"koefisien.{key}", percent_sign=False)
        for key, value in raw["koefisien"].items()
    }
    unconfirmed_raw = raw.get("unconfirmed", [])
    if isinstance(unconfirmed_raw, str) or not isinstance(unconfirmed_raw, Iterable):
        raise CreditTableError("unconfirmed: must be a list of jenjang names")
    unconfirmed = frozenset(_jenjang_name(name) for name in unconfirmed_raw)
    places = raw.get("display_places", DEFAULT_DISPLAY_PLACES)
    return CreditTable(pct=pct, koefisien=koefisien, unconfirmed=unconfirmed, display_places=places)


def _predikat(key: object, where: str) -> Predikat:
    try:
        return Predikat(key if isinstance(key, str) else "")
    except ValueError:
        known = ", ".join(item.value for item in Predikat)
        raise CreditTableError(f"{where}: unknown predikat {key!r}; known: {known}") from None


def _jenjang_name(key: object) -> str:
    if not isinstance(key, str) or not key.strip():
        raise CreditTableError(f"jenjang names must be non-empty text, got {key!r}")
    return key


def _decimal(value: object, where: str, *, percent_sign: bool) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise CreditTableError(f"{where}: must be a number, got {value!r}")
    text = str(value).strip()
    scale = Decimal(1)
    if percent_sign and text.endswith("%"):
        text, scale = text[:-1].strip(), Decimal("0.01")
    try:
        number = Decimal(text) * scale
    except InvalidOperation:
        raise CreditTableError(f"{where}: not a number: {value!r}") from None
    return _non_negative(number, where)


def _non_negative(value: object, where: str) -> Decimal:
    if not isinstance(value, Decimal):
        raise CreditTableError(f"{where}: must be a Decimal, got {value!r}")
    if not value.is_finite() or value < 0:
        raise CreditTableError(f"{where}: must be a finite number >= 0, got {value}")
    return value


DEFAULT_TABLE = CreditTable()


@dataclass(frozen=True)
class CreditResult:
    """AK earned in a period, exact and rounded, with its inputs and explanation."""

    exact: Fraction
    ak: Decimal
    predikat: Predikat
    jenjang: str
    pct: Decimal
    koefisien: Decimal
    months: int
    unconfirmed: bool
    explanation: tuple[ExplanationLine, ...]


def angka_kredit(
    predikat: Predikat,
    jenjang: str,
    months: int = MONTHS_PER_YEAR,
    table: CreditTable = DEFAULT_TABLE,
) -> CreditResult:
    """AK = months / 12 x pct[predikat] x koefisien[jenjang] (months = 12: the yearly AK)."""
    if isinstance(months, bool) or not isinstance(months, int):
        raise ValueError(f"months must be an integer 1..12, got {months!r}")
    if not 1 <= months <= MONTHS_PER_YEAR:
        raise ValueError(f"months must be within 1..12, got {months}")
    koefisien = table.koefisien_for(jenjang)
    pct = table.pct[predikat]
    exact = Fraction(months, MONTHS_PER_YEAR) * Fraction(pct) * Fraction(koefisien)
    ak = round_ak(exact, table.display_places)
    key = jenjang_key(jenjang)
    return CreditResult(
        exact=exact,
        ak=ak,
        predikat=predikat,
        jenjang=key,
        pct=pct,
        koefisien=koefisien,
        months=months,
        unconfirmed=key in table.unconfirmed,
        explanation=_lines(
            predikat, key, months, pct, koefisien, ak, key in table.unconfirmed, exact
        ),
    )


def angka_kredit_for(
    position_type: PositionType,
    jenjang: str | None,
    predikat: Predikat,
    months: int = MONTHS_PER_YEAR,
    table: CreditTable = DEFAULT_TABLE,
) -> CreditResult | None:
    """AK for an employee: None for non-functional positions, an error for a missing jenjang."""
    if position_type is not PositionType.FUNGSIONAL:
        return None
    if jenjang is None or not jenjang.strip():
        raise UnknownJenjangError("a functional position needs a jenjang to earn angka kredit")
    return angka_kredit(predikat, jenjang, months, table)


def round_ak(value: Fraction, places: int = DEFAULT_DISPLAY_PLACES) -> Decimal:
    """Exact half-up rounding of an AK to ``places`` decimals (AK is never negative)."""
    scaled = value * 10**places
    floor = math.floor(scaled)
    rounded = floor + 1 if scaled - floor >= Fraction(1, 2) else floor
    return Decimal(rounded).scaleb(-places)


def total(results: Iterable[CreditResult], places: int = DEFAULT_DISPLAY_PLACES) -> Decimal:
    """Sum of several periods' AK, added exactly and rounded once."""
    return round_ak(sum((item.exact for item in results), Fraction(0)), places)


def _lines(
    predikat: Predikat,
    jenjang: str,
    months: int,
    pct: Decimal,
    koefisien: Decimal,
    ak: Decimal,
    unconfirmed: bool,
    exact: Fraction,
) -> tuple[ExplanationLine, ...]:
    sign = "=" if Fraction(ak) == exact else "≈"  # rounded for display

    def formula(indonesian: bool) -> str:
        ak_text = decimal_text(ak, indonesian=indonesian)
        pct_text = decimal_text(pct * 100, indonesian=indonesian)
        koef_text = decimal_text(koefisien, indonesian=indonesian)
        return (
            f"{ak_text} {sign} {months}/12 x {pct_text}% (predikat {predikat})"
            f" x koefisien {koef_text} ({jenjang})."
        )

    lines = [
        ExplanationLine(
            code="credit.value",
            id=f"Angka kredit {formula(indonesian=True)}",
            en=f"Credit points {formula(indonesian=False)}",
        )
    ]
    if unconfirmed:
        lines.append(
            ExplanationLine(
                code="credit.unconfirmed",
                id=f"Koefisien jenjang {jenjang} belum dikonfirmasi dengan peraturan; periksa kembali.",
                en=f"The koefisien of jenjang {jenjang} is not confirmed against the regulation; check it.",
            )
        )
    return tuple(lines)
