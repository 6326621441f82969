"""Shared fixtures: scratch copies of content roots and runners for the CLI (in this process or a new one)."""

from __future__ import annotations

import fcntl
import io
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import settings

from generator.site import PDF_CACHE_DIR

REPO = Path(__file__).resolve().parents[1]
T = TypeVar("T")

# Hypothesis profiles: "quick" (a quarter of the examples) by default, "full" (every example) under
# CI. .ci/run selects "full" with HYPOTHESIS_PROFILE; so does CI=true. The examples are derandomized,
# so the quick run's examples are the first of the full run's.
settings.register_profile("full", max_examples=100)  # hypothesis' own default
settings.register_profile("quick", max_examples=25)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("full" if os.environ.get("CI") == "true" else "quick"))


def examples(full: int) -> int:
    """A test's number of examples under the loaded profile: `full` under "full", a quarter under "quick"."""
    return max(1, full * settings.default.max_examples // 100)


MINI = REPO / "tests" / "fixtures" / "mini"
CONTENT_DIRS = ["content", "kennisbronnen", "leerarrangementen", "reflectoren"]


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def run_cli(root: Path, *args: str) -> Run:
    """`kennisbank --root ROOT ARGS` in this process, as the console script calls it: stdout and stderr
    are captured at the file descriptors (so output of any child process is caught too), in the order
    written; the exit code is main()'s. About 50 times quicker than a new interpreter; use
    run_cli_process where the process itself is under test (entry point, signals, locks)."""
    return run_main(["--root", str(root), *args])


def run_main(argv: list[str], cwd: Path = REPO) -> Run:
    """generator.cli.main(argv) in this process, run in the folder `cwd`, its output as text."""
    code, out, err = main_bytes(argv, cwd)
    return Run(code, out.decode("utf-8"), err.decode("utf-8", "backslashreplace"))


def main_bytes(argv: list[str], cwd: Path = REPO) -> tuple[int, bytes, bytes]:
    """generator.cli.main(argv) with the file descriptors 1 and 2 captured: (exit code, stdout, stderr)."""
    from generator.cli import main

    sys.stdout.flush()
    sys.stderr.flush()
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        saved = os.dup(1), os.dup(2)
        streams = sys.stdout, sys.stderr
        previous = Path.cwd()
        os.dup2(out_file.fileno(), 1)
        os.dup2(err_file.fileno(), 2)
        sys.stdout = _text_stream(1, "surrogateescape")
        sys.stderr = _text_stream(2, "backslashreplace")
        os.chdir(cwd)
        try:
            code = main(argv)
        finally:
            os.chdir(previous)
            sys.stdout.flush()
            sys.stderr.flush()
            sys.stdout, sys.stderr = streams
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
        out_file.seek(0)
        err_file.seek(0)
        return code, out_file.read(), err_file.read()


def _text_stream(fd: int, errors: str) -> io.TextIOWrapper:
    """The text stream a new interpreter has on `fd` (UTF-8, as under this machine's C.UTF-8 locale);
    writes straight through, so the order of Python's and child processes' output is kept."""
    return io.TextIOWrapper(os.fdopen(fd, "wb", closefd=False), encoding="utf-8", errors=errors, write_through=True)


def run_cli_process(root: Path, *args: str) -> Run:
    """Run `python -m generator --root ROOT ARGS` in a new interpreter, as a user would."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def terminal_job(command: list[str], **options: Any) -> subprocess.Popen[str]:
    """Start `command` as a terminal's foreground job: its own session, text pipes as asked, and Ctrl+C
    (SIGINT) acting as it does there, also when pytest itself runs as a background job with SIGINT
    ignored, which a child would inherit. A handler, unlike "ignored", does not pass through exec, so
    while the child starts this process has one and the child begins with the default."""
    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(command, cwd=REPO, text=True, start_new_session=True, **options)
    finally:
        if ignored:
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def copy_root(source: Path, target: Path) -> Path:
    """A scratch knowledge base: the content of `source` with the repository's mkdocs.yml."""
    target.mkdir(parents=True, exist_ok=True)
    for name in CONTENT_DIRS:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "generator" / "theme", target / "generator" / "theme")
    return target


@pytest.fixture(scope="session")
def mini_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDFs the mini knowledge bases' builds have made so far this session, by their cache name."""
    return tmp_path_factory.mktemp("mini-pdfs")


@pytest.fixture
def mini_root(tmp_path: Path, mini_pdfs: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """A small valid knowledge base with one or two items of every type.

    Its PDF cache (build/pdf-cache) starts with the PDFs earlier mini builds made: a build renders only
    the PDFs whose HTML no earlier test had (the cache is keyed by that HTML), so most tests that build
    render none. A test of rendering PDFs itself, or of what a command leaves in build/, is marked
    `no_pdf_cache` and starts without it.
    """
    root = copy_root(MINI, tmp_path / "kb")
    cache = root / PDF_CACHE_DIR
    shared = request.node.get_closest_marker("no_pdf_cache") is None
    if shared and any(mini_pdfs.iterdir()):
        shutil.copytree(mini_pdfs, cache)
    yield root
    if shared and cache.is_dir():
        for made in cache.glob("*.pdf"):
            if not (mini_pdfs / made.name).exists():
                shutil.copyfile(made, mini_pdfs / made.name)


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]) -> T:
    """What `make(folder)` returns, made once per test run in a folder of its own.

    Under pytest-xdist the first worker to ask makes it and the others wait for it under a lock and read
    the result back, instead of each worker spending its share of the machine on the same build. The
    folder is shared: tests only read what is in it.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    folder, result = shared / name, shared / f"{name}.pickle"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if result.is_file():
            return pickle.loads(result.read_bytes())  # written by this run, a moment ago
        shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt of another worker left
        folder.mkdir()
        made = make(folder)
        result.write_bytes(pickle.dumps(made))
        return made


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content of this repository, built once per test run (once_per_run); returns the site folder."""

    def build(folder: Path) -> Path:
        root = copy_root(REPO, folder / "kb")
        result = run_cli_process(root, "build")  # the real entry point, end to end, on the real content
        assert result.code == 0, result.out + result.err
        return root / "site"

    return once_per_run(tmp_path_factory, "real", build)


@pytest.fixture(scope="session")
def offline_copy(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy of the real site, unzipped once per session (tests only read it)."""
    return unzip_offline_copy(real_site, tmp_path_factory.mktemp("offline"))


def unzip_offline_copy(site: Path, target: Path) -> Path:
    """The offline copy of a built site, unzipped into `target`; returns its folder."""
    with zipfile.ZipFile(site / "downloads" / "kennisbank-offline.zip") as archive:
        archive.extractall(target)
    return target / "kennisbank-sociale-wijkteams"


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium via Playwright, one per test session: Playwright's sync API allows only one
    running instance per thread, so every browser test takes this one (or site_in_browser)."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_in_browser(real_site: Path, chromium: Any) -> Iterator[tuple[Any, str]]:
    """Chromium and the real site served on 127.0.0.1: (browser, base URL)."""
    from tests.browser import serve_folder

    with serve_folder(real_site) as base:
        yield chromium, base


# A test on one of these waits for the real site's build (once a session) or drives Chromium: `slow`.
SLOW_FIXTURES = {"real_site", "offline_copy", "chromium", "site_in_browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    # The slow tests first, each file's in their order: pytest-xdist hands a worker the front of the list
    # and the others steal from its back, so the long tests start early and the short ones fill the end.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
