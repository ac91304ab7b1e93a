"""A weak final result opens a coaching plan that is followed to the next result (real infra)."""

from contracts import CoachingPlanChanged
from kit.auth import Role
from rewards.app import create_app
from rewards.settings import RewardsSettings
from tests import factories
from tests.integration.rewards.conftest import final, hr, published, scores_kept, staff
from tests.integration.service import running
from tests.unit.rewards import factories as core


async def test_a_weak_result_opens_a_plan_that_is_followed_and_linked_to_the_next_result() -> None:
    async with running(create_app, RewardsSettings, "rewards") as rewards:
        ppk, worker, colleague = factories.nip(), factories.nip(), factories.nip()
        await staff(rewards, {"unit-a": [worker, colleague]}, ppk)
        client = rewards.client
        as_ppk = rewards.bearer(ppk, Role.PPK)
        as_worker = rewards.bearer(worker, Role.PEGAWAI)
        weak = core.receipt(improve=(core.line("value.kolaboratif", "kolaborasi"),))
        await scores_kept(
            rewards, final(rewards, worker, "2025-10", 58.0, predikat="KURANG", receipt_=weak)
        )

        plans = (await client.get("/rewards/coaching", headers=as_ppk)).json()
        assert plans["total"] == 1, plans
        plan_id = plans["items"][0]["plan_id"]
        assert plans["items"][0]["name"] == f"ASN {worker[-4:]}"
        plan = (await client.get(f"/rewards/coaching/{plan_id}", headers=as_worker)).json()
        assert plan["coach_nip"] == ppk
        assert [track["kind"] for track in plan["tracks"]] == ["counselling"]
        assert plan["goals"][0]["code"] == "value.kolaboratif"
        assert plan["goals"][0]["from_receipt"]

        # The coach records a session and a check; the coachee rates the session, once.
        session = {
            "held_on": plan["started_on"],
            "kind": "counselling",
            "notes": "Sepakat rapat mingguan.",
        }
        by_worker = await client.post(
            f"/rewards/coaching/{plan_id}/sessions", json=session, headers=as_worker
        )
        assert by_worker.status_code == 403
        added = await client.post(
            f"/rewards/coaching/{plan_id}/sessions", json=session, headers=as_ppk
        )
        assert added.status_code == 201, added.text
        feedback = {"session_id": "sesi-1", "helpful": 4, "comment": "Membantu"}
        given = await client.post(
            f"/rewards/coaching/{plan_id}/feedback", json=feedback, headers=as_worker
        )
        assert given.status_code == 201, given.text
        twice = await client.post(
            f"/rewards/coaching/{plan_id}/feedback", json=feedback, headers=as_worker
        )
        assert twice.status_code == 409
        assert "sudah ada" in twice.json()["detail"]
        check = {"checked_on": plan["started_on"], "scores": {"Kolaborasi": 3}}
        checked = await client.post(
            f"/rewards/coaching/{plan_id}/checks", json=check, headers=as_ppk
        )
        assert checked.status_code == 201, checked.text
        outsider = rewards.bearer(colleague, Role.PEGAWAI)
        assert (
            await client.get(f"/rewards/coaching/{plan_id}", headers=outsider)
        ).status_code == 403

        # The next month's final result is linked: improvement is visible.
        await scores_kept(rewards, final(rewards, worker, "2025-11", 81.0))
        overview = (
            await client.get("/rewards/coaching?status=followed_up", headers=hr(rewards))
        ).json()
        assert [item["outcome"] for item in overview["items"]] == ["membaik"]
        events = await published(rewards, CoachingPlanChanged, 5)
        assert [item["step"] for item in events] == [
            "opened",
            "session_held",
            "feedback_given",
            "competency_checked",
            "result_linked",
        ]
