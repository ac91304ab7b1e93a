"""Building blocks: catalogues, CSRF secret rules, charts, QR codes, safe return paths."""

import re
from pathlib import Path

import pytest

from gateway.webui.catalogue import english, indonesian
from gateway.webui.charts import Bar, Point, bar_chart, line_chart, radar_chart
from gateway.webui.qr import qr_svg
from gateway.webui.session import safe_next

TEMPLATES = Path(__file__).resolve().parents[3] / "services/gateway/src/gateway/webui"
# Service-provided Indonesian texts that only English translates.
ENGLISH_ONLY = re.compile(r"^(ikm\.U\d\.|officer_scale\.)")


def test_both_catalogues_have_the_same_keys() -> None:
    assert set(indonesian.MESSAGES) == {
        key for key in english.MESSAGES if not ENGLISH_ONLY.match(key)
    }


def test_every_literal_key_used_by_templates_and_pages_exists() -> None:
    used: set[str] = set()
    for path in TEMPLATES.rglob("*"):
        if path.suffix in (".html", ".py"):
            used |= set(re.findall(r"""\bt\(\s*['"]([a-z_0-9.]+)['"]""", path.read_text()))
    # A key ending in "." or "_" is a prefix completed with a value from data.
    literal = {key for key in used if not key.endswith((".", "_"))}
    assert sorted(literal - set(indonesian.MESSAGES)) == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/nilai?year=2026", "/nilai?year=2026"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        (None, "/"),
    ],
)
def test_sign_in_returns_only_to_local_pages(target: str | None, expected: str) -> None:
    assert safe_next(target) == expected


def test_charts_are_labelled_images_that_escape_their_data() -> None:
    svg = bar_chart([Bar("<b>", 50, "50%", "results")], title="Rincian & bobot", maximum=100)

    assert 'role="img"' in svg
    assert "<title" in svg
    assert "Rincian &amp; bobot" in svg
    assert "<b>" not in svg
    assert "&lt;b&gt;" in svg
    assert "style=" not in svg  # the CSP forbids inline styles


def test_line_and_radar_charts_draw_every_point() -> None:
    line = line_chart([Point("2026-10", 80), Point("2026-11", 115)], title="Tren", target=100)
    radar = radar_chart([Point(f"Nilai {n}", n % 5 + 1) for n in range(7)], title="BerAKHLAK")

    assert line.count("<circle") == 2
    assert 'class="target"' in line
    assert radar.count("<text") == 7


def test_a_qr_code_is_an_accessible_svg_without_fixed_ids() -> None:
    svg = qr_svg("https://kinerja.example/survei/abc.def.ghi", "Kode QR tiket 1")

    assert svg.startswith("<svg")
    assert 'aria-label="Kode QR tiket 1"' in svg
    assert "id=" not in svg
