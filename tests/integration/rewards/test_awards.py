"""A month closes with winners per unit and region, once; an appeal moves an award (real infra)."""

from datetime import timedelta
from uuid import uuid4

import yaml

from contracts import RewardGranted, RewardRevoked, ScoreComputed
from kit.auth import Role
from rewards.app import create_app
from rewards.settings import RewardsSettings
from tests import factories
from tests.integration.live import region_events
from tests.integration.rewards.conftest import APPEAL, final, hr, published, scores_kept, staff
from tests.integration.service import running
from tests.unit.rewards import factories as core

MONTH = "2025-10"


def again(score: ScoreComputed) -> ScoreComputed:
    """The same score announced again (a scoring restart): new event id, later, same facts."""
    return score.model_copy(
        update={"event_id": uuid4(), "occurred_at": score.occurred_at + timedelta(seconds=5)}
    )


async def test_a_closed_month_is_awarded_once_and_an_appeal_moves_an_award() -> None:
    async with running(create_app, RewardsSettings, "rewards") as rewards:
        ppk = factories.nip()
        a1, a2, a3, b1, b2 = (factories.nip() for _ in range(5))
        await staff(rewards, {"unit-a": [a1, a2, a3], "unit-b": [b1, b2]}, ppk)
        client = rewards.client

        # A rule file that does not validate is refused with the path; the default stays.
        broken = core.rules_yaml(
            region=rewards.region, version="r0", monthly={"unit": {"top_n": 0}}
        )
        answer = await client.post("/rewards/rules", json={"text": broken}, headers=hr(rewards))
        assert answer.status_code == 422, answer.text
        assert "monthly.unit.top_n" in [item["field"] for item in answer.json()["errors"]]
        active = (await client.get("/rewards/rules", headers=hr(rewards))).json()["active"]
        assert active["version"] == core.rules_data()["version"]

        scores = [
            final(rewards, a1, MONTH, 91.0, predikat="SANGAT_BAIK"),
            final(rewards, a2, MONTH, 88.0),
            final(rewards, a3, MONTH, 70.0, predikat="KURANG"),
            final(rewards, b1, MONTH, 86.0),
            final(rewards, b2, MONTH, 95.0, receipt_=core.receipt(sources=("supervisor",))),
        ]
        await scores_kept(rewards, *scores)

        # The region's own rules: best of each unit, top 2 of the region. Preview first.
        text = core.rules_yaml(
            region=rewards.region,
            version="r1",
            monthly={"unit": {"top_n": 1}, "region": {"top_n": 2}},
        )
        preview = await client.post(
            "/rewards/rules/preview", json={"text": text, "period": MONTH}, headers=hr(rewards)
        )
        assert preview.status_code == 200, preview.text
        assert {item["nip"] for item in preview.json()["leaving"]} == {b1}  # region top 3 -> 2
        answer = await client.post("/rewards/rules", json={"text": text}, headers=hr(rewards))
        assert answer.status_code == 201, answer.text
        assert yaml.safe_load(text)["version"] == answer.json()["active"]["version"]

        # Awards of an open month are refused; only region HR runs them.
        still_open = await client.post(
            "/rewards/runs", json={"period": "2026-12"}, headers=hr(rewards)
        )
        assert still_open.status_code == 409
        assert still_open.json()["errors"][0]["field"] == "period"
        as_staff = rewards.bearer(a1, Role.PEGAWAI)
        assert (
            await client.post("/rewards/runs", json={"period": MONTH}, headers=as_staff)
        ).status_code == 403

        run = await client.post("/rewards/runs", json={"period": MONTH}, headers=hr(rewards))
        assert run.status_code == 200, run.text
        won = {(item["scope_key"], item["nip"]) for item in run.json()["awards"]}
        assert {item["name"] for item in run.json()["awards"]} == {
            f"ASN {a1[-4:]}",
            f"ASN {b1[-4:]}",
            f"ASN {a2[-4:]}",
        }
        assert won == {("unit-a", a1), ("unit-b", b1), (rewards.region, a1), (rewards.region, a2)}
        left_out = {item["nip"]: item["reasons"] for item in run.json()["ineligible"]}
        assert set(left_out) == {a3, b2}  # KURANG; one feedback source only
        granted = await published(rewards, RewardGranted, 4)

        # Running again, and scoring announcing everything again, grant nothing twice.
        rerun = await client.post("/rewards/runs", json={"period": MONTH}, headers=hr(rewards))
        assert rerun.json()["granted"] == rerun.json()["revoked"] == []
        await scores_kept(rewards, *(again(score) for score in scores))
        assert len(await region_events(RewardGranted.topic(), rewards.region)) == len(granted) == 4

        # An appeal lowers a2's result: a2 loses the region award, b1 moves up into it.
        appealed = final(
            rewards, a2, MONTH, 72.0, predikat="BUTUH_PERBAIKAN", explanation=(APPEAL,)
        )
        await scores_kept(rewards, appealed)
        revoked = await published(rewards, RewardRevoked, 1)
        assert [item["nip"] for item in revoked] == [a2]
        assert "keberatan" in revoked[0]["reason_id"]
        granted = await published(rewards, RewardGranted, 5)
        # Partitions interleave on the topic: pick the appeal's grant by its reason, not position.
        after_appeal = [item["nip"] for item in granted if "keberatan" in item["reason_id"]]
        assert after_appeal == [b1]

        # The public board and a winner's certificate.
        board = (await client.get(f"/public/rewards/board/{rewards.region}")).json()
        assert board["period"] == MONTH
        assert {(item["scope_key"], item["nip"]) for item in board["entries"]} == {
            ("unit-a", a1),
            ("unit-b", b1),
            (rewards.region, a1),
            (rewards.region, b1),
        }
        assert board["entries"][0]["name"] == f"ASN {a1[-4:]}"
        mine = (await client.get("/rewards", headers=as_staff)).json()["items"]
        assert {item["status"] for item in mine} == {"granted"}
        pdf = await client.get(
            f"/rewards/awards/{mine[0]['award_id']}/certificate.pdf", headers=as_staff
        )
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF")
        others = rewards.bearer(b2, Role.PEGAWAI)
        denied = await client.get(
            f"/rewards/awards/{mine[0]['award_id']}/certificate.pdf", headers=others
        )
        assert denied.status_code == 403


async def test_the_board_of_a_region_without_runs_is_empty() -> None:
    async with running(create_app, RewardsSettings, "rewards") as rewards:
        board = await rewards.client.get(f"/public/rewards/board/{rewards.region}")
        assert board.status_code == 200
        assert board.json()["entries"] == []
