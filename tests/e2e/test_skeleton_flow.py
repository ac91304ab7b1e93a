"""The walking skeleton over HTTP: plan, approve, report, rate -> score -> awards, and refusals."""

import time
from typing import Any

import httpx
import pytest

from tests.e2e.stackctl import Stack, login

SITI, ANDI, BUDI = "199203102015032003", "199407222019031004", "198505152010012002"
YEAR = 2026


def wait_for(
    client: httpx.Client, path: str, headers: dict[str, str], ready: Any, seconds: float = 60
) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        answer = client.get(path, headers=headers)
        if answer.status_code == 200 and ready(answer.json()):
            return answer.json()
        assert time.monotonic() < deadline, (
            f"{path} never became ready: {answer.status_code} {answer.text}"
        )
        time.sleep(0.5)


def test_a_rated_year_becomes_a_final_score_and_a_reward(
    stack: Stack, client: httpx.Client
) -> None:
    demo = stack.load_demo()
    assert demo.returncode == 0, demo.stdout + demo.stderr
    as_siti = login(client, SITI)

    score = wait_for(
        client, f"/api/v1/scores/{SITI}?year={YEAR}", as_siti, lambda body: not body["provisional"]
    )
    assert score["predikat"] == "SANGAT_BAIK"
    assert score["achievement_pct"] == pytest.approx(115.0)  # 1380 of 1200 patients served
    assert {line["code"] for line in score["explanation"]} >= {
        "predikat.official",
        "results.achievement",
    }

    # Region HR ran October's awards in the demo: Siti is best of her unit and of the region.
    rewards = wait_for(client, "/api/v1/rewards", as_siti, lambda body: len(body["items"]) == 2)
    assert sorted(item["kind"] for item in rewards["items"]) == [
        "asn_terbaik_bulanan_daerah",
        "asn_terbaik_bulanan_unit",
    ]
    board = client.get("/api/v1/public/rewards/board/palangkaraya").json()
    assert board["period"] == f"{YEAR}-10"
    assert {entry["nip"] for entry in board["entries"]} == {SITI}
    assert board["entries"][0]["name"] == "Siti Aminah, A.Md.Kep"


def test_an_unrated_employee_sees_a_provisional_suggestion(
    stack: Stack, client: httpx.Client
) -> None:
    score = wait_for(
        client, f"/api/v1/scores/{ANDI}?year={YEAR}", login(client, ANDI), lambda body: True
    )
    assert score["provisional"] is True
    assert score["predikat"] == "BUTUH_PERBAIKAN"  # 91.7% on an utama IKI: below target


def test_loading_the_demo_again_grants_nothing_twice(stack: Stack, client: httpx.Client) -> None:
    assert stack.load_demo().returncode == 0
    time.sleep(3)  # give a wrongful second grant time to appear
    rewards = client.get("/api/v1/rewards", headers=login(client, SITI)).json()
    assert len(rewards["items"]) == 2


def test_the_ppk_sees_a_subordinates_score_but_a_peer_does_not(
    stack: Stack, client: httpx.Client
) -> None:
    path = f"/api/v1/scores/{SITI}?year={YEAR}"
    assert client.get(path, headers=login(client, BUDI)).status_code == 200
    refused = client.get(path, headers=login(client, ANDI))
    assert refused.status_code == 403
    assert refused.json()["detail"]
    assert refused.json()["detail_en"]


def test_requests_without_a_token_are_refused(client: httpx.Client) -> None:
    answer = client.get(f"/api/v1/scores/{SITI}?year={YEAR}")
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith("application/problem+json")


def test_malformed_bodies_get_422_with_field_and_reason_in_both_languages(
    client: httpx.Client,
) -> None:
    answer = client.post("/api/v1/skp", json={"year": 1900, "rhk": []}, headers=login(client, ANDI))
    assert answer.status_code == 422
    fields = {error["field"]: error for error in answer.json()["errors"]}
    assert set(fields) == {"year", "rhk"}
    assert fields["year"]["reason"]
    assert fields["year"]["reason_en"]


def test_only_the_ppk_may_approve_a_plan(client: httpx.Client) -> None:
    answer = client.post(
        f"/api/v1/skp/palangkaraya-{SITI}-{YEAR}/approve", headers=login(client, ANDI)
    )
    assert answer.status_code == 403


def test_a_service_that_is_down_gives_a_clear_503(stack: Stack, client: httpx.Client) -> None:
    stack.kill("rewards")
    answer = client.get("/api/v1/rewards", headers=login(client, SITI))
    assert answer.status_code == 503
    assert "rewards" in answer.json()["detail"]
