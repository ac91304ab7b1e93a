"""Importing a directory export publishes it for real, and a service's projection fills up."""

from pathlib import Path

from importer.cli import check, publish
from kit.directory import EmployeeDirectory
from kit.runtime import ServiceRuntime
from tests import factories
from tests.integration.live import KAFKA, eventually, settings_for, unique


async def test_an_imported_export_reaches_a_services_directory(tmp_path: Path) -> None:
    region = unique("r")
    export = tmp_path / "directory.csv"
    export.write_text(factories.directory_csv(units=4, staff_per_unit=30))
    result = check(export, region)
    assert result.accepted

    runtime = ServiceRuntime(settings_for())
    directory = EmployeeDirectory(runtime.db)
    directory.subscribe(runtime.consumers)
    await runtime.start()
    try:
        await publish(result, KAFKA)

        async def projected() -> bool:
            return await directory.count(region) == (1 + 4 + 4 * 30, 1 + 4)

        await eventually(projected, seconds=120, what="all employees and units in the projection")
        staff = result.employees[-1]
        stored = await directory.get(region, staff.nip)
        assert stored is not None
        assert stored["supervisor_nip"] == staff.supervisor_nip
        unit = await directory.unit(region, staff.unit_id)
        assert unit is not None
        assert unit["parent_unit_id"] == "dinas"
    finally:
        await runtime.stop()
