"""Light pages: what a first visit of each page type fetches, and how long it blocks a phone's main thread.

Run: .venv/bin/python benchmarks/page_weight.py [--site site] [--runs 3] [--json]
Per page type: `bytes` and `requests` of a first visit (fresh browser context, empty cache, everything up to
network idle; `gzip` is what those bytes would be gzip-compressed, as a web server would usually send them),
the number of elements, and Lighthouse-style Total Blocking Time on a phone profile: viewport 390x844,
Chromium's CPU slowed down (CDP Emulation.setCPUThrottlingRate, Lighthouse's "devtools" throttling), TBT = the
sum over the main thread's tasks (from a trace, from first contentful paint until the page has been quiet for
2 s) of their time beyond 50 ms. Lighthouse stops counting at "time to interactive"; this counts to the end,
so it is the stricter figure. The median of `--runs` visits.

Two slowdowns, both reported. `TBT 4x`: Lighthouse's default multiplier, which turns a high-end desktop
(BenchmarkIndex 1500-2000) into a mid-tier phone. `TBT kalibr.`: the multiplier calibrated to this host as
Lighthouse's throttling documentation (docs/throttling.md, "Calibrating the CPU slowdown") describes it: the
host's BenchmarkIndex (Lighthouse's measure, below; unthrottled, median of 3) mapped to a multiplier by the
Lighthouse CPU throttling calculator that document points to (1300 -> 3x, +1x per 233 above; 800 -> 2x;
150 -> 1x; linear between). On a slow or loaded host 4x emulates a slower phone than Lighthouse means, so the
calibrated figure is the one comparable with Lighthouse; both figures and the host's index are printed.
The index depends on the host's load at the moment, so compare runs made in the same minutes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from generator.devtools import CHROMIUM, CHROMIUM_ARGS, serve_folder

REPO = Path(__file__).resolve().parents[1]

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
LIGHTHOUSE_RATE = 4.0

# Lighthouse's BenchmarkIndex (core/lib/page-functions.js, "computeBenchmarkIndex"): the mean of two half-second
# loops, building 10,000-character strings (memory and garbage collection) and copying a 100,000-integer array
# (no garbage), each as iterations per second divided by 10.
BENCHMARK_INDEX = """() => {
  const perSecond = (iterations, start) => Math.round(iterations / 10 / ((Date.now() - start) / 1000))
  let start = Date.now(), iterations = 0
  while (Date.now() - start < 500) {
    let text = ""
    for (let i = 0; i < 10000; i++) text += "a"
    if (text.length === 1) throw new Error("unreachable; keeps the loop from being optimised away")
    iterations++
  }
  const strings = perSecond(iterations, start)
  const one = [], other = []
  for (let i = 0; i < 100000; i++) one[i] = other[i] = i
  start = Date.now(); iterations = 0
  while (iterations % 10 !== 0 || Date.now() - start < 500) {
    const [from, to] = iterations % 2 ? [other, one] : [one, other]
    for (let i = 0; i < from.length; i++) to[i] = from[i]
    iterations++
  }
  return (strings + perSecond(iterations, start)) / 2
}"""


def calibrated_rate(benchmark_index: float) -> float:
    """The CPU slowdown that makes a host of this BenchmarkIndex a mid-tier phone, as the Lighthouse CPU
    throttling calculator computes it (never below 1: a slower host is not sped up)."""
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    return max(1.0, 1 + (benchmark_index - 150) / 650)


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


def benchmark_index(browser: Any) -> float:
    """This host's BenchmarkIndex now: the median of three measurements in a blank, unthrottled page."""
    context = browser.new_context()
    page = context.new_page()
    values = [page.evaluate(BENCHMARK_INDEX) for _ in range(3)]
    context.close()
    return statistics.median(values)


def visit(browser: Any, url: str, trace_path: Path, rate: float) -> dict[str, float]:
    """One first visit on the phone profile with the CPU `rate` times slower: bytes, requests, elements and
    blocking time."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": rate})
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


def measure(site: Path, runs: int, pages: dict[str, str]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The host (its BenchmarkIndex before and after, the calibrated rate, the load average) and per page
    the medians at 4x and at the calibrated rate, visits of the two rates taking turns."""
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as scratch, serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        index = benchmark_index(browser)
        rate = calibrated_rate(index)
        host: dict[str, Any] = {"benchmark_index": index, "rate": rate, "load_before": os.getloadavg()[0]}
        trace = Path(scratch) / "trace.json"
        for name, path in pages.items():
            raw, calibrated = [], []
            for _ in range(runs):
                raw.append(visit(browser, base + path, trace, LIGHTHOUSE_RATE))
                calibrated.append(visit(browser, base + path, trace, rate))
            results[name] = {key: statistics.median(v[key] for v in raw) for key in raw[0]}
            results[name]["tbt_calibrated_ms"] = statistics.median(v["tbt_ms"] for v in calibrated)
            results[name]["path"] = "/" + path
        host["benchmark_index_after"] = benchmark_index(browser)
        host["load_after"] = os.getloadavg()[0]
        browser.close()
    return host, results


def table(host: dict[str, Any], results: dict[str, dict[str, Any]], runs: int) -> str:
    lines = [
        f"Host: BenchmarkIndex {host['benchmark_index']:.0f} (na afloop {host['benchmark_index_after']:.0f}; "
        f"Lighthouse's 4x rekent op 1500-2000), gekalibreerde vertraging {host['rate']:.1f}x; "
        f"load average {host['load_before']:.1f} -> {host['load_after']:.1f}; mediaan van {runs} bezoeken.",
        "",
        "| pagina | adres | KB | KB gzip | verzoeken | elementen | TBT 4x (ms) | TBT kalibr. (ms) "
        "| TBT CPU 4x (ms) | langste taak 4x (ms) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['path']} | {r['bytes'] / 1024:.0f} | {r['gzip'] / 1024:.0f} | {r['requests']:.0f} "
            f"| {r['elements']:.0f} | {r['tbt_ms']:.0f} | {r['tbt_calibrated_ms']:.0f} | {r['tbt_cpu_ms']:.0f} "
            f"| {r['longest_ms']:.0f} |"
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
    host, results = measure(args.site, args.runs, pages)
    print(json.dumps({"host": host, "pages": results}, indent=2) if args.json else table(host, results, args.runs))


if __name__ == "__main__":
    main()
