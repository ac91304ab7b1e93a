"""A region's year on the real broker and store: import ~300 people, cascade two levels, report.

The issue's "done when": a directory of a few hundred employees across units is imported with
the CSV importer, the unit head plans against unit goals, two levels below link and split the
targets, every plan is approved, a month of progress is reported, and the monitoring views
(team, who has not planned, cascade tree with the split warning) show it.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contracts import SkpApproved
from importer.cli import check, publish
from kit.auth import Role
from tests.factories import nip, rhk
from tests.integration.live import KAFKA, eventually, region_events
from tests.integration.targets.conftest import TargetsService

BIDANG, KASI_PER_BIDANG, STAFF_PER_KASI = 4, 3, 24
COLUMNS = ["nip", "name", "unit_id", "unit_name", "parent_unit_id", "position_type"]


@dataclass
class Organisation:
    """A public-works office: HR, the head, 4 divisions, 3 sections each, 24 staff a section."""

    hr: str = field(default_factory=nip)
    head: str = field(default_factory=nip)
    bidang: list[str] = field(default_factory=lambda: [nip() for _ in range(BIDANG)])
    kasi: list[str] = field(default_factory=lambda: [nip() for _ in range(KASI_PER_BIDANG)])
    rows: list[dict[str, str]] = field(default_factory=list)

    def add(self, who: str, name: str, unit: str, position: str, supervisor: str = "") -> None:
        parent = "" if unit in ("dinas", "bkpsdm") else "dinas"
        self.rows.append(
            {
                "nip": who,
                "name": name,
                "unit_id": unit,
                "unit_name": f"Unit {unit}",
                "parent_unit_id": parent,
                "position_type": position,
                "supervisor_nip": supervisor,
            }
        )

    def write(self, path: Path) -> Path:
        """The CSV export an HR system would give, for every person of the office."""
        self.add(self.hr, "Kepala BKPSDM", "bkpsdm", "jpt")
        self.add(self.head, "Kepala Dinas PU", "dinas", "jpt")
        for index, boss in enumerate(self.bidang, start=1):
            unit = f"bid-{index}"
            self.add(boss, f"Kabid {index}", unit, "administrator", self.head)
            sections = self.kasi if index == 1 else [nip() for _ in range(KASI_PER_BIDANG)]
            for number, kasi in enumerate(sections, start=1):
                self.add(kasi, f"Kasi {index}.{number}", unit, "pengawas", boss)
                for staff in range(STAFF_PER_KASI):
                    self.add(nip(), f"Staf {index}.{number}.{staff:02d}", unit, "pelaksana", kasi)
        with path.open("w", newline="", encoding="utf-8") as sink:
            writer = csv.DictWriter(sink, [*COLUMNS, "supervisor_nip"])
            writer.writeheader()
            writer.writerows(self.rows)
        return path


def plan(*items: Any) -> dict[str, Any]:
    return {"year": 2026, "rhk": [item.model_dump(mode="json") for item in items]}


async def test_a_region_imports_plans_cascades_approves_and_reports_a_month(
    targets: TargetsService, tmp_path: Path
) -> None:
    org, client = Organisation(), targets.client
    directory = check(org.write(tmp_path / "direktori.csv"), targets.region)
    assert directory.problems == []
    assert len(directory.employees) == 2 + BIDANG * KASI_PER_BIDANG * (STAFF_PER_KASI + 1) + BIDANG
    await publish(directory, KAFKA)
    await targets.projected(*directory.units, *directory.employees)

    hr = targets.bearer(org.hr, Role.REGION_ADMIN)
    head = targets.bearer(org.head, Role.PPK)
    kabid = [targets.bearer(who, Role.PPK) for who in org.bidang]
    kasi = [targets.bearer(who, Role.PPK) for who in org.kasi]

    async def call(method: str, path: str, who: dict[str, str], body: Any = None) -> Any:
        answer = await client.request(method, path, json=body, headers=who)
        assert answer.status_code < 300, answer.text
        return answer.json()

    async def refused(method: str, path: str, who: dict[str, str], body: Any = None) -> Any:
        answer = await client.request(method, path, json=body, headers=who)
        assert answer.status_code in (409, 422), answer.text
        return answer.json()

    await call("POST", "/periods", hr, {"year": 2026, "cadence": "monthly"})

    # The head links to unit goals; until HR sets them, the form says who must act.
    links = await call("GET", "/planning/2026/links", head)
    assert (links["links_to"], links["needs_perspectives"]) == ("unit_goal", True)
    assert links["blocked"]["must_act"]["role"] == "unit_admin"
    goals = [
        {"goal_id": "g-jalan", "title": "Jalan kota dalam kondisi mantap"},
        {"goal_id": "g-anggaran", "title": "Anggaran terserap efektif"},
    ]
    await call("PUT", "/units/dinas/goals/2026", hr, {"goals": goals})

    # The head plans in perspectives; without `anggaran` the plan cannot be submitted.
    roads = rhk(
        rhk_id="h-jalan",
        iki_id="paket",
        target=40,
        unit="paket",
        unit_goal_id="g-jalan",
        perspective="penerima_layanan",
    )
    budget = rhk(
        rhk_id="h-anggaran",
        iki_id="serapan",
        target=95,
        unit="persen",
        unit_goal_id="g-anggaran",
        perspective="anggaran",
    )
    draft = await call("POST", "/skp", head, plan(roads))
    assert [warning["field"] for warning in draft["warnings"]] == ["rhk"]
    head_skp = draft["skp_id"]
    no_budget = await refused("POST", f"/skp/{head_skp}/submit", head)
    assert "anggaran" in no_budget["errors"][0]["reason"]
    await call("PUT", f"/skp/{head_skp}", head, {"rhk": plan(roads, budget)["rhk"]})
    await call("POST", f"/skp/{head_skp}/submit", head)

    # A division head who plans now sees that the head's plan waits for HR's approval.
    waiting = await call("GET", "/planning/2026/links", kabid[0])
    assert waiting["blocked"]["must_act"]["role"] == "region_admin"
    assert "Kepala Dinas PU" in waiting["blocked"]["reason"]
    await call("POST", f"/skp/{head_skp}/approve", hr)

    # Level 1: four divisions split the head's 40 road packages, but only 38 are assigned.
    shares = [10, 10, 10, 8]
    kabid_skp = []
    for index, (who, share) in enumerate(zip(kabid, shares, strict=True), start=1):
        own = rhk(
            rhk_id=f"b{index}",
            iki_id="paket",
            target=share,
            unit="paket",
            parent_rhk_id="h-jalan",
            parent_iki_id="paket",
        )
        created = await call("POST", "/skp", who, plan(own))
        assert created["warnings"] == []
        kabid_skp.append(created["skp_id"])
        await call("POST", f"/skp/{created['skp_id']}/submit", who)
    expectation = {"value": "kolaboratif", "special": "Memimpin rapat koordinasi lintas bidang"}
    shown = await call(
        "PUT", f"/skp/{kabid_skp[0]}/expectations", head, {"expectations": [expectation]}
    )
    assert [item["special"] for item in shown["behaviour"] if item["special"]] == [
        expectation["special"]
    ]
    approvals = [await call("POST", f"/skp/{skp}/approve", head) for skp in kabid_skp]
    warning = approvals[-1]["split_warnings"][0]
    assert (warning["target"], warning["shares_total"], warning["difference"]) == (40, 38, 2)
    assert "selisih 2" in warning["message"]

    # Level 2: the first division's sections; a link to an RHK that does not exist is named.
    broken = await refused("POST", "/skp", kasi[0], plan(rhk(parent_rhk_id="b9")))
    assert broken["errors"][0]["field"] == "rhk[0].parent_rhk_id"
    section_targets = [4, 3, 3]
    kasi_skp = []
    for who, target in zip(kasi, section_targets, strict=True):
        own = rhk(
            rhk_id="k1",
            iki_id="paket",
            target=target,
            unit="paket",
            parent_rhk_id="b1",
            parent_iki_id="paket",
        )
        kasi_skp.append((await call("POST", "/skp", who, plan(own)))["skp_id"])
        await call("POST", f"/skp/{kasi_skp[-1]}/submit", who)
    for skp in kasi_skp:
        assert (await call("POST", f"/skp/{skp}/approve", kabid[0]))["split_warnings"] == []

    # A month of progress with evidence, then the division head's team view.
    for who, skp, done in zip(kasi, kasi_skp, [2, 3, 1.5], strict=True):
        report = {
            "period": "2026-03",
            "rhk_id": "k1",
            "iki_id": "paket",
            "realisation": done,
            "evidence": ["https://pu.example.go.id/laporan/2026-03.pdf"],
            "note": "Laporan Maret",
        }
        await call("POST", f"/skp/{skp}/progress", who, report)
    mine = await call("GET", "/skp?year=2026", kasi[0])
    assert [(row["period"], row["achievement_pct"]) for row in mine["progress"]] == [
        ("2026-03", 50.0)
    ]
    assert (await call("GET", f"/skp?year=2026&nip={org.kasi[0]}", kabid[0]))["nip"] == org.kasi[0]
    peer = await client.get(f"/skp?year=2026&nip={org.kasi[0]}", headers=kasi[1])
    assert peer.status_code == 403
    team = await call("GET", "/monitoring/team?year=2026", kabid[0])
    assert [(row["name"], row["skp_status"], row["achievement_pct"]) for row in team["items"]] == [
        ("Kasi 1.1", "approved", 50.0),
        ("Kasi 1.2", "approved", 100.0),
        ("Kasi 1.3", "approved", 50.0),
    ]
    behind = await call("GET", "/monitoring/unplanned?year=2026&limit=5", hr)
    assert behind["total"] == len(directory.employees) - 1 - BIDANG - KASI_PER_BIDANG

    tree = await call("GET", "/monitoring/cascade?year=2026&unit_id=dinas", hr)
    edges = {(edge["from"], edge["to"]) for edge in tree["edges"]}
    assert (f"rhk:{org.head}:h-anggaran", "goal:g-anggaran") in edges
    assert (f"rhk:{org.bidang[3]}:b4", f"rhk:{org.head}:h-jalan") in edges
    assert (f"rhk:{org.kasi[2]}:k1", f"rhk:{org.bidang[0]}:b1") in edges
    assert len(edges) == 2 + BIDANG + KASI_PER_BIDANG
    assert [item["difference"] for item in tree["split_warnings"]] == [2]

    async def all_approved() -> list[dict[str, Any]]:
        return await region_events(SkpApproved.topic(), targets.region)

    async def announced() -> bool:
        return len(await all_approved()) == 1 + BIDANG + KASI_PER_BIDANG

    await eventually(announced, seconds=60, what="every approval on skp.approved.v1")
    first_division = next(e for e in await all_approved() if e["skp_id"] == kabid_skp[0])
    assert first_division["expectations"] == [expectation]
