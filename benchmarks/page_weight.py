"""Light pages: what a first visit of each page type fetches, and how long it blocks a phone's main thread.

Run: .venv/bin/python benchmarks/page_weight.py [--site site] [--runs 3] [--json]
Per page type: `bytes` and `requests` of a first visit (fresh browser context, empty cache, everything up to
network idle; `gzip` is what those bytes would be gzip-compressed, as a web server would usually send them),
the number of elements, and Lighthouse-style Total Blocking Time on a phone profile: viewport 390x844,
Chromium's CPU slowed down 4 times (CDP Emulation.setCPUThrottlingRate), TBT = the sum over the main thread's
long tasks (PerformanceObserver 'longtask', from the start of the page until it has been quiet for 2 s) of
their time beyond 50 ms. The median of `--runs` visits. Lighthouse counts only from first paint to
interactive; this counts every long task, so it is the stricter figure.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402

PAGES = {
    "home": "",
    "methode": "methoden/sonestra/",
    "reflector (online formulier)": "reflectoren/digitale-reflector/",
    "eindtermen": "eindtermen/",
    "resultaten-2015": "resultaten-2015/",
    "teampagina": "reflectoren/digitale-reflector/team/",
}
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "loading"]
QUIET_MS = 2000


def long_tasks(trace: dict[str, Any]) -> tuple[list[float], list[float]]:
    """The page's main-thread tasks over 50 ms after its first contentful paint, each cut to what came after it:
    (wall-clock ms, CPU ms) per task, as Lighthouse counts Total Blocking Time."""
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    paints = [e for e in events if e.get("name") == "firstContentfulPaint"]
    if not paints:
        raise RuntimeError("geen first contentful paint in de trace")
    thread, fcp = (paints[0]["pid"], paints[0]["tid"]), paints[0]["ts"]
    wall, cpu = [], []
    for e in events:
        if e.get("name") != "RunTask" or e.get("ph") != "X" or (e["pid"], e["tid"]) != thread:
            continue
        after = e["ts"] + e["dur"] - max(e["ts"], fcp)
        if e["dur"] > 50_000 and after > 0:
            wall.append(after / 1000)
            cpu.append(e.get("tdur", e["dur"]) * after / e["dur"] / 1000)
    return wall, cpu


def blocking(durations: list[float]) -> float:
    return sum(max(0.0, duration - 50) for duration in durations)


def visit(browser: Any, url: str, trace_path: Path) -> dict[str, float]:
    """One first visit on the phone profile: bytes, requests, elements and blocking time."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    bodies: list[tuple[int, int]] = []

    def finished(request: Any) -> None:
        response = request.response()
        body = response.body() if response and response.status == 200 else b""
        bodies.append((len(body), len(gzip.compress(body, 6))))

    page.on("requestfinished", lambda request: finished(request))
    browser.start_tracing(page=page, path=str(trace_path), categories=TRACE_CATEGORIES)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(QUIET_MS)
    browser.stop_tracing()
    elements = page.evaluate("() => document.getElementsByTagName('*').length")
    context.close()
    wall, cpu = long_tasks(json.loads(trace_path.read_text()))
    return {
        "bytes": sum(raw for raw, _ in bodies),
        "gzip": sum(packed for _, packed in bodies),
        "requests": len(bodies),
        "elements": elements,
        "tbt_ms": blocking(wall),
        "tbt_cpu_ms": blocking(cpu),
        "longest_ms": max(wall, default=0.0),
    }


def measure(site: Path, runs: int, pages: dict[str, str]) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch, serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in pages.items():
            visits = [visit(browser, base + path, Path(scratch) / "trace.json") for _ in range(runs)]
            results[name] = {key: statistics.median(v[key] for v in visits) for key in visits[0]}
            results[name]["path"] = "/" + path  # type: ignore[assignment]
        browser.close()
    return results


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| pagina | adres | KB | KB gzip | verzoeken | elementen | TBT (ms) | TBT CPU (ms) | langste taak (ms) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['path']} | {r['bytes'] / 1024:.0f} | {r['gzip'] / 1024:.0f} | {r['requests']:.0f} "
            f"| {r['elements']:.0f} | {r['tbt_ms']:.0f} | {r['tbt_cpu_ms']:.0f} | {r['longest_ms']:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--page", action="append", help="only this page type (repeatable), e.g. --page home")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site}: geen gebouwde site; draai eerst `kennisbank build`")
    pages = {name: path for name, path in PAGES.items() if not args.page or any(p in name for p in args.page)}
    results = measure(args.site, args.runs, pages)
    print(json.dumps(results, indent=2) if args.json else table(results))


if __name__ == "__main__":
    main()
