"""Live preview: regenerate the Markdown tree when a YAML file changes; MkDocs reloads the browser.

While the content has errors, every page the preview serves starts with them (`pad:regel:kolom:
melding`) above the last good version, and once they are gone the browser reloads with a short
"Opgelost" (PreviewStatus; injected by PreviewServer, MkDocs' own live-reload server). After each
of MkDocs' dirty rebuilds the search index, which then holds only the rebuilt pages, is mended with
the other pages from before (SearchIndex).

One pipeline state (site.PipelineState) lives as long as the preview and is passed to every
regeneration, so an edit re-reads only the files that changed and re-renders only the pages that show
them. Only files whose bytes change are rewritten, so MkDocs' own watcher on build/docs sees exactly
what an edit changed.

The preview holds the build lock (site.build_lock) while it runs, since it writes build/docs too. An
unexpected error while regenerating is reported in one line and the watcher goes on; a busy or invalid
address is one line and exit code 2.
"""

from __future__ import annotations

import contextlib
import errno
import html
import ipaddress
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from generator import site
from generator.problems import ContentError
from generator.registry import CONTENT_TYPES
from generator.reporters import text_line

WATCHED_SUFFIXES = (".yml", ".yaml")
EXIT_ADDRESS = 2
EXIT_INTERRUPTED = 130


FIXED_SHOWN_SECONDS = 20.0
"""How long after a fix the pages served say "Opgelost" (the reload that follows it, and little more)."""


class PreviewStatus:
    """What the preview tells the browser: the current errors, or that they were fixed just now."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.errors: list[str] = []
        self.fixed_at = 0.0
        self.announce: Callable[[], None] = lambda: None
        """Makes every open page reload (set by the running PreviewServer)."""

    def failed(self, errors: list[str]) -> bool:
        """Record the errors; whether they differ from the ones shown already."""
        with self.lock:
            changed, self.errors = errors != self.errors, errors
        if changed:
            self.announce()
        return changed

    def passed(self, reload: bool) -> None:
        """The content is good again; reload: no page changes, so MkDocs will not reload the browser itself."""
        with self.lock:
            had_errors, self.errors = bool(self.errors), []
            if had_errors:
                self.fixed_at = time.monotonic()
        if had_errors and reload:
            self.announce()

    def banner(self) -> bytes:
        """The HTML put at the top of every page served now ('' when there is nothing to say)."""
        with self.lock:
            errors, fixed = list(self.errors), time.monotonic() - self.fixed_at < FIXED_SHOWN_SECONDS
        if errors:
            items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in errors)
            count = f"{len(errors)} fout" if len(errors) == 1 else f"{len(errors)} fouten"
            return (
                '<section class="kb-voorbeeld-fouten" role="alert" aria-labelledby="kb-voorbeeld-kop" tabindex="0"'
                f' style="{_BANNER_STYLE}">'
                f'<h2 id="kb-voorbeeld-kop" style="margin:0 0 .4em;font-size:1.1em;color:#8a0000">'
                f"De inhoud heeft {count}</h2>"
                f'<ul style="margin:0 0 .4em 1.2em;padding:0">{items}</ul>'
                '<p style="margin:0">Hieronder staat de laatste goede versie van deze pagina. Verbeter het bestand en '
                "sla het op; de pagina laadt dan vanzelf opnieuw.</p></section>"
            ).encode()
        if fixed:
            return (
                f'<p class="kb-voorbeeld-opgelost" role="status" style="{_FIXED_STYLE}">'
                "Opgelost: de inhoud heeft geen fouten meer.</p>"
                "<script>setTimeout(function(){var e=document.querySelector('.kb-voorbeeld-opgelost');"
                "if(e)e.remove()},4000)</script>"
            ).encode()
        return b""


_BANNER_STYLE = (
    "position:relative;z-index:10;margin:0;padding:.8em 1em;background:#fff0f0;color:#1a1a1a;"
    "border-bottom:4px solid #b00020;font:15px/1.45 system-ui,sans-serif;max-height:50vh;overflow:auto;"
    "overflow-wrap:anywhere"
)
_FIXED_STYLE = (
    "position:fixed;z-index:10;top:.6em;left:50%;transform:translateX(-50%);width:max-content;max-width:90vw;"
    "margin:0;padding:.5em 1.2em;"
    "background:#0b6b2b;color:#fff;border-radius:.3em;font:600 15px/1.4 system-ui,sans-serif;"
    "box-shadow:0 2px 6px rgba(0,0,0,.3)"
)


def regenerate(
    root: Path,
    state: site.PipelineState | None = None,
    changed: set[str] | None = None,
    status: PreviewStatus | None = None,
) -> bool:
    """Regenerate build/docs from the content; print problems instead of raising.

    state: what the last regeneration kept (None: start afresh).
    changed: the content files the watcher saw change (the pipeline then looks at no others).
    status: what the browser is told (the errors, or that they are fixed).
    Problems are printed only when they differ from the last ones, so each shows once per change.
    """
    status = status or PreviewStatus()
    try:
        result = site.generate(root, state, changed)
    except ContentError as error:
        errors = [text_line(problem) for problem in error.problems.sorted() if problem.severity == "fout"]
        if status.failed(errors):
            for problem in error.problems.sorted():
                print(text_line(problem), file=sys.stderr)
            print("Inhoud bevat fouten; het voorbeeld toont ze boven de laatste goede versie.", file=sys.stderr)
        return False
    except site.BuildFailed as error:
        if status.failed([str(error)]):
            print(error, file=sys.stderr)
        return False
    if status.errors:
        print("Opgelost: de inhoud heeft geen fouten meer.", file=sys.stderr)
    status.passed(reload=not (result.written or result.removed))
    if result.written or result.removed:
        print(f"Bijgewerkt: {len(result.written)} bestand(en), verwijderd: {len(result.removed)}", file=sys.stderr)
    return True


class SearchIndex:
    """The preview's complete search index: MkDocs' dirty rebuilds index only the pages they rebuilt,
    so after each one the other pages are put back from the index before it."""

    def __init__(self) -> None:
        self.pages: dict[str, list[dict[str, Any]]] = {}
        self.config: Any = None

    @staticmethod
    def _path(site_dir: Path) -> Path:
        return site_dir / "search" / "search_index.json"

    @staticmethod
    def _by_page(docs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        pages: dict[str, list[dict[str, Any]]] = {}
        for doc in docs:
            pages.setdefault(str(doc.get("location", "")).partition("#")[0], []).append(doc)
        return pages

    def mend(self, site_dir: Path) -> None:
        """Merge the index MkDocs just wrote into the one kept, and write the whole back."""
        try:
            index = json.loads(self._path(site_dir).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(index, dict) or not isinstance(index.get("docs"), list):
            return
        self.pages.update(self._by_page(index["docs"]))
        self.config = index.get("config", self.config)
        merged = {"config": self.config, "docs": [doc for docs in self.pages.values() for doc in docs]}
        if merged["docs"] != index["docs"]:
            self._path(site_dir).write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")


def _preview_server_class(status: PreviewStatus) -> type:
    """MkDocs' live-reload server, which also shows `status` on every page and mends the search index."""
    from mkdocs.livereload import LiveReloadServer, _timestamp

    class PreviewServer(LiveReloadServer):  # type: ignore[misc]
        def __init__(self, builder: Callable[[], None], **options: Any) -> None:
            self.search = SearchIndex()

            def build_and_mend() -> None:
                builder()
                self.search.mend(Path(self.root))

            super().__init__(builder=build_and_mend, **options)
            status.announce = self.announce

        def serve(self, *args: Any, **options: Any) -> None:
            self.search.mend(Path(self.root))  # the first, full build
            super().serve(*args, **options)

        def announce(self) -> None:
            with self._epoch_cond:
                self._wanted_epoch = self._visible_epoch = _timestamp()
                self._epoch_cond.notify_all()

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            content = super()._inject_js_into_html(content, epoch)
            banner = status.banner()
            if not banner:
                return content
            start = content.find(b"<body")
            start = content.find(b">", start) + 1 if start >= 0 else 0
            return content[:start] + banner + content[start:]

    return PreviewServer


@contextlib.contextmanager
def _preview_server(status: PreviewStatus) -> Iterator[None]:
    """MkDocs' `serve` makes its server by this name; it makes ours while the preview runs."""
    import mkdocs.commands.serve as mkdocs_serve_module

    original = mkdocs_serve_module.LiveReloadServer
    mkdocs_serve_module.LiveReloadServer = _preview_server_class(status)  # type: ignore[misc,assignment]
    try:
        yield
    finally:
        mkdocs_serve_module.LiveReloadServer = original  # type: ignore[misc]


class _ContentChanged(FileSystemEventHandler):
    """Collects the YAML files that change; a worker thread regenerates after a short quiet period."""

    def __init__(self) -> None:
        self.changed = threading.Event()
        self.lock = threading.Lock()
        self.paths: set[str] = set()

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")}
        yaml_paths = {p for p in paths if p.endswith(WATCHED_SUFFIXES)}
        if yaml_paths:
            with self.lock:
                self.paths |= yaml_paths
            self.changed.set()

    def take(self) -> set[str]:
        with self.lock:
            paths, self.paths = self.paths, set()
        self.changed.clear()
        return paths


def watch_content(
    root: Path, state: site.PipelineState | None = None, status: PreviewStatus | None = None
) -> BaseObserver:
    """Start watching the content folders; returns the running observer.

    With a state, each regeneration looks only at the files the watcher saw change.
    """
    root = state.root if state else root
    handler = _ContentChanged()
    observer = Observer()
    folders = {root / folder for t in CONTENT_TYPES.values() for folder in t.folders}
    for folder in sorted(folders):
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=False)
    observer.start()

    def worker() -> None:
        current, look_at_all = state, False
        while observer.is_alive():
            try:
                if handler.changed.wait(timeout=0.5):
                    time.sleep(0.1)  # let an editor finish writing
                    changed = handler.take()
                    regenerate(root, current, None if current is None or look_at_all else changed, status)
                    look_at_all = False
            except Exception as error:  # a bug must not end the watcher and leave stale pages served
                report_unexpected(error)
                # The state may be halfway through an update: start afresh and look at every file.
                current, look_at_all = (site.PipelineState(root) if state else None), True

    threading.Thread(target=worker, daemon=True, name="kennisbank-watcher").start()
    return observer


def report_unexpected(error: Exception) -> None:
    """One line for an error the preview did not expect (no traceback); the preview goes on."""
    detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    print(
        f"Bijwerken mislukt door een onverwachte fout ({detail}); het voorbeeld toont de laatste goede versie "
        "en kijkt verder naar wijzigingen.",
        file=sys.stderr,
    )


def parse_address(dev_addr: str) -> tuple[str, int] | None:
    """(host, port) from HOST:PORT as MkDocs reads it, or None when MkDocs would refuse it."""
    from mkdocs.config.config_options import IpAddress, ValidationError

    try:
        host, port = IpAddress().validate(dev_addr)
    except ValidationError:
        return None
    return (host, port) if 0 < port < 65536 else None


def _shown(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def address_problem(host: str, port: int, error: OSError) -> str:
    """The Dutch line for an address the preview cannot listen on."""
    if error.errno == errno.EADDRINUSE:
        other = _shown(host, 8001 if port == 8000 else 8000)
        return f"Poort {port} op {host} is al in gebruik; kies een andere, bijvoorbeeld --dev-addr {other}"
    if error.errno == errno.EACCES:
        return (
            f"Geen toestemming om op poort {port} te luisteren (poorten onder 1024 vragen beheerdersrechten); "
            f"kies bijvoorbeeld --dev-addr {_shown(host, 8000)}"
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return f"Adres {host} hoort niet bij deze computer; gebruik bijvoorbeeld --dev-addr 127.0.0.1:{port}"
    return f"Kan niet luisteren op {_shown(host, port)}: {error.strerror or error}"


def _check_free(host: str, port: int) -> str | None:
    """The Dutch line when MkDocs will not be able to listen on host:port (bound as it binds), else None."""
    try:
        family = socket.AF_INET6 if isinstance(ipaddress.ip_address(host), ipaddress.IPv6Address) else socket.AF_INET
    except ValueError:
        family = socket.AF_INET  # "localhost"
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            return address_problem(host, port, error)
    return None


def serve(root: Path, dev_addr: str) -> int:
    """Generate once, then serve with MkDocs while regenerating on every content change."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    address = parse_address(dev_addr)
    if address is None:
        print(
            f"Ongeldig adres voor --dev-addr: '{dev_addr}'; gebruik IP-ADRES:POORT, bijvoorbeeld 127.0.0.1:8000",
            file=sys.stderr,
        )
        return EXIT_ADDRESS
    problem = _check_free(*address)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_ADDRESS
    root = root.resolve()
    try:
        with site.build_lock(root):
            state, status = site.PipelineState(root), PreviewStatus()
            try:
                regenerate(root, state, status=status)
            except Exception as error:
                report_unexpected(error)
                state = site.PipelineState(root)
            observer = watch_content(root, state, status)
            print(f"Voorbeeld op http://{_shown(*address)}/ (stoppen met Ctrl+C)", file=sys.stderr)
            try:
                with site.in_directory(root), _preview_server(status):
                    # Dirty builds: MkDocs renders only the pages our pipeline rewrote (1.6 s instead of a
                    # minute at 1,000 items); the preview server mends the search index after each.
                    # Not strict: MkDocs warns about every dirty build, and strict mode would turn
                    # that into a failure.
                    mkdocs_serve(
                        config_file=str(root / "mkdocs.yml"),
                        livereload=True,
                        dev_addr=dev_addr,
                        build_type="dirty",
                        strict=False,
                    )
            except OSError as error:
                if error.errno in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
                    print(address_problem(*address, error), file=sys.stderr)  # taken since we looked
                    return EXIT_ADDRESS
                raise
            except (MkDocsException, SystemExit) as error:
                print(f"Voorbeeld niet gestart: {error}", file=sys.stderr)
                return 1
            finally:
                observer.stop()
    except site.BuildLocked as error:
        print(error, file=sys.stderr)
        return 1
    # MkDocs returns only once Ctrl+C stopped it.
    print("Voorbeeld gestopt.", file=sys.stderr)
    return EXIT_INTERRUPTED
