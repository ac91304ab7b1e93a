"""Load the demo region: publish its directory to Kafka, then walk one year through the gateway.

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
SEKDA, RINA, BUDI = "197005052000031001", "197801012005011001", "198505152010012002"
SITI, ANDI = "199203102015032003", "199407222019031004"
DINKES_GOALS = [
    {"goal_id": "g-layanan", "title": "Meningkatnya akses dan mutu pelayanan kesehatan dasar"},
    {"goal_id": "g-anggaran", "title": "Anggaran kesehatan terserap tepat sasaran"},
]


def _rhk(rhk_id: str, title: str, iki: str, target: float, unit: str, **links: Any) -> Any:
    """One RHK with one IKI; ``links`` says what it intervenes (and the IKI share, if any)."""
    share = links.pop("parent_iki_id", None)
    indicator = {"iki_id": "iki-1", "name": iki, "aspek": "kuantitas", "target": target}
    return {"rhk_id": rhk_id, "title": title, "kind": "utama", **links} | {
        "iki": [indicator | {"unit": unit, "parent_iki_id": share}]
    }


def plans_of_the_chain() -> list[tuple[str, str, list[Any]]]:
    """Head of the health office -> head of the puskesmas -> staff: (owner, approver, RHK)."""
    patients = {"parent_rhk_id": "rhk-1", "parent_iki_id": "iki-1"}
    return [
        (
            RINA,
            SEKDA,
            [
                _rhk(
                    "rhk-1",
                    "Pelayanan kesehatan dasar meningkat",
                    "Pasien dilayani",
                    1500,
                    "orang",
                    unit_goal_id="g-layanan",
                    perspective="penerima_layanan",
                ),
                _rhk(
                    "rhk-2",
                    "Anggaran kesehatan terserap",
                    "Serapan anggaran",
                    95,
                    "persen",
                    unit_goal_id="g-anggaran",
                    perspective="anggaran",
                ),
            ],
        ),
        (
            BUDI,
            RINA,
            [
                _rhk(
                    "rhk-1",
                    "Pelayanan Puskesmas Pahandut",
                    "Pasien dilayani",
                    1500,
                    "orang",
                    **patients,
                ),
                _rhk(
                    "rhk-2",
                    "Data kesehatan wilayah tersedia",
                    "Laporan bulanan",
                    12,
                    "laporan",
                    parent_rhk_id="rhk-1",
                    cascading="non_direct",
                ),
            ],
        ),
        # Siti carries 1,200 of the puskesmas' 1,500 patients: the split warning shows 300 open.
        (
            SITI,
            BUDI,
            [
                _rhk(
                    "rhk-1",
                    "Pelayanan asuhan keperawatan",
                    "Pasien dilayani",
                    1200,
                    "orang",
                    **patients,
                )
            ],
        ),
        (
            ANDI,
            BUDI,
            [
                _rhk(
                    "rhk-1",
                    "Data kesehatan tepat waktu",
                    "Laporan bulanan terkirim",
                    12,
                    "laporan",
                    parent_rhk_id="rhk-2",
                    cascading="non_direct",
                )
            ],
        ),
    ]


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
    print(f"[demo] published {len(directory.units)} units and {len(directory.employees)} employees")


class Walk:
    """HTTP steps through the gateway as the demo people."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client
        self._tokens: dict[str, str] = {}

    def token(self, nip: str) -> dict[str, str]:
        """Bearer header for a demo person (signing in once)."""
        if nip not in self._tokens:
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
                print(f"[demo] {what}: {answer.status_code}")
                return answer
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} failed: {answer.status_code} {answer.text}")
            time.sleep(1)


def walk_year(walk: Walk, data: dict[str, Any]) -> None:
    """Siti plans, reports and is rated; Andi plans and reports but is not rated (provisional)."""
    year, region = data["year"], data["region"]
    boss, region_hr = BUDI, RINA
    walk.step(
        f"region HR opens {year}",
        "POST",
        "/api/v1/periods",
        region_hr,
        {"year": year, "cadence": "monthly"},
    )
    walk.step(
        "region HR sets the Dinas Kesehatan goals",
        "PUT",
        f"/api/v1/units/dinkes/goals/{year}",
        region_hr,
        {"goals": DINKES_GOALS},
        ok=(200,),
    )
    for nip, approver, rhk in plans_of_the_chain():
        skp_id = f"{region}-{nip}-{year}"
        walk.step(f"{nip} plans {year}", "POST", "/api/v1/skp", nip, {"year": year, "rhk": rhk})
        walk.step(f"{nip} submits", "POST", f"/api/v1/skp/{skp_id}/submit", nip)
        walk.step(f"PPK approves {nip}", "POST", f"/api/v1/skp/{skp_id}/approve", approver)
    for nip, done in ((SITI, 1380.0), (ANDI, 11.0)):
        report = {
            "period": f"{year}-11",
            "rhk_id": "rhk-1",
            "iki_id": "iki-1",
            "realisation": done,
            "evidence": ["https://example.org/laporan/november.pdf"],
            "note": "Laporan November",
        }
        skp_id = f"{region}-{nip}-{year}"
        walk.step(f"{nip} reports progress", "POST", f"/api/v1/skp/{skp_id}/progress", nip, report)
    walk.step(
        "PPK rates Siti",
        "POST",
        "/api/v1/assessments",
        boss,
        {
            "nip": SITI,
            "year": year,
            "period": f"{year}-11",
            "rating_hasil_kerja": "DIATAS",
            "rating_perilaku": "DIATAS",
            "justification": "Capaian melampaui target dan menjadi teladan tim.",
        },
        ok=(201,),
    )


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


def main() -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gateway", default="http://127.0.0.1:8000")
    parser.add_argument("--kafka", default="127.0.0.1:19092")
    parser.add_argument(
        "--file", type=Path, default=Path(__file__).parent / "demo" / "palangkaraya.json"
    )
    args = parser.parse_args()
    data = json.loads(args.file.read_text())
    asyncio.run(publish_directory(data, args.kafka))
    with httpx.Client(base_url=args.gateway, timeout=15) as client:
        walk = Walk(client)
        walk_year(walk, data)
        score = wait_for_score(walk, "199203102015032003", data["year"])
    print(
        f"[demo] Siti Aminah: predikat {score['predikat']}, composite {score['composite']:.1f}, "
        f"provisional={score['provisional']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
