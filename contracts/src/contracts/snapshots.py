"""JSON Schema snapshots of every event, and the rule for what counts as a breaking change.

``python -m contracts.snapshots write DIR`` regenerates the committed snapshots but refuses to
overwrite one with an incompatible schema: a breaking change needs a new class and a ``.v2``
topic instead. ``check DIR`` reports breaking and stale snapshots.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from contracts.envelope import Event
from contracts.registry import EVENTS

Schema = dict[str, Any]


def schema_of(event_class: type[Event]) -> Schema:
    """The JSON Schema a consumer in another language would validate against."""
    return event_class.model_json_schema(mode="serialization")


def _resolve(schema: Schema, root: Schema) -> Schema:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _resolve(root["$defs"][ref.removeprefix("#/$defs/")], root)
    return schema


def _types(schema: Schema, root: Schema) -> set[str]:
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        return set().union(*(_types(option, root) for option in schema["anyOf"]))
    if "const" in schema:
        return {f"const:{json.dumps(schema['const'])}"}
    if "enum" in schema:
        return {f"enum:{json.dumps(value)}" for value in schema["enum"]}
    kind = schema.get("type", "any")
    return {kind} if isinstance(kind, str) else set(kind)


def breaking_changes(old: Schema, new: Schema, path: str = "$") -> list[str]:
    """Why ``new`` would break a consumer or producer written against ``old`` (empty: safe).

    Breaking: a property removed or newly required, a value no longer accepted (type, enum,
    const), or a constraint narrowed, since old messages replayed from a topic's start must
    still parse.
    """
    return _compare(old, new, old, new, path)


# Constraints where a larger value accepts less, and where a smaller value accepts less.
_UPPER_BOUNDS = ("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties")
_LOWER_BOUNDS = ("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties")


def _still_accepted(kind: str, new_types: set[str]) -> bool:
    """Whether a value kind of the old schema is covered by a wider kind of the new one."""
    if kind == "integer" and "number" in new_types:
        return True
    if kind.startswith(("enum:", "const:")):
        value = json.loads(kind.split(":", 1)[1])
        json_type = {str: "string", bool: "boolean", int: "integer", float: "number"}.get(
            type(value), ""
        )
        return json_type in new_types or (json_type == "integer" and "number" in new_types)
    return False


def _narrowed_constraints(old: Schema, new: Schema, path: str) -> list[str]:
    problems: list[str] = []
    for key in _UPPER_BOUNDS:
        if key in new and (key not in old or new[key] < old[key]):
            problems.append(f"{path}: {key} narrowed to {new[key]}")
    for key in _LOWER_BOUNDS:
        if key in new and (key not in old or new[key] > old[key]):
            problems.append(f"{path}: {key} narrowed to {new[key]}")
    if "pattern" in new and new.get("pattern") != old.get("pattern"):
        problems.append(f"{path}: pattern changed to {new['pattern']!r}")
    return problems


def _compare(old: Schema, new: Schema, old_root: Schema, new_root: Schema, path: str) -> list[str]:
    old, new = _resolve(old, old_root), _resolve(new, new_root)
    problems: list[str] = []
    new_types = _types(new, new_root)
    lost = {
        kind for kind in _types(old, old_root) - new_types if not _still_accepted(kind, new_types)
    }
    if lost and "any" not in new_types:
        problems.append(f"{path}: no longer accepts {sorted(lost)}")
    problems += _narrowed_constraints(old, new, path)
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for name in old_props.keys() - new_props.keys():
        problems.append(f"{path}.{name}: removed")
    old_required = set(old.get("required", []))
    for name in set(new.get("required", [])) - old_required:
        problems.append(f"{path}.{name}: became required")
    for name in old_props.keys() & new_props.keys():
        problems += _compare(old_props[name], new_props[name], old_root, new_root, f"{path}.{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
            problems += _compare(old[key], new[key], old_root, new_root, f"{path}[{key}]")
    for key in ("anyOf",):
        old_options, new_options = old.get(key, []), new.get(key, [])
        if len(old_options) == len(new_options):
            for index, (before, after) in enumerate(zip(old_options, new_options, strict=True)):
                problems += _narrowed_constraints(
                    _resolve(before, old_root), _resolve(after, new_root), f"{path}|{index}"
                )
    return problems


def snapshot_path(directory: Path, event_class: type[Event]) -> Path:
    """One file per topic, so a ``.v2`` topic gets a file beside its ``.v1``."""
    return directory / f"{event_class.topic()}.json"


def _render(schema: Schema) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def check(directory: Path) -> tuple[list[str], list[str]]:
    """Breaking changes and stale or missing snapshots, as readable lines."""
    breaking: list[str] = []
    stale: list[str] = []
    for event_class in EVENTS:
        path = snapshot_path(directory, event_class)
        current = schema_of(event_class)
        if not path.exists():
            stale.append(f"{path.name}: missing (run `make contracts`)")
            continue
        committed = json.loads(path.read_text())
        breaking += [f"{path.name} {line}" for line in breaking_changes(committed, current)]
        if path.read_text() != _render(current):
            stale.append(f"{path.name}: out of date (run `make contracts`)")
    return breaking, stale


def write(directory: Path) -> list[str]:
    """Refresh every compatible snapshot; return the breaking changes that were refused."""
    directory.mkdir(parents=True, exist_ok=True)
    refused: list[str] = []
    for event_class in EVENTS:
        path = snapshot_path(directory, event_class)
        current = schema_of(event_class)
        if path.exists():
            problems = breaking_changes(json.loads(path.read_text()), current)
            if problems:
                refused += [f"{path.name} {line}" for line in problems]
                continue
        path.write_text(_render(current))
    return refused


def main(argv: list[str] | None = None) -> int:
    """Command line for `make contracts` and for CI."""
    parser = argparse.ArgumentParser(prog="python -m contracts.snapshots", description=__doc__)
    parser.add_argument("command", choices=["write", "check"])
    parser.add_argument("directory", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        refused = write(args.directory)
        for line in refused:
            print(f"REFUSED (breaking; add a new .v2 class instead): {line}", file=sys.stderr)
        print(f"wrote {len(EVENTS) - len(refused)} snapshot(s) to {args.directory}")
        return 1 if refused else 0
    breaking, stale = check(args.directory)
    for line in breaking + stale:
        print(line, file=sys.stderr)
    return 1 if breaking or stale else 0


if __name__ == "__main__":
    sys.exit(main())
