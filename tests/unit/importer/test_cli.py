"""``kinerja-import``: every command checks the region, rejects a bad file whole, or dry-runs."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from importer.cli import app

EXAMPLES = Path(__file__).parents[3] / "tools/importer/examples"
# command -> (example export, what its dry run counts)
COMMANDS = {
    "directory": (EXAMPLES / "directory-example.csv", "2 unit, 4 pegawai"),
    "attendance": (EXAMPLES / "attendance-example.csv", "10 hari kehadiran, 3 pegawai"),
}
UNREACHABLE = ["--kafka", "127.0.0.1:1"]  # a broker that would fail any attempt to publish


@pytest.mark.parametrize("command", COMMANDS)
def test_a_rejected_file_publishes_nothing_and_exits_1(command: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("nip\n199203102015032003\n")

    result = CliRunner().invoke(app, [command, str(bad), "--region", "palangkaraya", *UNREACHABLE])

    assert result.exit_code == 1
    assert "DITOLAK: 1 masalah, tidak ada yang dikirim / REJECTED: 1 problem(s)" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_an_invalid_region_exits_2(command: str) -> None:
    example, _ = COMMANDS[command]

    result = CliRunner().invoke(app, [command, str(example), "--region", "Palangka Raya"])

    assert result.exit_code == 2


@pytest.mark.parametrize("command", COMMANDS)
def test_a_dry_run_checks_without_publishing(command: str) -> None:
    example, counted = COMMANDS[command]

    result = CliRunner().invoke(
        app, [command, str(example), "--region", "palangkaraya", "--dry-run", *UNREACHABLE]
    )

    assert result.exit_code == 0
    assert f"OK (uji saja / dry run): {counted}" in result.output
