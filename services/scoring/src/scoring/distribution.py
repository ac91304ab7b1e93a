"""Distribution curve (kurva distribusi) check of a unit's predicates (domain.md section 3), pure.

The circulated percentages are a practice, not a formula: they ship as a configurable default
(``DEFAULT_RULES``, or ``load_rules`` from a region's plain data) and a failed rule is a
warning that needs a written justification, never a block. Percentages are compared exactly
(integers, no float), so 7 of 10 is at the 70% limit, not over it.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from contracts import ExplanationLine
from contracts.vocabulary import OrgPredikat, Predikat
from scoring.wording import decimal_text


class RuleKind(StrEnum):
    """What a curve rule asserts about the group of employees with the rule's predicates."""

    LARGEST = "largest"  # no other single predikat has more employees (a tie passes)
    AT_MOST_PCT = "at_most_pct"
    AT_LEAST_PCT = "at_least_pct"
    AT_MOST_COUNT = "at_most_count"
    AT_LEAST_COUNT = "at_least_count"


PCT_KINDS = frozenset({RuleKind.AT_MOST_PCT, RuleKind.AT_LEAST_PCT})
COUNT_KINDS = frozenset({RuleKind.AT_MOST_COUNT, RuleKind.AT_LEAST_COUNT})


@dataclass(frozen=True)
class CurveRule:
    """One check: ``kind`` applied to the employees whose predikat is in ``predikats``."""

    id: str
    kind: RuleKind
    predikats: frozenset[Predikat]
    limit: Decimal | None = None  # percent (0..100) or a count; None for ``largest``

    def __post_init__(self) -> None:
        """Refuse a rule that could not be checked, so a loaded table always works."""
        if not self.id.strip():
            raise RuleTableError("rule id must not be empty")
        if not self.predikats:
            raise RuleTableError(f"{self.id}: needs at least one predikat")
        if self.kind is RuleKind.LARGEST:
            if self.limit is not None:
                raise RuleTableError(f"{self.id}: 'largest' takes no limit")
            return
        if self.limit is None or not self.limit.is_finite() or self.limit < 0:
            raise RuleTableError(f"{self.id}: {self.kind} needs a limit >= 0")
        if self.kind in PCT_KINDS and self.limit > 100:
            raise RuleTableError(f"{self.id}: a percentage limit must be within 0..100")
        if self.kind in COUNT_KINDS and self.limit != self.limit.to_integral_value():
            raise RuleTableError(f"{self.id}: a count limit must be a whole number")


class RuleTableError(ValueError):
    """A curve rule table that cannot be used, with the path of the problem."""


def _rule(
    rule_id: str, kind: RuleKind, *predikats: Predikat, limit: int | None = None
) -> CurveRule:
    return CurveRule(rule_id, kind, frozenset(predikats), None if limit is None else Decimal(limit))


_SB, _B, _BP, _K, _SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)
_L = RuleKind

# domain.md section 3, row by row (the circulated practice, shipped as a default).
DEFAULT_RULES: Mapping[OrgPredikat, tuple[CurveRule, ...]] = MappingProxyType(
    {
        OrgPredikat.ISTIMEWA: (
            _rule("istimewa.sangat_baik_largest", _L.LARGEST, _SB),
            _rule("istimewa.sangat_baik_at_most_70", _L.AT_MOST_PCT, _SB, limit=70),
        ),
        OrgPredikat.BAIK: (
            _rule("baik.baik_largest", _L.LARGEST, _B),
            _rule("baik.baik_at_most_70", _L.AT_MOST_PCT, _B, limit=70),
            _rule("baik.some_below_baik", _L.AT_LEAST_COUNT, _BP, _K, limit=1),
        ),
        OrgPredikat.BUTUH_PERBAIKAN: (
            _rule("butuh_perbaikan.butuh_perbaikan_at_least_60", _L.AT_LEAST_PCT, _BP, limit=60),
            _rule("butuh_perbaikan.sangat_baik_at_most_10", _L.AT_MOST_PCT, _SB, limit=10),
        ),
        OrgPredikat.KURANG: (
            _rule("kurang.kurang_at_least_60", _L.AT_LEAST_PCT, _K, limit=60),
            _rule("kurang.butuh_perbaikan_at_least_10", _L.AT_LEAST_PCT, _BP, limit=10),
            _rule("kurang.sangat_baik_at_most_10", _L.AT_MOST_PCT, _SB, limit=10),
        ),
        OrgPredikat.SANGAT_KURANG: (
            _rule("sangat_kurang.sangat_kurang_at_least_60", _L.AT_LEAST_PCT, _SK, limit=60),
            _rule("sangat_kurang.kurang_or_bp_at_least_10", _L.AT_LEAST_PCT, _K, _BP, limit=10),
            _rule("sangat_kurang.no_sangat_baik", _L.AT_MOST_COUNT, _SB, limit=0),
        ),
    }
)

RuleTable = Mapping[OrgPredikat, Sequence[CurveRule]]


def load_rules(raw: Mapping[str, Any]) -> dict[OrgPredikat, tuple[CurveRule, ...]]:
    """A rule table from plain data (a region's JSON/YAML); every error names its path.

    Shape: ``{"BAIK": [{"id": "baik.x", "kind": "at_most_pct", "predikat": ["BAIK"],
    "limit": 70}, ...], ...}``. An org predikat left out has no rules; rule ids are unique.
    """
    if not isinstance(raw, Mapping):
        raise RuleTableError(f"rule table must be a mapping, got {type(raw).__name__}")
    table: dict[OrgPredikat, tuple[CurveRule, ...]] = {}
    seen: set[str] = set()
    for org_key, rules in raw.items():
        try:
            org = OrgPredikat(org_key)
        except ValueError:
            known = ", ".join(item.value for item in OrgPredikat)
            raise RuleTableError(f"unknown org predikat {org_key!r}; known: {known}") from None
        if isinstance(rules, str | bytes) or not isinstance(rules, Sequence):
            raise RuleTableError(f"{org}: must be a list of rules")
        loaded = []
        for index, item in enumerate(rules):
            rule = _load_rule(item, f"{org}[{index}]")
            if rule.id in seen:
                raise RuleTableError(f"{org}[{index}].id: duplicate rule id {rule.id!r}")
            seen.add(rule.id)
            loaded.append(rule)
        table[org] = tuple(loaded)
    return table


def _load_rule(item: object, where: str) -> CurveRule:
    if not isinstance(item, Mapping):
        raise RuleTableError(f"{where}: a rule must be a mapping")
    extra = sorted(str(key) for key in item if key not in {"id", "kind", "predikat", "limit"})
    if extra:
        raise RuleTableError(f"{where}: unknown key(s) {', '.join(extra)}")
    rule_id = item.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise RuleTableError(f"{where}.id: required, non-empty text")
    raw_kind = item.get("kind")
    try:
        kind = RuleKind(raw_kind if isinstance(raw_kind, str) else "")
    except ValueError:
        known = ", ".join(option.value for option in RuleKind)
        raise RuleTableError(f"{where}.kind: {raw_kind!r} is not one of {known}") from None
    names = item.get("predikat")
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, Sequence) or not names:
        raise RuleTableError(f"{where}.predikat: required, a predikat or a non-empty list")
    predikats = frozenset(_predikat(name, f"{where}.predikat") for name in names)
    limit = _limit(item.get("limit"), f"{where}.limit")
    try:
        return CurveRule(rule_id, kind, predikats, limit)
    except RuleTableError as error:
        raise RuleTableError(f"{where}: {error}") from None


def _predikat(name: object, where: str) -> Predikat:
    try:
        return Predikat(name if isinstance(name, str) else "")
    except ValueError:
        known = ", ".join(item.value for item in Predikat)
        raise RuleTableError(f"{where}: unknown predikat {name!r}; known: {known}") from None


def _limit(value: object, where: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise RuleTableError(f"{where}: must be a number, got {value!r}")
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise RuleTableError(f"{where}: not a number: {value!r}") from None


def dump_rules(table: RuleTable) -> dict[str, list[dict[str, Any]]]:
    """The plain-data form ``load_rules`` reads (for a region to start from the defaults)."""
    return {
        org.value: [
            {
                "id": rule.id,
                "kind": rule.kind.value,
                "predikat": [item.value for item in Predikat if item in rule.predikats],
                **({} if rule.limit is None else {"limit": str(rule.limit)}),
            }
            for rule in rules
        ]
        for org, rules in table.items()
    }


@dataclass(frozen=True)
class CurveWarning:
    """A failed curve rule: the numbers behind it and a bilingual message; needs justification."""

    rule_id: str
    org_predikat: OrgPredikat
    kind: RuleKind
    predikats: tuple[Predikat, ...]
    count: int
    total: int
    pct: float
    limit: Decimal | None
    counts: Mapping[Predikat, int]
    percentages: Mapping[Predikat, float]
    message_id: str
    message_en: str
    needs_justification: bool = True

    @property
    def explanation(self) -> ExplanationLine:
        """The warning as an explanation line (code = rule id)."""
        return ExplanationLine(code=self.rule_id, id=self.message_id, en=self.message_en)


@dataclass(frozen=True)
class CurveCheck:
    """The warnings of one unit's check, plus notes that need no justification."""

    org_predikat: OrgPredikat
    total: int
    counts: Mapping[Predikat, int]
    warnings: tuple[CurveWarning, ...]
    notes: tuple[ExplanationLine, ...]

    @property
    def ok(self) -> bool:
        """Whether every rule passed."""
        return not self.warnings


def count(predikats: Iterable[Predikat]) -> dict[Predikat, int]:
    """Employees per predikat (every predikat present, zero when nobody has it)."""
    tally = Counter(Predikat(item) for item in predikats)
    return {item: tally[item] for item in Predikat}


def check(
    org_predikat: OrgPredikat,
    counts: Mapping[Predikat, int],
    rules: RuleTable = DEFAULT_RULES,
) -> CurveCheck:
    """Check a unit's spread of predicates against the rules of its org predikat."""
    full: dict[Predikat, int] = {}
    for item in Predikat:
        value = counts.get(item, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"count of {item} must be an integer >= 0, got {value!r}")
        full[item] = value
    unknown = [str(key) for key in counts if key not in set(Predikat)]
    if unknown:
        raise ValueError(f"unknown predikat in counts: {', '.join(unknown)}")
    total = sum(full.values())
    frozen_counts = MappingProxyType(full)
    if total == 0:
        note = ExplanationLine(
            code="curve.empty_unit",
            id="Unit belum memiliki pegawai yang dinilai; kurva distribusi belum dapat diperiksa.",
            en="The unit has no rated employees yet; the distribution curve cannot be checked.",
        )
        return CurveCheck(org_predikat, 0, frozen_counts, (), (note,))
    percentages = MappingProxyType({item: full[item] * 100 / total for item in Predikat})
    warnings = tuple(
        warning
        for rule in rules.get(org_predikat, ())
        if (warning := _check_rule(rule, org_predikat, frozen_counts, percentages, total))
        is not None
    )
    notes: tuple[ExplanationLine, ...] = ()
    if not rules.get(org_predikat):
        notes = (
            ExplanationLine(
                code="curve.no_rules",
                id=f"Tidak ada aturan kurva untuk predikat organisasi {org_predikat}.",
                en=f"No curve rules are configured for org predikat {org_predikat}.",
            ),
        )
    return CurveCheck(org_predikat, total, frozen_counts, warnings, notes)


def _check_rule(
    rule: CurveRule,
    org: OrgPredikat,
    counts: Mapping[Predikat, int],
    percentages: Mapping[Predikat, float],
    total: int,
) -> CurveWarning | None:
    group = tuple(item for item in Predikat if item in rule.predikats)
    size = sum(counts[item] for item in group)
    limit = rule.limit
    # Exact comparisons: size / total vs limit / 100 as size * 100 vs limit * total.
    if rule.kind is RuleKind.LARGEST:
        rivals = [item for item in Predikat if item not in rule.predikats]
        bigger = [item for item in rivals if counts[item] > size]
        if not bigger:
            return None
        top = max(bigger, key=lambda item: (counts[item], -list(Predikat).index(item)))
        return _warning(rule, org, group, size, total, counts, percentages, rival=top)
    assert limit is not None  # guaranteed by CurveRule
    failed = {
        RuleKind.AT_MOST_PCT: size * 100 > limit * total,
        RuleKind.AT_LEAST_PCT: size * 100 < limit * total,
        RuleKind.AT_MOST_COUNT: size > limit,
        RuleKind.AT_LEAST_COUNT: size < limit,
    }[rule.kind]
    if not failed:
        return None
    return _warning(rule, org, group, size, total, counts, percentages, rival=None)


def _pct(size: int, total: int, *, indonesian: bool) -> str:
    tenths = Fraction(size * 1000, total)  # exact half-up to 1 decimal, as people round
    floor = tenths.numerator // tenths.denominator
    rounded = floor + 1 if tenths - floor >= Fraction(1, 2) else floor
    text = f"{Decimal(rounded).scaleb(-1):.1f}"
    return text.replace(".", ",") if indonesian else text


def _warning(
    rule: CurveRule,
    org: OrgPredikat,
    group: tuple[Predikat, ...],
    size: int,
    total: int,
    counts: Mapping[Predikat, int],
    percentages: Mapping[Predikat, float],
    rival: Predikat | None,
) -> CurveWarning:
    pct = size * 100 / total
    name_id = " atau ".join(item.value for item in group)
    name_en = " or ".join(item.value for item in group)
    pct_id, pct_en = _pct(size, total, indonesian=True), _pct(size, total, indonesian=False)
    head_id = f"{name_id} {size} dari {total} pegawai ({pct_id}%)"
    head_en = f"{name_en} {size} of {total} employees ({pct_en}%)"
    tail_id = f". Predikat organisasi: {org}."
    tail_en = f". Unit predikat: {org}."
    limit = rule.limit
    if rule.kind is RuleKind.LARGEST:
        assert rival is not None
        rival_id = _pct(counts[rival], total, indonesian=True)
        rival_en = _pct(counts[rival], total, indonesian=False)
        body_id = f" bukan kelompok terbesar: {rival} {counts[rival]} pegawai ({rival_id}%)"
        body_en = f" is not the largest group: {rival} has {counts[rival]} ({rival_en}%)"
    else:
        assert limit is not None
        lim_id = decimal_text(limit, indonesian=True)
        lim_en = decimal_text(limit, indonesian=False)
        body_id, body_en = {
            RuleKind.AT_MOST_PCT: (f" melebihi batas {lim_id}%", f" exceeds the {lim_en}% limit"),
            RuleKind.AT_LEAST_PCT: (
                f" di bawah minimum {lim_id}%",
                f" is below the {lim_en}% minimum",
            ),
            RuleKind.AT_MOST_COUNT: (
                f" melebihi batas {lim_id} pegawai" if limit else ", padahal seharusnya tidak ada",
                f" exceeds the limit of {lim_en}" if limit else ", but none are expected",
            ),
            RuleKind.AT_LEAST_COUNT: (
                f" di bawah minimum {lim_id} pegawai",
                f" is below the minimum of {lim_en}",
            ),
        }[rule.kind]
    return CurveWarning(
        rule_id=rule.id,
        org_predikat=org,
        kind=rule.kind,
        predikats=group,
        count=size,
        total=total,
        pct=pct,
        limit=limit,
        counts=counts,
        percentages=percentages,
        message_id=head_id + body_id + tail_id,
        message_en=head_en + body_en + tail_en,
    )
