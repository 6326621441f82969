"""Shared fixtures: scratch copies of content roots and a runner for the real CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
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
    """Run `python -m generator --root ROOT ARGS` as a user would."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def copy_root(source: Path, target: Path) -> Path:
    """A scratch knowledge base: the content of `source` with the repository's mkdocs.yml."""
    target.mkdir(parents=True, exist_ok=True)
    for name in CONTENT_DIRS:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "generator" / "theme", target / "generator" / "theme")
    return target


@pytest.fixture
def mini_root(tmp_path: Path) -> Path:
    """A small valid knowledge base with one or two items of every type."""
    return copy_root(MINI, tmp_path / "kb")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content of this repository, built once per test session; returns the site folder."""
    root = copy_root(REPO, tmp_path_factory.mktemp("real") / "kb")
    result = run_cli(root, "build")
    assert result.code == 0, result.out + result.err
    return root / "site"


@pytest.fixture(scope="session")
def offline_copy(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy of the real site, unzipped once per session (tests only read it)."""
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(real_site / "downloads" / "kennisbank-offline.zip") as archive:
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
