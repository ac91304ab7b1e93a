"""API answers shaped into the charts' bars and points (no rules: only what the services said)."""

from collections.abc import Callable
from typing import Any

from gateway.webui.charts import Bar, Point
from gateway.webui.i18n import Translator


def achievement_trend(progress: list[dict[str, Any]]) -> list[Point]:
    """Mean achievement over the IKI reported in each period, oldest period first."""
    by_period: dict[str, list[float]] = {}
    for report in progress:
        if report.get("achievement_pct") is not None:
            by_period.setdefault(report["period"], []).append(float(report["achievement_pct"]))
    return [
        Point(period, sum(values) / len(values)) for period, values in sorted(by_period.items())
    ]


def receipt_breakdown(receipt: dict[str, Any], t: Translator) -> list[Bar]:
    """Each input of the composite with its weight, coloured by source."""
    bars = []
    for item in receipt.get("inputs", []):
        weight = float(item.get("weight") or 0) * 100
        value = item.get("value")
        shown = "–" if value is None else f"{float(value):.1f}"
        bars.append(
            Bar(
                label=t.say(item),
                value=weight,
                text=t("score.weight_value", weight=f"{weight:.0f}", value=shown),
                kind=str(item.get("source", "")),
            )
        )
    return bars


def berakhlak_axes(
    summary: dict[str, Any] | None, values: list[dict[str, Any]], t: Translator
) -> list[Point]:
    """The 360 means per BerAKHLAK value that the anonymity rule lets the employee see."""
    means = (summary or {}).get("overall", {}).get("values", {}) or {}
    return [
        Point(t.pick(value.get("label"), value.get("label_en")), float(means[value["value"]]))
        for value in values
        if means.get(value["value"]) is not None
    ]


def ikm_bars(document: dict[str, Any]) -> list[Bar]:
    """IKM per survey element (NRR x 25, as scoring displays it), coloured by its band."""
    return [
        Bar(
            item["element"],
            float(item["value"]),
            f"{item['value']} ({item['band']})",
            f"band-{item['band']}",
        )
        for item in document.get("elements", [])
    ]


def distribution_bars(
    distribution: dict[str, Any], order: tuple[str, ...], t: Translator
) -> list[Bar]:
    """How many employees got each predikat, with their share of the unit."""
    counts = distribution.get("counts") or {}
    total = max(int(distribution.get("total") or 0), 1)
    return [
        Bar(
            t(f"predikat.{name}"),
            float(counts.get(name, 0)),
            f"{counts.get(name, 0)} ({100 * counts.get(name, 0) / total:.0f}%)",
        )
        for name in order
    ]


def spread_bars(
    rows: list[dict[str, Any]], label: Callable[[str], str], t: Translator
) -> list[Bar]:
    """Awards per unit or position type: the active rules' bar, then the candidate file's."""
    bars = []
    for row in rows:
        for version in ("current", "candidate"):
            count = int(row.get(version) or 0)
            name = t(f"preview.{version}")
            bars.append(
                Bar(f"{label(str(row['key']))} · {name}", float(count), str(count), version)
            )
    return bars
