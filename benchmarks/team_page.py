"""The team page in Chromium: from dropping the exports to the full team picture, and the page's weight.

Run: .venv/bin/python benchmarks/team_page.py [--site site] [--respondents 12,200]  (prints JSON)
Every respondent is one Dutch Excel CSV (`;`, BOM, CRLF) of the digitale reflector: 50 scored
eindtermen and two open answers, 52 rows. `seconds` runs from the file input's change event to the
page's "kb-team-shown" event (reading, computing and drawing every chart), the median of three drops
into a fresh page. `page_bytes` is what a first visit of the team page fetches (HTML, CSS, scripts).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
from pathlib import Path

from generator.devtools import CHROMIUM, CHROMIUM_ARGS, serve_folder

REPO = Path(__file__).resolve().parents[1]

PAGE = "reflectoren/digitale-reflector/team/"
SCORED = [*range(8, 24), *range(25, 59)]
HEADER = "respondent;reflector;team;datum;eindterm;tekst;huidig;gewenst;antwoord"


def write_exports(folder: Path, respondents: int, seed: int = 2015) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for index in range(respondents):
        code = f"R{index + 1:04d}"
        rows = [HEADER]
        for number in SCORED:
            huidig = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
            gewenst = min(5, huidig + rng.choice((0, 1, 1, 2)))
            rows.append(f"{code};digitale-reflector;Benchmark;2026-11-30;{number};tekst {number};{huidig};{gewenst};")
        rows.append(f'{code};digitale-reflector;Benchmark;2026-11-30;24;vraag;;;"Meer tijd; minder regels"')
        rows.append(f"{code};digitale-reflector;Benchmark;2026-11-30;actie;vraag;;;Casus inbrengen")
        path = folder / f"reflector-digitale-reflector-{code.lower()}-2026-11-30.csv"
        path.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
        paths.append(path)
    return paths


def measure(site: Path, sizes: list[int]) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as scratch, serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        fetched: list[int] = []
        page.on("requestfinished", lambda request: fetched.append(request.sizes()["responseBodySize"]))
        page.goto(base + PAGE)
        page.wait_for_load_state("networkidle")
        results["page_bytes"] = sum(fetched)
        results["page_requests"] = len(fetched)
        page.close()
        for size in sizes:
            folder = Path(scratch) / str(size)
            folder.mkdir()
            files = [str(p) for p in write_exports(folder, size)]
            times = []
            for _ in range(3):
                page = browser.new_page()
                page.goto(base + PAGE)
                page.evaluate(
                    """() => {
                    const input = document.querySelector('.kb-team input[type=file]')
                    input.addEventListener('change', () => { window.__dropped = performance.now() }, true)
                    document.addEventListener('kb-team-shown', () => { window.__shown = performance.now() })
                    }"""
                )
                page.set_input_files(".kb-team input[type=file]", files)
                page.wait_for_function("() => window.__shown !== undefined", timeout=120_000)
                times.append(page.evaluate("() => (window.__shown - window.__dropped) / 1000"))
                shown = page.locator("[data-fact=respondenten]").inner_text()
                assert shown == str(size), shown
                page.close()
            results[f"seconds_{size}"] = round(statistics.median(times), 3)
            results[f"files_bytes_{size}"] = sum(Path(f).stat().st_size for f in files)
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO / "site", help="the built site (make site)")
    parser.add_argument("--respondents", default="12,200", help="comma-separated team sizes")
    args = parser.parse_args()
    sizes = [int(s) for s in args.respondents.split(",")]
    print(json.dumps(measure(args.site, sizes), indent=2))


if __name__ == "__main__":
    main()
