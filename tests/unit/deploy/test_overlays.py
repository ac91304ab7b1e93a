"""One overlay per region of the seeds; each serves exactly its own region."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
K8S = ROOT / "deploy/k8s"
# The regions named in shared/seeds/ (one seed text each).
SEED_REGIONS = {"palangkaraya", "pematangsiantar", "kuranji", "tangerang-selatan", "rakumpit"}
SEEDS = ROOT.parent / "shared" / "seeds"


def overlays() -> set[str]:
    return {p.parent.name for p in (K8S / "overlays").glob("*/kustomization.yaml")}


def env_file(path: Path) -> dict[str, str]:
    pairs = [line.split("=", 1) for line in path.read_text().splitlines() if "=" in line]
    return {k: v for k, v in pairs if not k.startswith("#")}


def test_every_seed_region_has_an_overlay():
    assert overlays() >= SEED_REGIONS
    if SEEDS.is_dir():
        text = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")).lower()
        for region in SEED_REGIONS:
            assert region.replace("-", " ") in text, f"{region} is not in shared/seeds"


def test_each_overlay_serves_its_own_region():
    for region in overlays():
        assert re.fullmatch(r"[a-z][a-z0-9-]{1,39}", region)
        folder = K8S / "overlays" / region
        env = env_file(folder / "region.env")
        assert env["REGION"] == region
        assert env["REGIONS"] == f'["{region}"]'
        kustomization = (folder / "kustomization.yaml").read_text()
        assert f"namespace: kinerja-{region}" in kustomization
        for component in ("production", "otel", "network-policies"):
            assert f"../../components/{component}" in kustomization
        assert "REGION_SLUG" not in "".join(p.read_text() for p in folder.iterdir())


def test_template_names_every_region_value_by_placeholder():
    template = K8S / "template/region"
    env = env_file(template / "region.env")
    assert env["REGIONS"] == '["REGION_SLUG"]'
    base = env_file(K8S / "base/region.env")
    assert set(env) == set(base), "the template sets every key base/region.env declares"


def test_new_region_refuses_a_bad_name_without_touching_anything():
    before = overlays()
    for name in ("", "Bad_Name", "x"):
        done = subprocess.run(
            ["bash", str(K8S / "new-region.sh"), name], capture_output=True, text=True
        )
        assert done.returncode == 1
        assert "ERROR" in done.stderr
    done = subprocess.run(
        ["bash", str(K8S / "new-region.sh"), "palangkaraya"], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "exists already" in done.stderr
    assert overlays() == before
