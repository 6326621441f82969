"""Measure the real content: check time, whole build time, pages and search index size.

Run: .venv/bin/python benchmarks/real_content.py [--repeat 3]  (prints JSON)
It builds a scratch copy, so the repository's own site/ is left alone.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COPIED = ["content", "kennisbronnen", "leerarrangementen", "reflectoren", "mkdocs.yml", "generator/theme"]


def timed(root: Path, command: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "--root", str(root), command], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "kb"
        for name in COPIED:
            source, target = REPO / name, root / name
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(source, target)
        check_s = min(timed(root, "check") for _ in range(args.repeat))
        build_s = min(timed(root, "build") for _ in range(args.repeat))
        site = root / "site"
        pages = sum(1 for _ in site.rglob("index.html"))
        index = site / "search" / "search_index.json"
        items = {
            name: len(list((root / name).glob("*.yml")))
            for name in ("kennisbronnen", "leerarrangementen", "reflectoren")
        }
        items["methoden"] = len(list((root / "content/methoden").glob("*.yml")))
        print(
            json.dumps(
                {
                    "check_s": round(check_s, 2),
                    "build_s": round(build_s, 2),
                    "pages": pages,
                    "search_index_bytes": index.stat().st_size  # configuration only, plus Pagefind's index
                    + sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()),
                    "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
                    "items": items,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
