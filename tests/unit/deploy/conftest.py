"""Load the deploy scripts (plain files under deploy/k8s, not packages) as modules."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]
K8S = ROOT / "deploy/k8s"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"kinerja_deploy_{name}", K8S / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def topics() -> ModuleType:
    return load("topics")


@pytest.fixture(scope="session")
def check() -> ModuleType:
    return load("check")
