"""Closing a year runs its periods, fills the talent pool and feeds payroll exports (real infra)."""

import io

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from contracts import RewardGranted, TalentPoolChanged
from rewards.app import create_app
from rewards.settings import RewardsSettings
from tests import factories
from tests.integration.live import eventually
from tests.integration.rewards.conftest import close_year, final, hr, published, scores_kept, staff
from tests.integration.service import running


async def test_closing_years_runs_their_periods_and_two_excellent_years_enter_the_talent_pool() -> (
    None
):
    async with running(create_app, RewardsSettings, "rewards") as rewards:
        ppk, star, steady = factories.nip(), factories.nip(), factories.nip()
        await staff(rewards, {"unit-a": [star, steady]}, ppk)
        await scores_kept(
            rewards,
            *(
                final(rewards, star, f"{year}-12", 93.0, predikat="SANGAT_BAIK")
                for year in (2024, 2025)
            ),
            *(final(rewards, steady, f"{year}-12", 84.0) for year in (2024, 2025)),
        )
        runner = rewards.app.state.runner
        for year in (2024, 2025):
            await close_year(rewards, year)

            async def ran(year: int = year) -> bool:
                return await runner.get(rewards.region, str(year)) is not None

            await eventually(ran, seconds=60, what=f"the runs of {year}")
        runs = (await rewards.client.get("/rewards/runs", headers=hr(rewards))).json()["items"]
        assert [item["period"] for item in runs] == [
            "2025",
            "2025-Q4",
            "2025-12",
            "2024",
            "2024-Q4",
            "2024-12",
        ]
        entered = await published(rewards, TalentPoolChanged, 1)
        assert [(item["nip"], item["period"], item["entered"]) for item in entered] == [
            (star, "2025", True)
        ]
        pool = (await rewards.client.get("/rewards/talent-pool", headers=hr(rewards))).json()[
            "items"
        ]
        assert [item["nip"] for item in pool] == [star]
        # Monthly (unit, region), quarterly (region) and yearly (unit, region) awards, per year.
        assert len(await published(rewards, RewardGranted, 2 * (3 + 2 + 3))) == 16


async def test_the_allowance_export_opens_as_a_spreadsheet_and_says_when_there_are_no_scores() -> (
    None
):
    async with running(create_app, RewardsSettings, "rewards") as rewards:
        ppk, worker = factories.nip(), factories.nip()
        await staff(rewards, {"unit-a": [worker]}, ppk)
        await scores_kept(
            rewards, final(rewards, worker, "2025-12", 84.0, predikat="BUTUH_PERBAIKAN")
        )
        client = rewards.client
        bad = {"text": f"nip,tpp_dasar_rp\n123,5000000\n{worker},5000000.50"}
        refused = await client.post("/rewards/tpp-bases", json=bad, headers=hr(rewards))
        assert refused.status_code == 422
        assert [item["field"] for item in refused.json()["errors"]] == [
            "baris 2.nip",
            "baris 3.tpp_dasar_rp",
        ]
        bases = {"text": f"nip,tpp_dasar_rp\n{worker},5.000.000"}
        stored = await client.post("/rewards/tpp-bases", json=bases, headers=hr(rewards))
        assert stored.json() == {"stored": 1}
        csv = await client.get("/rewards/exports/allowance?period=2025-12", headers=hr(rewards))
        assert csv.status_code == 200, csv.text
        header, row = csv.text.splitlines()
        assert header.startswith("nip,nama,unit_id,periode,predikat")
        assert row.startswith(f"{worker},ASN {worker[-4:]},unit-a,2025-12,BUTUH_PERBAIKAN")
        # 60% performance paid at 75% for BUTUH_PERBAIKAN, 40% discipline in full.
        assert ",5000000,2250000,2000000,0,4250000," in row
        xlsx = await client.get(
            "/rewards/exports/allowance?period=2025-12&format=xlsx", headers=hr(rewards)
        )
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        assert [cell.value for cell in sheet[2]][:5] == [
            worker,
            f"ASN {worker[-4:]}",
            "unit-a",
            "2025-12",
            "BUTUH_PERBAIKAN",
        ]
        empty = await client.get("/rewards/exports/allowance?period=2025-06", headers=hr(rewards))
        assert empty.status_code == 404
        assert "Belum ada nilai" in empty.json()["detail"]
        staff_only = rewards.bearer(worker)
        assert (
            await client.get("/rewards/exports/allowance?period=2025-12", headers=staff_only)
        ).status_code == 403


async def test_a_month_nobody_ran_is_awarded_by_itself_once_its_ratings_are_due(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REWARDS_AUTO_RUN_INTERVAL_SECONDS", "0.5")
    async with running(create_app, RewardsSettings, "rewards") as rewards:
        ppk, worker = factories.nip(), factories.nip()
        await staff(rewards, {"unit-a": [worker]}, ppk)
        await scores_kept(rewards, final(rewards, worker, "2025-10", 88.0))
        runner = rewards.app.state.runner

        async def ran() -> bool:
            return all([await runner.get(rewards.region, period) for period in ("2025-10", "2025")])

        await eventually(ran, seconds=60, what="the automatic runs of October 2025 and 2025")
        october = await runner.get(rewards.region, "2025-10")
        assert october["first_by"] == "rewards"
        granted = await published(rewards, RewardGranted, 3)  # October: unit and region; Q4
        assert {item["period"] for item in granted} >= {"2025-10", "2025-Q4"}
