"""Committed JSON Schema snapshots, and the rule that tells a safe change from a breaking one."""

import json
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel, Field

from contracts import EVENTS
from contracts.snapshots import Schema, breaking_changes, check, schema_of, snapshot_path, write

SCHEMAS = Path(__file__).resolve().parents[2] / "contracts" / "schemas"


def obj(required: tuple[str, ...] = (), **properties: Schema) -> Schema:
    return {"type": "object", "properties": properties, "required": list(required)}


STRING: Schema = {"type": "string"}
NULLABLE_STRING: Schema = {"anyOf": [{"type": "string"}, {"type": "null"}]}


def test_committed_snapshots_are_current_and_compatible() -> None:
    breaking, stale = check(SCHEMAS)

    assert breaking == []
    assert stale == []


def test_every_event_has_its_own_snapshot_file() -> None:
    expected = {snapshot_path(SCHEMAS, event_class).name for event_class in EVENTS}

    assert {path.name for path in SCHEMAS.glob("*.json")} == expected


def test_fresh_snapshots_check_clean(tmp_path: Path) -> None:
    assert write(tmp_path) == []
    assert check(tmp_path) == ([], [])


def test_missing_snapshot_is_reported_stale(tmp_path: Path) -> None:
    write(tmp_path)
    snapshot_path(tmp_path, EVENTS[0]).unlink()

    breaking, stale = check(tmp_path)

    assert breaking == []
    assert [line.split(":")[0] for line in stale] == [f"{EVENTS[0].topic()}.json"]


def test_write_refuses_to_overwrite_a_snapshot_with_a_breaking_schema(tmp_path: Path) -> None:
    write(tmp_path)
    path = snapshot_path(tmp_path, EVENTS[0])
    committed = json.loads(path.read_text())
    committed["properties"]["retired_field"] = {"type": "string"}
    path.write_text(json.dumps(committed))

    refused = write(tmp_path)

    assert refused == [f"{path.name} $.retired_field: removed"]
    assert json.loads(path.read_text()) == committed
    assert check(tmp_path)[0] == refused


def test_removed_property_is_breaking() -> None:
    old = obj(nip=STRING, note=STRING)

    assert breaking_changes(old, obj(nip=STRING)) == ["$.note: removed"]


def test_new_required_property_is_breaking() -> None:
    new = obj(("nip", "unit_id"), nip=STRING, unit_id=STRING)

    assert breaking_changes(obj(("nip",), nip=STRING), new) == ["$.unit_id: became required"]


def test_optional_property_becoming_required_is_breaking() -> None:
    old, new = obj(nip=STRING), obj(("nip",), nip=STRING)

    assert breaking_changes(old, new) == ["$.nip: became required"]


def test_nullable_narrowed_to_non_null_is_breaking() -> None:
    problems = breaking_changes(obj(name=NULLABLE_STRING), obj(name=STRING))

    assert problems == ["$.name: no longer accepts ['null']"]


def test_changed_type_is_breaking() -> None:
    assert breaking_changes(obj(year={"type": "integer"}), obj(year=STRING)) != []


def test_removed_enum_value_is_breaking() -> None:
    old = obj(rating={"enum": ["DIATAS", "SESUAI", "DIBAWAH"], "type": "string"})
    new = obj(rating={"enum": ["DIATAS", "SESUAI"], "type": "string"})

    assert breaking_changes(old, new) == ["$.rating: no longer accepts ['enum:\"DIBAWAH\"']"]


def test_new_optional_property_is_safe() -> None:
    assert breaking_changes(obj(("nip",), nip=STRING), obj(("nip",), nip=STRING, note=STRING)) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (STRING, NULLABLE_STRING),
        ({"enum": ["A"], "type": "string"}, {"enum": ["A", "B"], "type": "string"}),
        (STRING, {}),
    ],
    ids=["nullable", "enum-value-added", "any"],
)
def test_widened_type_is_safe(old: Schema, new: Schema) -> None:
    assert breaking_changes(obj(value=old), obj(value=new)) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ({"type": "string", "maxLength": 80}, {"type": "string", "maxLength": 40}),
        ({"type": "number", "minimum": 0}, {"type": "number", "exclusiveMinimum": 10}),
        ({"type": "string"}, {"type": "string", "pattern": "^\\d{18}$"}),
    ],
    ids=["max-length-lowered", "minimum-raised", "pattern-added"],
)
def test_narrowed_constraint_is_breaking(old: Schema, new: Schema) -> None:
    # Old messages (a replay from the start of the topic) would fail the new model's validation.
    assert breaking_changes(obj(value=old), obj(value=new)) != []


# The same rules on schemas pydantic derives, with nested models behind $ref.
class LineV1(BaseModel):
    code: str
    note: str | None = None


class LineV2Narrowed(BaseModel):
    code: str
    note: str = ""


class LineV2Wider(BaseModel):
    code: str
    note: str | None = None
    detail: str | None = None


class ScoreV1(BaseModel):
    kind: Literal["a", "b"]
    lines: tuple[LineV1, ...] = ()


class ScoreV2Narrowed(BaseModel):
    kind: Literal["a"]
    lines: tuple[LineV2Narrowed, ...] = ()


class ScoreV2Wider(BaseModel):
    kind: Literal["a", "b", "c"]
    lines: tuple[LineV2Wider, ...] = ()
    total: float = Field(default=0, ge=0)


def pydantic_schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(mode="serialization")


def test_changes_inside_nested_models_are_found() -> None:
    problems = breaking_changes(pydantic_schema(ScoreV1), pydantic_schema(ScoreV2Narrowed))

    assert any(line.startswith("$.kind: no longer accepts") for line in problems)
    assert "$.lines[items].note: no longer accepts ['null']" in problems


def test_compatible_evolution_of_a_pydantic_model_is_safe() -> None:
    assert breaking_changes(pydantic_schema(ScoreV1), pydantic_schema(ScoreV2Wider)) == []


@pytest.mark.parametrize("event_class", EVENTS, ids=lambda cls: cls.topic())
def test_every_event_schema_is_compatible_with_itself(event_class: Any) -> None:
    assert breaking_changes(schema_of(event_class), schema_of(event_class)) == []
