"""The SKP planning form: RHK blocks with IKI rows, to and from the API's ``rhk`` list.

Inputs are named by the API's paths (``rhk.0.iki.1.target``). Each RHK gets one spare IKI row
and the plan one spare RHK block; rows left empty are not sent, and the service's error paths
are mapped back to the rows as shown.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from gateway.webui.forms import number

RHK_FIELDS = (
    "rhk_id",
    "title",
    "kind",
    "parent_rhk_id",
    "unit_goal_id",
    "cascading",
    "perspective",
)
IKI_FIELDS = ("iki_id", "name", "aspek", "target", "unit", "direction")
ASPEK = ("kuantitas", "kualitas", "waktu", "biaya")
DIRECTIONS = ("higher_is_better", "lower_is_better")
KINDS = ("utama", "tambahan")
CASCADING = ("direct", "non_direct")
_PATH = re.compile(r"^rhk\.(\d+)(?:\.iki\.(\d+))?(.*)$")


def values_from_plan(rhk: list[dict[str, Any]]) -> dict[str, str]:
    """Form values showing a stored plan."""
    values: dict[str, str] = {}
    for i, item in enumerate(rhk):
        for name in RHK_FIELDS:
            if item.get(name) is not None:
                values[f"rhk.{i}.{name}"] = str(item[name])
        for j, iki in enumerate(item.get("iki", [])):
            for name in IKI_FIELDS:
                if iki.get(name) is not None:
                    values[f"rhk.{i}.iki.{j}.{name}"] = _shown(iki[name])
    return values


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _indices(values: dict[str, str], pattern: str) -> list[int]:
    found = {int(match[1]) for name in values if (match := re.match(pattern, name))}
    return sorted(found)


def _blocks(values: dict[str, str]) -> list[int]:
    return [i for i in _indices(values, r"^rhk\.(\d+)\.") if _filled(values, f"rhk.{i}.")]


def _rows(values: dict[str, str], block: int) -> list[int]:
    prefix = f"rhk.{block}.iki."
    rows = _indices(values, rf"^{re.escape(prefix)}(\d+)\.")
    return [row for row in rows if _filled(values, f"{prefix}{row}.")]


def shape(values: dict[str, str]) -> list[int]:
    """IKI rows per RHK block to show: as typed plus a spare row, and one spare block."""
    blocks = _blocks(values)
    last = max(blocks, default=-1)
    layout = []
    for block in range(last + 1):
        rows = _rows(values, block)
        layout.append(max(rows, default=-1) + 2)
    return [*layout, 2]


def _filled(values: dict[str, str], prefix: str) -> bool:
    # Selects always have a value; a row or block counts as typed when a text input has one.
    return any(
        value and name.startswith(prefix) and name.rsplit(".", 1)[-1] in _TYPED
        for name, value in values.items()
    )


_TYPED = frozenset({"title", "name", "target", "unit"})


@dataclass
class PlanBody:
    """The ``rhk`` list to send, and which shown block/row each sent item came from."""

    rhk: list[dict[str, Any]] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    rows: list[list[int]] = field(default_factory=list)

    def shown_path(self, path: str) -> str:
        """An error path of the sent body as the path of the input that showed it."""
        match = _PATH.match(path)
        if not match:
            return path
        sent_block, sent_row, rest = int(match[1]), match[2], match[3]
        if sent_block >= len(self.blocks):
            return path
        block = self.blocks[sent_block]
        if sent_row is None:
            return f"rhk.{block}{rest}"
        row_index = int(sent_row)
        rows = self.rows[sent_block]
        row = rows[row_index] if row_index < len(rows) else row_index
        return f"rhk.{block}.iki.{row}{rest}"


def body_from_values(values: dict[str, str]) -> PlanBody:
    """The plan as typed, without empty blocks and rows; new RHK and IKI get free ids."""
    body = PlanBody()
    taken_rhk = {v for k, v in values.items() if re.fullmatch(r"rhk\.\d+\.rhk_id", k) and v}
    for block in _blocks(values):
        prefix = f"rhk.{block}."
        item: dict[str, Any] = {
            name: values[prefix + name] for name in RHK_FIELDS if values.get(prefix + name)
        }
        item.setdefault("rhk_id", _next_id("rhk", taken_rhk))
        taken_iki = {
            v
            for k, v in values.items()
            if k.startswith(prefix + "iki.") and k.endswith(".iki_id") and v
        }
        rows = _rows(values, block)
        item["iki"] = [_indicator(values, f"{prefix}iki.{row}.", taken_iki) for row in rows]
        body.rhk.append(item)
        body.blocks.append(block)
        body.rows.append(rows)
    return body


def _indicator(values: dict[str, str], prefix: str, taken: set[str]) -> dict[str, Any]:
    iki: dict[str, Any] = {
        name: values[prefix + name] for name in IKI_FIELDS if values.get(prefix + name)
    }
    iki.setdefault("iki_id", _next_id("iki", taken))
    if "target" in iki:
        iki["target"] = number(iki["target"])
    return iki


def _next_id(prefix: str, taken: set[str]) -> str:
    number_ = 1
    while f"{prefix}-{number_}" in taken:
        number_ += 1
    taken.add(f"{prefix}-{number_}")
    return f"{prefix}-{number_}"
