"""The wheel ships what the product runs: templates, notebooks, framework data and schemas."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest


@pytest.mark.slow  # builds the wheel with pip in a process of its own
def test_wheel_ships_templates_notebooks_and_data(tmp_path, repo_root):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(repo_root)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("leerkring-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for method in ("teamreflectie", "incidentmethode", "moreel_beraad", "actieleren_terugblik", "grensoverschrijdend"):
        assert f"leerkring/resources/templates/{method}.ipynb" in names
    for notebook in ("summary", "dashboard"):
        assert f"leerkring/resources/notebooks/{notebook}.ipynb" in names
    for data in ("principles.toml", "vocabularies.toml", "methods.toml", "summary.schema.json"):
        assert f"leerkring/data/{data}" in names
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "EUPL-1.2" in metadata
    assert any(n.endswith("entry_points.txt") for n in names)
