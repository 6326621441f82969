"""Real Chromium for tests: Debian's build driven by Playwright, pages served on 127.0.0.1 only
(generator/devtools.py, which the benchmarks share). The tests drive Chromium's headless shell where
`make browser` could install it, else the full browser: both are Debian's Chromium, the same engine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import devtools
from generator.devtools import CHROMIUM_ARGS, serve_folder

CHROMIUM = devtools.HEADLESS_SHELL or devtools.CHROMIUM

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "require_chromium", "serve_folder"]


def require_chromium() -> None:
    """Skip without Chromium on a laptop; under CI a missing browser is a failure."""
    if Path(CHROMIUM).exists():
        return
    message = "Chromium ontbreekt (apt-get install chromium); browsertests overgeslagen"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
