"""Scaling benchmark: build a synthetic knowledge base of N items and time every stage in one run.

Run: .venv/bin/python benchmarks/run.py --items 1000 --json
     .venv/bin/python benchmarks/run.py --sizes 200,1000,5000 --markdown benchmarks/RESULTS.md
Each size of --sizes runs in a fresh subprocess. --stage-timeout S stops MkDocs and zensical after S
seconds (their values and the site's become null); --save-runs / --from-runs keep runs made apart
(say 5,000 on its own) and write one table from them. The generator is copied to a temp dir at the
start and imported from there, so editing the working tree during a run does not mix two versions.

The synthetic content root (a temp dir) copies mkdocs.yml and generator/theme and holds N items of
the types that grow (kennisbron, methode, leerarrangement, reflector, module, formulier, routestap,
begrip) in the proportions of the real content; each is a clone of a real item of its type, with
its field references and `[[type:id]]` references pointed at random synthetic items. The reference
content (eindtermen, concepten, schaal, resultaten, bakens, kernelementen, rollen) is copied from
the real content, so references to eindtermen resolve. A list type (begrippen, routestappen,
formulieren) writes its first LIST_PART items in its file and the rest in parts files beside it
(content/begrippen/deel-002.yml …), as an editor must past the 512 KB limit of one file.

Measured in one process (JSON keys):
  check_s               generator.site.check (asserted: zero errors)
  generate_s            site.checked + site.write_pages on a fresh PipelineState: YAML -> Markdown pages,
                        forms' HTML included (the check runs again inside it, as in a build)
  pdf_s                 site.write_pdfs: the PDFs of the forms, cold cache (a stage of its own)
  mkdocs_s              generator.site.run_mkdocs into a temp site dir
  pagefind_s            generator.site.run_pagefind on that site (the served site's search index)
  total_s               generate_s + pdf_s + mkdocs_s + pagefind_s (a build without the offline copy)
  pages                 index.html files in the MkDocs site
  search_index_bytes    the served site's search index: search/search_index.json (configuration only)
                        plus every file of the Pagefind folder
  largest_page_bytes    the largest .html file
  peak_rss_mb           ru_maxrss of this process (and children so far) after check, generate, MkDocs
                        and the rebuild; zensical and Chromium run afterwards and are not counted
  rebuild_s             with the preview's watcher running (serve.watch_content on the warm state):
                        from writing an edited samenvatting to its regenerated Markdown page on disk;
                        asserted: only files that show the new samenvatting are rewritten
  zensical_s            `zensical build --clean` on the same tree and mkdocs.yml (null if missing or failing)
  search_first_query_s  Chromium: first query typed right after the page loaded until results show, the
                        median of three readers with an empty cache (Pagefind: the index chunks and page
                        fragments that query needs are fetched); null without Chromium or Playwright
  search_first_query_bytes  bytes of search/ and pagefind/ files the page fetched from loading until the
                        first query's results showed (setup and that query)
  items, machine
Problems that make a value null are printed on stderr as lines starting with "note:", and the CPU
seconds of each stage as one line starting with "cpu:" (the Markdown table shows both).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import copy
import hashlib
import importlib
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
# A frozen copy of the generator: edits to the working tree during a long run must not mix two versions.
SNAPSHOT = Path(tempfile.mkdtemp(prefix="kb-bench-generator-"))
shutil.copytree(REPO / "generator", SNAPSHOT / "generator", ignore=shutil.ignore_patterns("__pycache__"))
sys.path.insert(0, str(SNAPSHOT))
atexit.register(shutil.rmtree, SNAPSHOT, ignore_errors=True)

from generator import serve, site  # noqa: E402
from generator.devtools import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402
from generator.link import REFERENCE, ref_target  # noqa: E402
from generator.models import Ref  # noqa: E402
from generator.registry import CONTENT_TYPES  # noqa: E402
from generator.render import Renderer  # noqa: E402
from generator.validate import source_files  # noqa: E402

SCALED = ("kennisbron", "methode", "leerarrangement", "reflector", "module", "formulier", "routestap", "begrip")
PAGE_TYPES = ("kennisbron", "methode", "leerarrangement", "reflector", "module")
MAIN_PROSE = {"kennisbron": "tekst", "methode": "wat", "leerarrangement": "waarom", "reflector": "doel"}
LIST_PART = 250  # items per list file: a list type continues in content/<name>/*.yml, each file ≤ 512 KB
SEED = 2015
KEYS = [
    "items",
    "check_s",
    "generate_s",
    "pdf_s",
    "mkdocs_s",
    "pagefind_s",
    "total_s",
    "pages",
    "search_index_bytes",
    "largest_page_bytes",
    "peak_rss_mb",
    "rebuild_s",
    "zensical_s",
    "search_first_query_s",
    "search_first_query_bytes",
    "machine",
]
SEARCH_QUERY = "casus"
SEARCH_TRIES = 3
EDIT_MARKER = "Gewijzigd voor de rebuildmeting"


def note(message: str) -> None:
    print(f"note: {message}", file=sys.stderr, flush=True)


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- synthetic content -------------------------------------------------------------------------


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Plain YAML as editors write it: no aliases, prose with line breaks as `|` blocks."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: Any, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10**6)


def real_items() -> dict[str, list[dict[str, Any]]]:
    """Every real item as plain data, by type name, in source order."""
    found: dict[str, list[dict[str, Any]]] = {}
    for name, content_type in CONTENT_TYPES.items():
        found[name] = []
        for path in source_files(REPO, content_type):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            found[name].extend(data if isinstance(data, list) else [data])
    return found


def reference_item_count() -> int:
    """Items copied unchanged from the real content (the fixed part of every synthetic root)."""
    return sum(len(items) for name, items in real_items().items() if name not in SCALED)


def distribute(total: int, weights: dict[str, int]) -> dict[str, int]:
    """`total` split over the types in proportion to `weights` (largest remainder), at least 1 each."""
    share = sum(weights.values())
    exact = {name: total * weight / share for name, weight in weights.items()}
    counts = {name: max(1, int(value)) for name, value in exact.items()}
    for name in sorted(exact, key=lambda n: exact[n] - int(exact[n]), reverse=True):
        if sum(counts.values()) >= total:
            break
        counts[name] += 1
    return counts


def _field_target(info: Any) -> str | None:
    return ref_target(info.annotation) or next((m.target for m in info.metadata if isinstance(m, Ref)), None)


class Synthesizer:
    """Writes a synthetic content root of `items` items (plus the copied reference content)."""

    def __init__(self, items: int, seed: int = SEED) -> None:
        self.rng = random.Random(seed + items)
        self.real = real_items()
        self.counts = distribute(items, {name: len(self.real[name]) for name in SCALED})
        self.pools: dict[str, list[str]] = {}
        self.plan: dict[str, list[tuple[int, dict[str, Any]]]] = {}  # type -> (round, template)
        for name in SCALED:
            templates = self.real[name]
            chosen = [(i // len(templates), templates[i % len(templates)]) for i in range(self.counts[name])]
            self.plan[name] = chosen
            self.pools[name] = [self._id(template["id"], round_) for round_, template in chosen]
            assert len(set(self.pools[name])) == len(self.pools[name]), f"duplicate {name} ids"
        self.known = {name: set(pool) for name, pool in self.pools.items()}
        eindtermen = self.real["eindterm"]
        self.scored = [e["nummer"] for e in eindtermen if e.get("soort") == "schaal"]
        self.data: dict[tuple[str, str], dict[str, Any]] = {}

    @staticmethod
    def _id(original: str, round_: int) -> str:
        return original if round_ == 0 else f"{original}-v{round_ + 1}"

    def pick(self, type_name: str, count: int, exclude: str | None = None) -> list[str]:
        pool = self.pools[type_name]
        if count and len(pool) == 1:  # only the item itself: a reference to itself still resolves
            return pool[:1]
        count = min(count, len(pool) - (1 if exclude in self.known[type_name] else 0))
        chosen: list[str] = []
        while len(chosen) < count:
            key = pool[self.rng.randrange(len(pool))]
            if key != exclude and key not in chosen:
                chosen.append(key)
        return chosen

    def _prose(self, text: str, self_key: str | None, only_missing: bool) -> str:
        def replace(match: re.Match[str]) -> str:
            type_name, key, label = match.group(1).strip(), match.group(2).strip(), match.group(3)
            if type_name not in self.pools or (only_missing and key in self.known[type_name]):
                return match.group(0)
            new = self.pick(type_name, 1, self_key)[0]
            return f"[[{type_name}:{new}|{label}]]" if label is not None else f"[[{type_name}:{new}]]"

        return REFERENCE.sub(replace, text)

    def _strings(self, value: Any, self_key: str | None, only_missing: bool) -> Any:
        if isinstance(value, str):
            return self._prose(value, self_key, only_missing)
        if isinstance(value, list):
            return [self._strings(v, self_key, only_missing) for v in value]
        if isinstance(value, dict):
            return {k: self._strings(v, self_key, only_missing) for k, v in value.items()}
        return value

    def rewire(self, type_name: str, data: dict[str, Any], self_key: str | None, only_missing: bool) -> None:
        """Point field and prose references to grown types at synthetic items (or only the dangling ones)."""
        for name, info in CONTENT_TYPES[type_name].model.model_fields.items():
            target = _field_target(info)
            if name not in data or target is None:
                continue
            value = data[name]
            if target == "*":
                links = []
                for link in value:
                    linked_type, _, key = str(link).partition(":")
                    if linked_type in self.pools and not (only_missing and key in self.known[linked_type]):
                        key = self.pick(linked_type, 1, self_key)[0]
                    links.append(f"{linked_type}:{key}")
                data[name] = links
            elif target in self.pools:
                if isinstance(value, list):
                    if not only_missing:
                        data[name] = self.pick(target, len(value), self_key if target == type_name else None)
                    else:
                        data[name] = [v if v in self.known[target] else self.pick(target, 1)[0] for v in value]
                elif not (only_missing and value in self.known[target]):
                    data[name] = self.pick(target, 1)[0]
        for name, value in list(data.items()):
            data[name] = self._strings(value, self_key, only_missing)

    def synthetic(self, type_name: str, index: int) -> dict[str, Any]:
        round_, template = self.plan[type_name][index]
        data = copy.deepcopy(template)
        key = self.pools[type_name][index]
        data["id"] = key
        self.rewire(type_name, data, key, only_missing=False)
        suffix = f" {round_ + 1}" if round_ else ""
        if round_:
            for field in ("titel", "term"):
                if field in data:
                    data[field] = f"{data[field]}{suffix}"
            if data.get("aliassen"):
                data["aliassen"] = [f"{alias}{suffix}" for alias in data["aliassen"]]
            if data.get("afkorting"):
                data["afkorting"] = f"{data['afkorting']}{round_ + 1}"
            if type_name == "kennisbron":
                data.pop("nummer", None)
            if type_name == "leerarrangement":
                data["nummer"] = index % 99 + 1
        if type_name in PAGE_TYPES:
            self._ensure_links(type_name, data, key)
        return data

    def _ensure_links(self, type_name: str, data: dict[str, Any], key: str) -> None:
        """Every page item refers to other items in a field, in prose, and to eindtermen."""
        fields = CONTENT_TYPES[type_name].model.model_fields
        if not any(data.get(f) for f in ("kennisbronnen", "methoden", "reflectoren", "leerarrangementen")):
            data["kennisbronnen"] = self.pick("kennisbron", 2, key if type_name == "kennisbron" else None)
        if "eindtermen" in fields and not data.get("eindtermen") and data.get("soort") != "dialoog":
            data["eindtermen"] = sorted(self.rng.sample(self.scored, 2))
        if not REFERENCE.search(json.dumps(data, ensure_ascii=False)):
            other = self.pick("methode", 1, key if type_name == "methode" else None)[0]
            sentence = f"\n\nZie ook [[methode:{other}]] en [[eindterm:{self.rng.choice(self.scored)}]].\n"
            if type_name in MAIN_PROSE:
                data[MAIN_PROSE[type_name]] = data[MAIN_PROSE[type_name]].rstrip("\n") + sentence
            else:
                data["leerdoelen"][0] = data["leerdoelen"][0].rstrip("\n") + sentence

    def write(self, root: Path) -> None:
        for name, content_type in CONTENT_TYPES.items():
            if name in SCALED:
                entries = [self.synthetic(name, index) for index in range(self.counts[name])]
            else:  # reference content, unchanged unless it points at an item the synthetic root lacks
                entries = copy.deepcopy(self.real[name])
                for data in entries:
                    self.rewire(name, data, None, only_missing=True)
            if not entries:
                continue
            if content_type.per_file:
                folder = root / content_type.source
                folder.mkdir(parents=True, exist_ok=True)
                for data in entries:
                    (folder / f"{data['id']}.yml").write_text(dump(data), encoding="utf-8")
                    self.data[(name, data["id"])] = data
            else:
                assert content_type.parts is not None
                for number, start in enumerate(range(0, len(entries), LIST_PART), start=1):
                    path = root / (content_type.source if number == 1 else f"{content_type.parts}/deel-{number:03}.yml")
                    path.parent.mkdir(parents=True, exist_ok=True)
                    part = entries[start : start + LIST_PART]
                    path.write_text(f"# Synthetic {name} items for the scaling benchmark\n{dump(part)}", "utf-8")
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(SNAPSHOT / "generator" / "theme", root / "generator" / "theme")

    def edit_summary(self, root: Path) -> tuple[str, str]:
        """Prefix one kennisbron's samenvatting on disk; its id and the prefix (plain text, kept as is on pages)."""
        key = self.pools["kennisbron"][len(self.pools["kennisbron"]) // 2]
        data = dict(self.data[("kennisbron", key)])
        marker = f"{EDIT_MARKER} {time.time_ns()}"
        data["samenvatting"] = f"{marker}: {data['samenvatting']}"
        (root / "kennisbronnen" / f"{key}.yml").write_text(dump(data), encoding="utf-8")
        return key, marker


# --- measurements --------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        memory_gb = round(int(Path("/proc/meminfo").read_text().split()[1]) / 1024**2, 1)
    return {
        "load_avg_1m": round(os.getloadavg()[0], 2),  # other work on the machine skews the timings
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "memory_gb": memory_gb,
    }


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)  # kilobytes on Linux


def fingerprint(folder: Path, skip: tuple[str, ...]) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(skip)
    }


class Stopwatch:
    """Wall-clock and CPU seconds per stage; CPU time shows less of other load on the machine."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.extra: dict[str, Any] = {}

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), _cpu_seconds()
        try:
            yield
        finally:
            self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall
            self.cpu[name] = self.cpu.get(name, 0.0) + _cpu_seconds() - cpu


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the PDF workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def warm_templates(folder: Path) -> None:
    """Generate the real content once, so the templates are compiled into Jinja's bytecode cache.

    A user compiles them once per installation; this benchmark's frozen copy of the generator lives
    in a new temp folder each run, which would otherwise make every size pay for compiling them
    (shown apart as `CPU s, templates`).
    """
    for name in ("content", "kennisbronnen", "leerarrangementen", "reflectoren"):
        shutil.copytree(REPO / name, folder / name)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    state = site.PipelineState(folder)
    site.write_pages(Renderer(site.checked(folder, state), state.site_url, state.pages), state)


def measure_rebuild(root: Path, synth: Synthesizer, clock: Stopwatch, state: site.PipelineState) -> None:
    """Edit one kennisbron's samenvatting while the preview's watcher runs; time until its page is rewritten.

    `state` has built everything once, which is where `kennisbank serve` stands when an editor
    starts typing. The wall time runs from writing the YAML file to the new Markdown page on disk
    (the watcher's 0.1 s wait for the editor to finish writing included); the CPU time and
    `regenerate_s` are the regeneration alone. Asserted: only files that show the new samenvatting
    are rewritten.
    """
    docs = root / site.DOCS_DIR
    skip = ("assets/",)  # the generator's own files do not depend on the content
    before = fingerprint(docs, skip)
    regenerations: list[float] = []
    regenerate = serve.regenerate

    def timed_regenerate(*args: Any) -> bool:
        started = time.perf_counter()
        try:
            return regenerate(*args)
        finally:
            regenerations.append(time.perf_counter() - started)

    serve.regenerate = timed_regenerate  # the watcher looks it up at call time
    observer = serve.watch_content(root, state)
    try:
        time.sleep(0.5)  # the watcher is up
        cpu = _cpu_seconds()
        started = time.perf_counter()
        key, marker = synth.edit_summary(root)
        page = docs / "kennisbronnen" / f"{key}.md"
        while marker.encode() not in (page.read_bytes() if page.exists() else b""):
            if time.perf_counter() - started > 600:
                raise SystemExit("rebuild: the page did not change within 600 s")
            time.sleep(0.002)
        clock.wall["rebuild"] = time.perf_counter() - started
        while not regenerations:  # the rest of the regeneration (PDFs, other pages) may still run
            time.sleep(0.01)
        clock.cpu["rebuild"] = _cpu_seconds() - cpu
        clock.extra["regenerate_s"] = round(regenerations[0], 3)
    finally:
        observer.stop()
        observer.join()
        serve.regenerate = regenerate
    after = fingerprint(docs, skip)
    assert set(before) == set(after), f"files added/removed: {sorted(set(before) ^ set(after))}"
    changed = {path for path in after if before[path] != after[path]}
    marked = {path for path in after if marker.encode() in (docs / path).read_bytes()}
    expected_core = {f"kennisbronnen/{key}.md", "kennisbronnen/index.md"}
    assert expected_core <= changed, f"not rewritten: {sorted(expected_core - changed)}"
    assert changed == marked, f"unexpected rewrites: {sorted(changed ^ marked)}"
    progress(f"rebuild rewrote {len(changed)} file(s): {', '.join(sorted(changed))}")


class StageTimeout(Exception):
    """A stage ran longer than --stage-timeout."""


@contextlib.contextmanager
def time_limit(seconds: int | None) -> Iterator[None]:
    """Raise StageTimeout in this (main) thread after `seconds`."""
    if not seconds:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise StageTimeout(f"longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_zensical(root: Path, timeout: int | None) -> float | None:
    binary = Path(sys.executable).parent / "zensical"
    command = [str(binary)] if binary.exists() else None
    if command is None and shutil.which("zensical"):
        command = [str(shutil.which("zensical"))]
    if command is None:
        note("zensical: not installed (.venv/bin/pip install zensical)")
        return None
    shutil.rmtree(root / ".cache", ignore_errors=True)
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [*command, "build", "--clean", "-f", "mkdocs.yml"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=timeout or None,
        )
    except subprocess.TimeoutExpired:
        note(f"zensical: stopped after {timeout} s (--stage-timeout)")
        return None
    except OSError as error:
        note(f"zensical: {error}")
        return None
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines() or ["no output"]
        note(f"zensical: exit {result.returncode}: {lines[-1].strip()}")  # the error, not the traceback
        return None
    return elapsed


def first_search(site_dir: Path) -> tuple[float | None, int | None]:
    """Seconds from typing the first query (right after the page loaded) until its results show (the
    median of SEARCH_TRIES readers, each with an empty cache), and the bytes of search files (search/,
    pagefind/) one reader fetched from the page load until then."""
    if not Path(CHROMIUM).exists():
        note(f"search: {CHROMIUM} missing")
        return None, None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        note(f"search: Playwright missing ({error})")
        return None, None
    fetched: dict[str, int] = {}

    def count(base: str, url: str) -> None:
        path = url.removeprefix(base).split("?")[0]
        if url.startswith(base) and path.startswith(("search/", "pagefind/")) and (site_dir / path).is_file():
            fetched[path] = (site_dir / path).stat().st_size

    try:
        with serve_folder(site_dir) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                times = []
                for _ in range(SEARCH_TRIES):  # each in a fresh context: an empty cache, as a new reader has
                    context = browser.new_context()
                    page = context.new_page()
                    page.on("requestfinished", lambda request: count(base, request.url))
                    page.goto(base, wait_until="load")
                    box = page.locator("input.md-search__input")
                    box.click()
                    started = time.perf_counter()
                    box.fill(SEARCH_QUERY)
                    page.keyboard.press("End")  # Material searches on keyup, not on fill
                    page.wait_for_function(
                        "() => (document.querySelector('.md-search-result__meta')?.textContent || '')"
                        ".includes('overeenkomende')",
                        timeout=300_000,
                        polling=10,
                    )
                    times.append(time.perf_counter() - started)
                    context.close()
                note(f"first search: {', '.join(f'{t:.3f}' for t in times)} s (the median is reported)")
                return statistics.median(times), sum(fetched.values())
            finally:
                browser.close()
    except Exception as error:  # a browser problem makes the value null, not the benchmark fail
        note(f"search: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
        return None, None


def measure(items: int, keep: Path | None, zensical: bool, browser: bool, timeout: int | None) -> dict[str, Any]:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    for module in ("mkdocs.commands.build", "mkdocs.config"):  # imported outside the timings
        importlib.import_module(module)

    site.configure_logging()
    host = machine()  # before our own work: the load average shows what else ran
    scratch = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    root = keep.resolve() if keep else scratch / "kb"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    try:
        progress(f"{items} items: writing synthetic content to {root}")
        synth = Synthesizer(items)
        synth.write(root)
        progress("counts: " + ", ".join(f"{name} {count}" for name, count in synth.counts.items()))

        clock = Stopwatch()
        with clock.stage("templates"):
            warm_templates(scratch / "warm-up")
        with clock.stage("check"):
            _, problems = site.check(root)
        if problems.errors:
            for problem in problems.sorted()[:20]:
                print(problem, file=sys.stderr)
            raise SystemExit(f"synthetic content has {len(problems.errors)} error(s)")
        progress(f"check {clock.wall['check']:.2f} s, 0 errors, {len(problems.warnings)} warning(s)")

        state = site.PipelineState(root)  # a fresh state: nothing reused, as in `kennisbank build`
        with clock.stage("generate"):
            renderer = Renderer(site.checked(root, state), state.site_url, state.pages)
            site.write_pages(renderer, state)
        with clock.stage("pdf"):
            site.write_pdfs(renderer, state)
        progress(f"generate {clock.wall['generate']:.2f} s, PDFs {clock.wall['pdf']:.2f} s")

        site_dir = (root if keep else scratch) / "site-mkdocs"
        built = True
        try:
            with clock.stage("mkdocs"), time_limit(timeout):
                site.run_mkdocs(root, site_dir)
        except StageTimeout:
            built = False
            clock.cpu.pop("mkdocs", None)  # a partial time would read as the whole
            clock.extra["mkdocs_stopped_after_s"] = timeout
            note(f"mkdocs: stopped after {timeout} s (--stage-timeout); no site to measure or search")
        progress(f"mkdocs {clock.wall['mkdocs']:.2f} s" + ("" if built else " (stopped)"))
        if built:
            with clock.stage("pagefind"):
                site.run_pagefind(site_dir)
            progress(f"pagefind {clock.wall['pagefind']:.2f} s")

        html = [p.stat().st_size for p in site_dir.rglob("*.html")] if built else []
        pages = sum(1 for _ in site_dir.rglob("index.html")) if built else None
        search_index = site_dir / "search" / "search_index.json"
        index_bytes = (
            search_index.stat().st_size
            + sum(p.stat().st_size for p in (site_dir / "pagefind").rglob("*") if p.is_file())
            if built
            else None
        )

        measure_rebuild(root, synth, clock, state)
        progress(f"rebuild {clock.wall['rebuild']:.2f} s")
        peak = peak_rss_mb()

        zensical_s = run_zensical(root, timeout) if zensical else None
        if zensical:
            progress(f"zensical {zensical_s if zensical_s is None else round(zensical_s, 2)} s")
        search_s, search_bytes = first_search(site_dir) if browser and built else (None, None)
        if browser:
            progress(f"first search {search_s if search_s is None else round(search_s, 3)} s, {search_bytes} bytes")

        if built:  # what the preview's MkDocs does after the edit: a dirty build of the pages rewritten
            started = time.perf_counter()
            site.run_mkdocs(root, site_dir, dirty=True)  # last: its search index holds only those pages
            clock.extra["preview_mkdocs_s"] = round(time.perf_counter() - started, 3)
            progress(f"preview MkDocs (dirty) {clock.extra['preview_mkdocs_s']:.2f} s")

        wall = clock.wall
        stats = {**{k: round(v, 3) for k, v in clock.cpu.items()}, **clock.extra}
        print(f"cpu: {json.dumps(stats)}", file=sys.stderr, flush=True)
        result = {
            "items": items,
            "check_s": round(wall["check"], 3),
            "generate_s": round(wall["generate"], 3),
            "pdf_s": round(wall.get("pdf", 0.0), 3),
            "mkdocs_s": round(wall["mkdocs"], 3) if built else None,
            "pagefind_s": round(wall["pagefind"], 3) if built else None,
            "total_s": round(wall["generate"] + wall["pdf"] + wall["mkdocs"] + wall["pagefind"], 3) if built else None,
            "pages": pages,
            "search_index_bytes": index_bytes,
            "largest_page_bytes": max(html) if built else None,
            "peak_rss_mb": peak,
            "rebuild_s": round(wall["rebuild"], 3),
            "zensical_s": None if zensical_s is None else round(zensical_s, 3),
            "search_first_query_s": None if search_s is None else round(search_s, 3),
            "search_first_query_bytes": search_bytes,
            "machine": host,
        }
        assert list(result) == KEYS
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# --- several sizes, each in a fresh process ----------------------------------------------------------


def run_size(items: int, extra: list[str]) -> dict[str, Any]:
    """One size in a fresh subprocess (so ru_maxrss is its own): its result, plus its notes and CPU seconds."""
    command = [sys.executable, str(Path(__file__).resolve()), "--items", str(items), "--json", *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    notes: list[str] = []
    cpu: dict[str, float] = {}

    def relay() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            sys.stderr.write(line)
            if line.startswith("note: "):
                notes.append(line.removeprefix("note: ").strip())
            elif line.startswith("cpu: "):
                cpu.update(json.loads(line.removeprefix("cpu: ")))

    relay_thread = threading.Thread(target=relay, daemon=True)
    relay_thread.start()
    assert process.stdout is not None
    stdout = process.stdout.read()  # not communicate(): that would read stderr too, racing the relay
    process.wait()
    relay_thread.join()
    if process.returncode != 0:
        raise SystemExit(f"size {items} failed with exit code {process.returncode}")
    return {"result": json.loads(stdout), "notes": notes, "cpu": cpu}


def _ratio(value: float | None, base: float | None) -> float | None:
    return None if value is None or not base else value / base


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _times(shown: str) -> str:
    return shown if shown == "–" else f"{shown}×"


def _verdict(value: float | None, limit: float, strict: bool = False) -> str:
    if value is None:
        return "n/a"
    return "PASS" if (value < limit if strict else value <= limit) else "FAIL"


def verdicts(runs: list[dict[str, Any]]) -> list[tuple[str, str, str, str, str]]:
    """(check, wall-clock value, CPU-time value, wanted, verdict) for the ratios the issue asks for."""
    rows: list[tuple[str, str, str, str, str]] = []

    def both(wall: float | None, cpu: float | None, limit: float, fmt: str) -> tuple[str, str, str]:
        shown = [format(v, fmt) if v is not None else "–" for v in (wall, cpu)]
        verdict = _verdict(wall, limit)
        if cpu is not None and _verdict(cpu, limit) != verdict:
            verdict += f" (CPU: {_verdict(cpu, limit)})"
        return shown[0], shown[1], verdict

    for run in runs:
        r, cpu = run["result"], run["cpu"]
        wall_share = _ratio(r["generate_s"], r["mkdocs_s"])
        cpu_share = _ratio(cpu.get("generate"), cpu.get("mkdocs"))
        a, b, verdict = both(wall_share, cpu_share, 0.15, ".0%")
        rows.append((f"generate_s / mkdocs_s at {r['items']:,}", a, b, "≤ 15%", verdict))
    small = runs[0]
    for big in runs[1:]:  # every larger size against the smallest: a size that did not finish keeps the rest
        rows += _growth_rows(small, big, both)
    return rows


def _growth_rows(small: dict[str, Any], big: dict[str, Any], both: Any) -> list[tuple[str, str, str, str, str]]:
    rows: list[tuple[str, str, str, str, str]] = []
    n_small, n_big = small["result"]["items"], big["result"]["items"]
    per_item = n_big / n_small  # per synthetic item: a linear cost a + b·N never fails, whatever its constant a
    sizes = f"{n_big:,} vs {n_small:,}"

    def growth(key: str, cpu_key: str, per: float) -> tuple[float | None, float | None]:
        wall = _ratio(_ratio(big["result"][key], small["result"][key]), per)
        cpu = _ratio(_ratio(big["cpu"].get(cpu_key), small["cpu"].get(cpu_key)), per)
        return wall, cpu

    for key in ("check", "generate", "mkdocs"):
        stopped = big["cpu"].get(f"{key}_stopped_after_s")
        if stopped:  # the big size did not finish: its time is a lower bound
            bound = _ratio(_ratio(stopped, small["result"][f"{key}_s"]), per_item)
            shown = f"≥ {bound:.2f}×" if bound is not None else "–"
            verdict = "FAIL" if bound is not None and bound > 1.5 else "n/a"
            rows.append((f"`{key}_s` per item, {sizes}", shown, "", "≤ 1.5×", verdict + " (did not finish)"))
            continue
        a, b, verdict = both(*growth(f"{key}_s", key, per_item), 1.5, ".2f")
        rows.append((f"`{key}_s` per item, {sizes}", _times(a), _times(b), "≤ 1.5×", verdict))
    a, b, verdict = both(*growth("rebuild_s", "rebuild", 1.0), 2.0, ".2f")
    rows.append((f"`rebuild_s`, {sizes}", _times(a), _times(b), "≤ 2×", verdict))
    index = _ratio(_ratio(big["result"]["search_index_bytes"], small["result"]["search_index_bytes"]), per_item)
    shown = f"{index:.2f}×" if index is not None else "–"
    rows.append((f"`search_index_bytes` per item, {sizes}", shown, "", "≤ 1.3×", _verdict(index, 1.3)))
    at = f"at {n_big:,}" + ("" if n_big >= 5000 else " (5,000 wanted)")
    peak = big["result"]["peak_rss_mb"]
    rows.append((f"`peak_rss_mb` {at}", _fmt(peak, 0), "", "< 1024", _verdict(peak, 1024, strict=True)))
    first = big["result"]["search_first_query_s"]
    shown = f"{first:.2f} s" if first is not None else "–"
    rows.append((f"first search {at}", shown, "", "< 1 s", _verdict(first, 1, strict=True)))
    return rows


def markdown(runs: list[dict[str, Any]], fixed: int, command: str) -> str:
    results = [run["result"] for run in runs]
    m = results[0]["machine"]
    loads = ", ".join(f"{r['items']:,}: {r['machine'].get('load_avg_1m')}" for r in results)
    lines = [
        "# Scaling benchmark",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} with `{command}`, each size in a fresh process.",
        "",
        f"- Machine: {m['cpu']}, {m['cpu_count']} CPUs, {m['memory_gb']} GB, {m['platform']}, Python {m['python']}.",
        f"- Load average (1 min) when each size started: {loads}. Wall-clock times grow with other work on the"
        " machine; the CPU seconds of the benchmark process show less of it.",
        f"- `items` are synthetic items; every size also holds the same {fixed} reference items copied from the"
        " real content (eindtermen, resultaten, concepten, schaal, bakens, kernelementen, rollen). Per-item ratios"
        " divide by `items`: that fixed part (and any start-up cost) is a constant, which a growth ratio must"
        " not count as growth.",
        "- `generate_s` is YAML → Markdown (checking included, forms' HTML included) on a fresh pipeline;"
        " `pdf_s` the PDFs (cold cache), a stage of its own; `total_s` = generate + PDFs + MkDocs + Pagefind"
        " (one MkDocs build); `rebuild_s` runs from writing an edited samenvatting, with the preview's watcher running,"
        " to its regenerated page on disk (`regenerate_s` in the notes: the regeneration alone).",
        "- Before the timed stages each size generates the real content once, which compiles the templates"
        " into Jinja's bytecode cache as a user's first build does (`CPU s, templates`, not in `generate_s`).",
        "",
        "| | " + " | ".join(f"{r['items']:,}" for r in results) + " |",
        "|---|" + "---:|" * len(results),
    ]
    for key in KEYS[1:-1]:
        digits = 1 if key == "peak_rss_mb" else 3 if key == "search_first_query_s" else 2
        cells = [_fmt(run["result"].get(key), digits) for run in runs]  # runs saved before a key was added
        for index, run in enumerate(runs):
            stopped = run["cpu"].get("mkdocs_stopped_after_s")
            if stopped and key in ("mkdocs_s", "total_s") and run["result"].get(key) is None:
                cells[index] = f"> {stopped:,} (stopped)"
        lines.append(f"| `{key}` | " + " | ".join(cells) + " |")
    for stage in ("templates", "check", "generate", "pdf", "mkdocs", "pagefind", "rebuild"):
        lines.append(f"| CPU s, {stage} | " + " | ".join(_fmt(run["cpu"].get(stage)) for run in runs) + " |")
    regenerations = " | ".join(_fmt(run["cpu"].get("regenerate_s"), 3) for run in runs)
    lines.append(f"| `regenerate_s` (inside `rebuild_s`) | {regenerations} |")
    previews = " | ".join(_fmt(run["cpu"].get("preview_mkdocs_s")) for run in runs)
    lines.append(f"| preview: MkDocs dirty build after the edit, s | {previews} |")
    lines += ["", "| check | wall clock | CPU time | wanted | verdict |", "|---|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in verdicts(runs)]
    found = [f"- {run['result']['items']:,}: {text}" for run in runs for text in run["notes"]]
    if found:
        lines += ["", "Notes:", "", *found]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, help="measure one size (synthetic items)")
    parser.add_argument("--json", action="store_true", help="print the result(s) as JSON on stdout")
    parser.add_argument("--sizes", help="comma-separated sizes, each measured in a fresh subprocess")
    parser.add_argument("--markdown", type=Path, help="with --sizes: write a Markdown table here")
    parser.add_argument("--keep", type=Path, help="with --items: build the synthetic root here and keep it")
    parser.add_argument("--no-zensical", action="store_true", help="skip the zensical build")
    parser.add_argument("--no-browser", action="store_true", help="skip the first search in Chromium")
    parser.add_argument("--stage-timeout", type=int, help="stop MkDocs or zensical after this many seconds (null)")
    parser.add_argument("--save-runs", type=Path, help="with --sizes: also save the runs (JSON) for --from-runs")
    parser.add_argument("--from-runs", type=Path, nargs="+", help="write --markdown from saved runs instead")
    args = parser.parse_args()
    extra = [flag for flag, on in (("--no-zensical", args.no_zensical), ("--no-browser", args.no_browser)) if on]
    if args.stage_timeout:
        extra += ["--stage-timeout", str(args.stage_timeout)]

    if args.sizes or args.from_runs:
        if args.from_runs:
            runs = sorted(
                (run for path in args.from_runs for run in json.loads(path.read_text(encoding="utf-8"))),
                key=lambda run: run["result"]["items"],
            )
            sizes = [run["result"]["items"] for run in runs]
        else:
            sizes = sorted(int(size) for size in args.sizes.split(","))
            runs = [run_size(items, extra) for items in sizes]
            if args.save_runs:
                args.save_runs.write_text(json.dumps(runs, indent=2), encoding="utf-8")
        fixed = reference_item_count()
        if args.markdown:
            command = f"benchmarks/run.py --sizes {','.join(map(str, sizes))} {' '.join(extra)}".strip()
            if args.from_runs:
                command = f"benchmarks/run.py --from-runs {' '.join(p.name for p in args.from_runs)}"
            args.markdown.write_text(markdown(runs, fixed, command), encoding="utf-8")
            progress(f"wrote {args.markdown}")
        for row in verdicts(runs):
            progress(" | ".join(row))
        if args.json:
            print(json.dumps([run["result"] for run in runs], indent=2))
        return
    if not args.items or args.items < len(SCALED):
        parser.error(f"give --items N (at least {len(SCALED)}) or --sizes")
    result = measure(args.items, args.keep, not args.no_zensical, not args.no_browser, args.stage_timeout)
    print(json.dumps(result, indent=2) if args.json else result)


if __name__ == "__main__":
    main()
