"""Reward rules: who earns the good-performance reward, and its replay-proof id."""

import pytest

from rewards import service
from tests import factories

THRESHOLD = 80.0


def test_final_baik_above_threshold_earns_the_reward() -> None:
    score = factories.score(factories.nip(), predikat="BAIK", composite=85)

    reward = service.earned_reward(score, min_composite=THRESHOLD)

    assert reward is not None
    assert (reward.nip, reward.period, reward.kind) == (score.nip, score.period, "kinerja_baik")
    assert reward.score_event_id == str(score.event_id)
    assert reward.reason_id != reward.reason_en


def test_sangat_baik_earns_the_reward() -> None:
    score = factories.score(factories.nip(), predikat="SANGAT_BAIK", composite=95)

    assert service.earned_reward(score, min_composite=THRESHOLD) is not None


def test_provisional_score_never_earns_a_reward() -> None:
    score = factories.score(
        factories.nip(), predikat="SANGAT_BAIK", composite=100, provisional=True
    )

    assert service.earned_reward(score, min_composite=THRESHOLD) is None


@pytest.mark.parametrize("predikat", ["BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"])
def test_predikat_below_baik_never_earns_a_reward(predikat: str) -> None:
    score = factories.score(factories.nip(), predikat=predikat, composite=100)

    assert service.earned_reward(score, min_composite=0) is None


def test_composite_below_threshold_earns_nothing() -> None:
    score = factories.score(factories.nip(), composite=79.9)

    assert service.earned_reward(score, min_composite=THRESHOLD) is None


def test_composite_exactly_at_threshold_earns_the_reward() -> None:
    score = factories.score(factories.nip(), composite=THRESHOLD)

    assert service.earned_reward(score, min_composite=THRESHOLD) is not None


def test_replayed_score_gives_the_same_reward_id() -> None:
    nip = factories.nip()
    first, replayed = factories.score(nip), factories.score(nip)
    assert first.event_id != replayed.event_id

    one = service.earned_reward(first, min_composite=THRESHOLD)
    two = service.earned_reward(replayed, min_composite=THRESHOLD)

    assert one is not None
    assert two is not None
    assert one.reward_id == two.reward_id


def test_each_period_and_employee_gets_its_own_reward_id() -> None:
    nip = factories.nip()
    ids = {
        service.reward_id(factories.score(nip, period="2026-11"), "kinerja_baik"),
        service.reward_id(factories.score(nip, period="2026-12"), "kinerja_baik"),
        service.reward_id(factories.score(factories.nip(), period="2026-11"), "kinerja_baik"),
        service.reward_id(
            factories.score(nip, period="2026-11", region="rakumpit"), "kinerja_baik"
        ),
    }

    assert len(ids) == 4


def test_longest_region_and_period_still_make_a_valid_reward() -> None:
    region = "a" + "b" * 39  # the longest region slug the contracts allow
    score = factories.score(factories.nip(), region=region, period="2026-Q4")

    reward = service.earned_reward(score, min_composite=THRESHOLD)

    assert reward is not None
    assert reward.region == region
