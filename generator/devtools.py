"""Helpers for the tests and the benchmarks (not used by the generator itself): Debian's Chromium with
the arguments that keep it on this machine, and a folder served on 127.0.0.1 only."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium's headless shell: the same Blink and V8 without the browser around them, which is what Playwright
# itself runs headless. The tests drive it where it is installed, because a new page then costs Chromium
# 0.45 CPU-seconds instead of 1.2; the benchmarks time the full browser, as a reader has it.
HEADLESS_SHELL = shutil.which("chromium-headless-shell")
# As root Chromium needs --no-sandbox; the rest keeps it from calling home on this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
