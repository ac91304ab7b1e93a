"""Load the demo regions: publish each directory to Kafka, then walk one year through the gateway.

Each file in ``demo/`` holds a region's units and people (with their demo roles) and its
``walk``: the year's unit goals, the plans of a supervision chain, progress reports, ratings
and, where given, the region's reward rules and the months region HR awards.
Safe to run again: steps that already happened answer 409 and the walk goes on.
"""

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from contracts import EmployeeUpserted, UnitUpserted
from importer.cli import publish
from importer.directory_csv import DirectoryImport

PRODUCER = "demo-loader"
DEMO_DIR = Path(__file__).parent / "demo"
DEMO_FILES = sorted(DEMO_DIR.glob("*.json"))
RETRY_SECONDS = 60


async def publish_directory(data: dict[str, Any], kafka: str) -> None:
    """Publish every unit and employee of the demo file, the way ``kinerja-import`` does."""
    region = data["region"]
    directory = DirectoryImport(
        units=[UnitUpserted(region=region, producer=PRODUCER, **unit) for unit in data["units"]],
        employees=[
            EmployeeUpserted(
                region=region,
                producer=PRODUCER,
                **{k: v for k, v in person.items() if k != "roles"},
            )
            for person in data["employees"]
        ],
    )
    await publish(directory, kafka)
    print(
        f"[demo] {region}: published {len(directory.units)} units and "
        f"{len(directory.employees)} employees"
    )


class Walk:
    """HTTP steps through the gateway as the demo people of one region."""

    def __init__(self, client: httpx.Client, data: dict[str, Any]) -> None:
        self._client = client
        self._region = data["region"]
        self._tokens: dict[str, str] = {}

    def token(self, nip: str) -> dict[str, str]:
        """Bearer header for a demo person, from the gateway's demo sign-in."""
        if nip not in self._tokens:
            answer = self._client.post("/api/v1/auth/demo-login", json={"nip": nip})
            while answer.status_code == 429:  # sign-in is rate limited per address
                time.sleep(float(answer.headers.get("retry-after", "5")))
                answer = self._client.post("/api/v1/auth/demo-login", json={"nip": nip})
            answer.raise_for_status()
            self._tokens[nip] = answer.json()["access_token"]
        return {"authorization": f"Bearer {self._tokens[nip]}"}

    def step(
        self,
        what: str,
        method: str,
        path: str,
        nip: str,
        body: Any = None,
        ok: tuple[int, ...] = (200, 201, 409),
    ) -> httpx.Response:
        """Call until the answer is acceptable; 403/404 can mean the directory has not arrived yet."""
        deadline = time.monotonic() + RETRY_SECONDS
        while True:
            answer = self._client.request(method, path, json=body, headers=self.token(nip))
            if answer.status_code in ok:
                print(f"[demo] {self._region}: {what}: {answer.status_code}")
                return answer
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} failed: {answer.status_code} {answer.text}")
            time.sleep(1)


def walk_year(walk: Walk, data: dict[str, Any]) -> None:
    """Open the year, set unit goals, plan and approve down the chain, report, rate."""
    year, region, steps = data["year"], data["region"], data["walk"]
    region_hr = steps["region_admin"]
    walk.step(
        f"region HR opens {year}",
        "POST",
        "/api/v1/periods",
        region_hr,
        {"year": year, "cadence": steps["cadence"]},
    )
    for goals in steps["goals"]:
        walk.step(
            f"region HR sets the goals of {goals['unit_id']}",
            "PUT",
            f"/api/v1/units/{goals['unit_id']}/goals/{year}",
            region_hr,
            {"goals": goals["goals"]},
            ok=(200,),
        )
    for plan in steps["plans"]:
        nip, skp_id = plan["owner"], f"{region}-{plan['owner']}-{year}"
        body = {"year": year, "rhk": plan["rhk"]}
        walk.step(f"{nip} plans {year}", "POST", "/api/v1/skp", nip, body)
        walk.step(f"{nip} submits", "POST", f"/api/v1/skp/{skp_id}/submit", nip)
        walk.step(f"PPK approves {nip}", "POST", f"/api/v1/skp/{skp_id}/approve", plan["approver"])
    for report in steps["reports"]:
        nip = report["nip"]
        body = {k: v for k, v in report.items() if k != "nip"} | {
            "period": f"{year}-{report['period']}",
            "evidence": ["https://example.org/laporan/bukti.pdf"],
            "note": "Laporan demo",
        }
        skp_id = f"{region}-{nip}-{year}"
        walk.step(f"{nip} reports progress", "POST", f"/api/v1/skp/{skp_id}/progress", nip, body)
    for rating in steps["ratings"]:
        body = {k: v for k, v in rating.items() if k != "by"} | {
            "year": year,
            "period": f"{year}-{rating['period']}",
        }
        walk.step(f"PPK rates {rating['nip']}", "POST", "/api/v1/assessments", rating["by"], body)


def wait_for_score(walk: Walk, nip: str, year: int) -> dict[str, Any]:
    """Poll the gateway until scoring has announced a final score."""
    answer = walk.step("score computed", "GET", f"/api/v1/scores/{nip}?year={year}", nip, ok=(200,))
    deadline = time.monotonic() + RETRY_SECONDS
    while answer.json()["provisional"] and time.monotonic() < deadline:
        time.sleep(1)
        answer = walk.step(
            "score final", "GET", f"/api/v1/scores/{nip}?year={year}", nip, ok=(200,)
        )
    result: dict[str, Any] = answer.json()
    return result


def award_months(walk: Walk, data: dict[str, Any]) -> None:
    """Region HR publishes the region's reward rules and runs the awards of past months.

    The run is repeatable: a second run grants nothing twice, and a score that reaches rewards
    after the run re-runs the month by itself.
    """
    steps, year = data["walk"], data["year"]
    rewards = steps.get("rewards")
    if rewards is None:
        return
    region_hr = steps["region_admin"]
    rules = {"source": rewards["rules"], "text": (DEMO_DIR / rewards["rules"]).read_text()}
    walk.step("region HR publishes reward rules", "POST", "/api/v1/rewards/rules", region_hr, rules)
    for month in rewards["run"]:
        period = f"{year}-{month}"
        answer = walk.step(
            f"region HR runs the awards of {period}",
            "POST",
            "/api/v1/rewards/runs",
            region_hr,
            {"period": period},
            ok=(200,),
        )
        print(f"[demo] {data['region']}: {period}: {len(answer.json()['awards'])} awards")


def load(data: dict[str, Any], client: httpx.Client) -> None:
    """Walk one region's year and report the final score it was walked to."""
    walk = Walk(client, data)
    walk_year(walk, data)
    nip = data["walk"]["final_score_of"]
    score = wait_for_score(walk, nip, data["year"])
    award_months(walk, data)
    name = next(person["name"] for person in data["employees"] if person["nip"] == nip)
    print(
        f"[demo] {data['region']}: {name}: predikat {score['predikat']}, "
        f"composite {score['composite']:.1f}, provisional={score['provisional']}"
    )


def main() -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gateway", default="http://127.0.0.1:8000")
    parser.add_argument("--kafka", default="127.0.0.1:19092")
    parser.add_argument(
        "--file",
        type=Path,
        action="append",
        help="a demo region file (repeatable; default: every file in deploy/local/demo)",
    )
    args = parser.parse_args()
    regions = [json.loads(path.read_text()) for path in args.file or DEMO_FILES]
    for data in regions:
        asyncio.run(publish_directory(data, args.kafka))
    with httpx.Client(base_url=args.gateway, timeout=15) as client:
        for data in regions:
            load(data, client)
    return 0


if __name__ == "__main__":
    sys.exit(main())
