"""Live preview: regenerate the Markdown tree when a YAML file changes; MkDocs reloads the browser.

One pipeline lives as long as the preview, so an edit re-reads only the files that changed and
re-renders only the pages that show them (site.Pipeline). Only files whose bytes change are rewritten,
so MkDocs' own watcher on build/docs sees exactly what an edit changed.

The preview holds the build lock (site.build_lock) while it runs, since it writes build/docs too. An
unexpected error while regenerating is reported in one line and the watcher goes on; a busy or invalid
address is one line and exit code 2.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator import site
from generator.problems import ContentError
from generator.registry import CONTENT_TYPES

WATCHED_SUFFIXES = (".yml", ".yaml")
EXIT_ADDRESS = 2
EXIT_INTERRUPTED = 130


def regenerate(root: Path, pipeline: site.Pipeline | None = None, changed: set[str] | None = None) -> bool:
    """Regenerate build/docs from the content; print problems instead of raising.

    changed: the content files the watcher saw change (the pipeline then looks at no others).
    """
    try:
        result = site.generate(root, pipeline, changed)
    except ContentError as error:
        for problem in error.problems.sorted():
            print(problem, file=sys.stderr)
        print("Inhoud bevat fouten; de preview toont de laatste goede versie.", file=sys.stderr)
        return False
    except site.BuildFailed as error:
        print(error, file=sys.stderr)
        return False
    if result.written or result.removed:
        print(f"Bijgewerkt: {len(result.written)} bestand(en), verwijderd: {len(result.removed)}", file=sys.stderr)
    return True


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


def watch_content(root: Path, pipeline: site.Pipeline | None = None) -> Observer:
    """Start watching the content folders; returns the running observer.

    With a pipeline, each regeneration looks only at the files the watcher saw change.
    """
    root = pipeline.root if pipeline else root
    handler = _ContentChanged()
    observer = Observer()
    folders = {root / folder for t in CONTENT_TYPES.values() for folder in t.folders}
    for folder in sorted(folders):
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=False)
    observer.start()

    def worker() -> None:
        current, look_at_all = pipeline, False
        while observer.is_alive():
            try:
                if handler.changed.wait(timeout=0.5):
                    time.sleep(0.1)  # let an editor finish writing
                    changed = handler.take()
                    regenerate(root, current, None if current is None or look_at_all else changed)
                    look_at_all = False
            except Exception as error:  # a bug must not end the watcher and leave stale pages served
                report_unexpected(error)
                # The pipeline may be halfway through an update: start afresh and look at every file.
                current, look_at_all = (site.Pipeline(root) if pipeline else None), True

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
            pipeline = site.Pipeline(root)
            try:
                regenerate(root, pipeline)
            except Exception as error:
                report_unexpected(error)
                pipeline = site.Pipeline(root)
            observer = watch_content(root, pipeline)
            print(f"Voorbeeld op http://{_shown(*address)}/ (stoppen met Ctrl+C)", file=sys.stderr)
            try:
                with site.in_directory(root):
                    # Dirty builds: MkDocs renders only the pages our pipeline rewrote (1.6 s instead of a
                    # minute at 1,000 items). After an edit, the preview's search index holds only those
                    # pages. Not strict: MkDocs warns about every dirty build, and strict mode would turn
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
