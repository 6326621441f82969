"""The generated tree builds unchanged with Zensical, Material's successor, from the same mkdocs.yml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.pages import article_text

ZENSICAL = Path(sys.executable).parent / "zensical"


def test_zensical_builds_the_generated_tree(real_site: Path, tmp_path: Path) -> None:
    root = real_site.parent
    copy = tmp_path / "kb"
    copy.mkdir()
    for name in ("build", "generator", "mkdocs.yml"):
        source = root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
    done = subprocess.run([str(ZENSICAL), "build"], cwd=copy, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    site = copy / "site"
    assert len(list((site / "leerarrangementen").glob("*/index.html"))) == 9
    assert "Ik maak gebruik van sociale netwerkstrategieën (SNS)." in article_text(site / "eindtermen" / "index.html")
    sonestra = (site / "methoden" / "sonestra" / "index.html").read_text(encoding="utf-8")
    assert "<abbr title=" in sonestra and "fonts.googleapis" not in sonestra
