"""``kinerja-import``: publish a region's directory from a CSV export, or say why not."""

import asyncio
import os
from pathlib import Path
from typing import Annotated

import typer
from prometheus_client import CollectorRegistry
from pydantic import TypeAdapter, ValidationError

from contracts import EmployeeUpserted, Event, UnitUpserted
from contracts.vocabulary import Region
from importer.chain import chain_problems
from importer.directory_csv import DirectoryImport, read_directory
from kit.broker import ensure_topics, make_broker
from kit.publishing import publish_event
from kit.settings import ServiceSettings

app = typer.Typer(
    help="Import regional exports into Kinerja as directory events.", no_args_is_help=True
)
PROGRESS_EVERY = 100


@app.callback()
def main() -> None:
    """Kinerja importers."""


def check(path: Path, region: str) -> DirectoryImport:
    """Read the file and add the supervisor-chain problems."""
    with path.open(newline="", encoding="utf-8-sig") as source:  # utf-8-sig: Excel's CSV export
        result = read_directory(source, region)
    result.problems.extend(chain_problems(result.employees, result.lines))
    result.problems.sort(key=lambda problem: problem.line)
    return result


async def publish(result: DirectoryImport, kafka: str) -> None:
    """Units first (employees refer to them), then employees, with progress on stderr."""
    settings = ServiceSettings(service_name="importer", kafka_bootstrap=kafka)
    await ensure_topics(settings, [UnitUpserted.topic(), EmployeeUpserted.topic()])
    broker = make_broker(settings, CollectorRegistry())
    events: list[Event] = [*result.units, *result.employees]
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
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV export, UTF-8")],
    region: Annotated[str, typer.Option(help="region slug, e.g. palangkaraya")],
    kafka: Annotated[str, typer.Option(help="Kafka bootstrap servers")] = os.environ.get(
        "KINERJA_KAFKA_BOOTSTRAP", "127.0.0.1:19092"
    ),
    dry_run: Annotated[bool, typer.Option(help="check only, publish nothing")] = False,
) -> None:
    """Publish units and employees of FILE for REGION; a file with any problem publishes nothing."""
    try:
        _valid_region(region)
    except ValidationError as error:
        typer.echo(
            f"wilayah tidak sah: {region!r} (huruf kecil, angka, '-', mis. palangkaraya) / "
            f"invalid region: {region!r} (lowercase slug, e.g. palangkaraya)",
            err=True,
        )
        raise typer.Exit(2) from error
    result = check(file, region)
    if not result.accepted:
        for problem in result.problems:
            typer.echo(str(problem), err=True)
        typer.echo(
            f"DITOLAK: {len(result.problems)} masalah, tidak ada yang dikirim / "
            f"REJECTED: {len(result.problems)} problem(s), nothing published",
            err=True,
        )
        raise typer.Exit(1)
    summary = f"{len(result.units)} unit, {len(result.employees)} pegawai / employees"
    if dry_run:
        typer.echo(f"OK (uji saja / dry run): {summary}")
        return
    asyncio.run(publish(result, kafka))
    typer.echo(f"OK: {summary}")


def _valid_region(region: str) -> None:
    """Regions are the slugs the contracts accept."""
    TypeAdapter(Region).validate_python(region)
