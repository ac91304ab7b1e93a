"""Reading and publishing a region's reward rule file: refused with path and reason, or adopted.

A file that does not validate never replaces the active version: ``publish`` returns the
previous rules together with every problem, each naming its path (``monthly.unit.top_n``) and
the reason in Bahasa Indonesia and English.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from rewards.bilingual import Text
from rewards.rulebook import RewardRules

MAX_FILE_CHARS = 200_000  # a rule file is a page of settings; anything larger is a mistake
DEFAULT_RULES = "default_rules.yaml"

# pydantic error type -> (Indonesian, English) with the error's context fields.
_REASONS: Mapping[str, tuple[str, str]] = {
    "missing": ("wajib diisi", "is required"),
    "extra_forbidden": ("kunci tidak dikenal", "unknown key"),
    "greater_than_equal": ("harus paling kecil {ge}", "must be at least {ge}"),
    "less_than_equal": ("harus paling besar {le}", "must be at most {le}"),
    "greater_than": ("harus lebih besar dari {gt}", "must be greater than {gt}"),
    "less_than": ("harus lebih kecil dari {lt}", "must be less than {lt}"),
    "int_type": ("harus bilangan bulat", "must be a whole number"),
    "int_parsing": ("harus bilangan bulat", "must be a whole number"),
    "int_from_float": ("harus bilangan bulat", "must be a whole number"),
    "bool_type": ("harus true atau false", "must be true or false"),
    "bool_parsing": ("harus true atau false", "must be true or false"),
    "string_type": ("harus teks (beri tanda kutip)", "must be text (put it in quotes)"),
    "string_pattern_mismatch": ("formatnya tidak sesuai ({pattern})", "has the wrong format ({pattern})"),
    "string_too_short": ("terlalu pendek", "is too short"),
    "string_too_long": ("terlalu panjang (paling banyak {max_length})", "is too long (at most {max_length})"),
    "enum": ("harus salah satu dari: {expected}", "must be one of: {expected}"),
    "literal_error": ("harus salah satu dari: {expected}", "must be one of: {expected}"),
    "decimal_parsing": ("harus angka", "must be a number"),
    "decimal_type": ("harus angka", "must be a number"),
    "finite_number": ("harus angka terhingga", "must be a finite number"),
    "model_type": ("harus berupa pemetaan kunci: nilai", "must be a mapping of key: value"),
    "model_attributes_type": ("harus berupa pemetaan kunci: nilai", "must be a mapping of key: value"),
    "dict_type": ("harus berupa pemetaan kunci: nilai", "must be a mapping of key: value"),
    "tuple_type": ("harus berupa daftar", "must be a list"),
    "list_type": ("harus berupa daftar", "must be a list"),
}  # fmt: skip


@dataclass(frozen=True)
class RuleProblem:
    """One thing wrong in a rule file: where (a dotted path) and why, in both languages."""

    path: str
    id: str
    en: str


@dataclass(frozen=True)
class RulesRefused:
    """A rule file that was not accepted, with every problem found in it."""

    source: str
    problems: tuple[RuleProblem, ...]

    def message(self) -> Text:
        """All problems as one bilingual message, for an API answer or a log line."""
        return Text(
            "rules.refused",
            f"Aturan {self.source} ditolak: "
            + "; ".join(f"{item.path}: {item.id}" for item in self.problems),
            f"Rules {self.source} refused: "
            + "; ".join(f"{item.path}: {item.en}" for item in self.problems),
        )


@dataclass(frozen=True)
class Publication:
    """The outcome of publishing a rule file: the rules now active, and the refusal if any."""

    active: RewardRules
    refused: RulesRefused | None

    @property
    def adopted(self) -> bool:
        """True when the file's version became the active one."""
        return self.refused is None


def parse_rules(text: str, *, source: str) -> RewardRules | RulesRefused:
    """Rules from a file's text (JSON when ``source`` ends in ``.json``, YAML otherwise)."""
    if len(text) > MAX_FILE_CHARS:
        return _refused(
            source,
            "file",
            f"berkas lebih dari {MAX_FILE_CHARS} karakter",
            f"file over {MAX_FILE_CHARS} characters",
        )
    try:
        raw = _read_json(text) if source.endswith(".json") else _read_yaml(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        where, reason = _syntax_problem(error)
        return _refused(
            source, where, f"sintaks tidak valid: {reason}", f"invalid syntax: {reason}"
        )
    except _DuplicateKeyError as error:
        return _refused(source, error.path, "kunci ditulis dua kali", "key written twice")
    if not isinstance(raw, Mapping):
        return _refused(
            source,
            "file",
            "isi berkas harus berupa pemetaan kunci: nilai",
            "the file must hold a mapping of key: value",
        )
    return validate_rules(raw, source=source)


def validate_rules(raw: Mapping[str, Any], *, source: str) -> RewardRules | RulesRefused:
    """Rules from already parsed data (e.g. a JSON body), or every problem with its path."""
    try:
        return RewardRules.model_validate(raw)
    except ValidationError as error:
        problems = tuple(_problem(item) for item in error.errors(include_url=False))
        return RulesRefused(source, problems)


def publish(active: RewardRules, text: str, *, source: str) -> Publication:
    """Adopt a new version, or keep ``active`` and say why the file was refused."""
    parsed = parse_rules(text, source=source)
    if isinstance(parsed, RulesRefused):
        return Publication(active, parsed)
    if parsed.version == active.version and parsed != active:
        return Publication(
            active,
            _refused(
                source,
                "version",
                f"versi {parsed.version} sudah dipakai dengan isi lain; beri nomor versi baru",
                f"version {parsed.version} is already used with other content; give a new version",
            ),
        )
    if active.region is not None and parsed.region != active.region:
        return Publication(
            active,
            _refused(
                source,
                "region",
                f"berkas untuk daerah {parsed.region}, bukan {active.region}",
                f"the file is for region {parsed.region}, not {active.region}",
            ),
        )
    return Publication(parsed, None)


def default_rules() -> RewardRules:
    """The shipped template (``default_rules.yaml``); a broken one is a release bug, so it raises."""
    text = resources.files("rewards").joinpath(DEFAULT_RULES).read_text(encoding="utf-8")
    parsed = parse_rules(text, source=DEFAULT_RULES)
    if isinstance(parsed, RulesRefused):
        raise ValueError(parsed.message().en)
    return parsed


def _refused(source: str, path: str, id_text: str, en_text: str) -> RulesRefused:
    return RulesRefused(source, (RuleProblem(path, id_text, en_text),))


class _DuplicateKeyError(ValueError):
    """A key written twice: YAML and JSON parsers silently keep the last, we refuse."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def _read_json(text: str) -> object:
    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        twice = sorted({key for key in keys if keys.count(key) > 1})
        if twice:
            raise _DuplicateKeyError(", ".join(twice))
        return dict(pairs)

    result: object = json.loads(text, object_pairs_hook=unique)
    return result


def _read_yaml(text: str) -> object:
    _refuse_duplicate_keys(yaml.compose(text, Loader=yaml.SafeLoader), "")
    result: object = yaml.safe_load(text)
    return result


def _refuse_duplicate_keys(node: Any, path: str) -> None:
    """Walk the composed YAML nodes; a mapping key seen twice names its dotted path."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            where = f"{path}.{key}" if path else key
            if key in seen:
                raise _DuplicateKeyError(where)
            seen.add(key)
            _refuse_duplicate_keys(value_node, where)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _refuse_duplicate_keys(item, f"{path}[{index}]")


def _syntax_problem(error: Exception) -> tuple[str, str]:
    """Where the parser stopped (line and column) and its short reason."""
    if isinstance(error, json.JSONDecodeError):
        return f"line {error.lineno}, column {error.colno}", error.msg
    mark = getattr(error, "problem_mark", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else "file"
    return where, str(getattr(error, "problem", None) or error)


def _path(location: tuple[int | str, ...]) -> str:
    text = "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}"
        for part in location
        if part != "[key]"  # pydantic marks an invalid mapping key; the key itself is enough
    )
    return text.lstrip(".") or "file"


def _problem(item: ErrorDetails) -> RuleProblem:
    """Our own checks carry both texts; pydantic's types are translated, the rest passed on."""
    context: dict[str, Any] = dict(item.get("ctx") or {})
    if item["type"] == "reward_rule":
        return RuleProblem(_path(item["loc"]), str(context["id"]), str(context["en"]))
    templates = _REASONS.get(item["type"])
    if templates is None:
        return RuleProblem(_path(item["loc"]), f"nilai tidak valid: {item['msg']}", item["msg"])
    id_text = templates[0].format(**_in_indonesian(context))
    en_text = templates[1].format(**context)
    return RuleProblem(_path(item["loc"]), id_text, en_text)


def _in_indonesian(context: dict[str, Any]) -> dict[str, Any]:
    """Pydantic lists choices as "'A' or 'B'"; the Indonesian reason says "atau"."""
    return {key: str(value).replace(" or ", " atau ") for key, value in context.items()}
