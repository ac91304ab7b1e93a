"""Scoring applies an appeal decision (real broker and store): the official predikat changes."""

from scoring.app import create_app
from scoring.settings import ScoringSettings
from tests import factories
from tests.integration.live import eventually
from tests.integration.scoring.conftest import announced, opened, people, result
from tests.integration.service import running


async def test_a_changed_appeal_decision_replaces_the_ppk_predikat() -> None:
    async with running(create_app, ScoringSettings, "scoring") as scoring:
        worker = factories.nip()
        await scoring.publish(*people(scoring.region, [worker]), opened(scoring.region))
        rated = factories.assessment(worker, "DIBAWAH", "SESUAI", region=scoring.region)
        await scoring.publish(rated)

        async def predikat_is(expected: str) -> bool:
            found = await result(scoring, worker)
            return found is not None and found["predikat"] == expected

        await eventually(lambda: predikat_is("BUTUH_PERBAIKAN"), seconds=120, what="the rating")
        decided = factories.appeal_decided(worker, "SESUAI", "SESUAI", region=scoring.region)
        await scoring.publish(decided)
        await eventually(lambda: predikat_is("BAIK"), seconds=60, what="the appeal decision")

        # At-least-once delivery may repeat a record (same event id): count each event once.
        seen: dict[str, str] = {}

        async def both() -> bool:
            seen.update({k: v["predikat"] for k, v in (await announced(scoring, worker)).items()})
            return "BAIK" in seen.values()

        await eventually(both, seconds=90, what="both scores on score.computed.v1")
        predikats = list(seen.values())
        assert (predikats[0], predikats[-1]) == ("BUTUH_PERBAIKAN", "BAIK")
        assert set(predikats) == {"BUTUH_PERBAIKAN", "BAIK"}
