"""``kinerja-import``: publish a region's CSV exports (directory, attendance), or say why not."""

import asyncio
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TextIO, TypeVar

import typer
from prometheus_client import CollectorRegistry
from pydantic import TypeAdapter, ValidationError

from contracts.vocabulary import Region
from importer.attendance_csv import read_attendance
from importer.chain import chain_problems
from importer.csv_file import CsvImport
from importer.directory_csv import DirectoryImport, read_directory
from kit.broker import ensure_topics, make_broker
from kit.publishing import publish_event
from kit.settings import ServiceSettings

app = typer.Typer(
    help="Import regional exports into Kinerja as events (directory, attendance).",
    no_args_is_help=True,
)
PROGRESS_EVERY = 100
Read = TypeVar("Read", bound=CsvImport)

File = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV export, UTF-8")]
RegionOption = Annotated[str, typer.Option(help="region slug, e.g. palangkaraya")]
KafkaOption = Annotated[str, typer.Option(help="Kafka bootstrap servers")]
DryRun = Annotated[bool, typer.Option(help="check only, publish nothing")]
KAFKA = os.environ.get("KINERJA_KAFKA_BOOTSTRAP", "127.0.0.1:19092")


@app.callback()
def main() -> None:
    """Kinerja importers."""


def read(path: Path, region: str, reader: Callable[[TextIO, str], Read]) -> Read:
    """Parse one export with its reader."""
    with path.open(newline="", encoding="utf-8-sig") as source:  # utf-8-sig: Excel's CSV export
        return reader(source, region)


def check(path: Path, region: str) -> DirectoryImport:
    """Read the file and add the supervisor-chain problems."""
    result = read(path, region, read_directory)
    result.problems.extend(chain_problems(result.employees, result.lines))
    result.problems.sort(key=lambda problem: problem.line)
    return result


async def publish(result: CsvImport, kafka: str) -> None:
    """Every event of an accepted file in its order, with progress on stderr."""
    events = result.events()
    settings = ServiceSettings(service_name="importer", kafka_bootstrap=kafka)
    await ensure_topics(settings, {event.topic() for event in events})
    broker = make_broker(settings, CollectorRegistry())
    await broker.start()
    try:
        for done, event in enumerate(events, start=1):
            await publish_event(broker, event)
            if done % PROGRESS_EVERY == 0 or done == len(events):
                typer.echo(
                    f"terkirim {done}/{len(events)} / published {done}/{len(events)}", err=True
                )
    finally:
        await broker.stop()


@app.command()
def directory(
    file: File, region: RegionOption, kafka: KafkaOption = KAFKA, dry_run: DryRun = False
) -> None:
    """Publish units and employees of FILE for REGION; a file with any problem publishes nothing."""
    _require_region(region)
    _finish(check(file, region), kafka, dry_run=dry_run)


@app.command()
def attendance(
    file: File, region: RegionOption, kafka: KafkaOption = KAFKA, dry_run: DryRun = False
) -> None:
    """Publish one attendance day per row of FILE for REGION; any problem publishes nothing."""
    _require_region(region)
    _finish(read(file, region, read_attendance), kafka, dry_run=dry_run)


def _require_region(region: str) -> None:
    """Regions are the slugs the contracts accept; anything else exits with 2."""
    try:
        TypeAdapter(Region).validate_python(region)
    except ValidationError as error:
        typer.echo(
            f"wilayah tidak sah: {region!r} (huruf kecil, angka, '-', mis. palangkaraya) / "
            f"invalid region: {region!r} (lowercase slug, e.g. palangkaraya)",
            err=True,
        )
        raise typer.Exit(2) from error


def _finish(result: CsvImport, kafka: str, *, dry_run: bool) -> None:
    """All or nothing: report every problem and exit 1, or check only, or publish everything."""
    if not result.accepted:
        for problem in result.problems:
            typer.echo(str(problem), err=True)
        typer.echo(
            f"DITOLAK: {len(result.problems)} masalah, tidak ada yang dikirim / "
            f"REJECTED: {len(result.problems)} problem(s), nothing published",
            err=True,
        )
        raise typer.Exit(1)
    if dry_run:
        typer.echo(f"OK (uji saja / dry run): {result.summary}")
        return
    asyncio.run(publish(result, kafka))
    typer.echo(f"OK: {result.summary}")
