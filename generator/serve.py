"""Live preview: regenerate the Markdown tree when a YAML file changes; MkDocs reloads the browser.

One pipeline lives as long as the preview, so an edit re-reads only the files that changed and
re-renders only the pages that show them (site.Pipeline). Only files whose bytes change are rewritten,
so MkDocs' own watcher on build/docs sees exactly what an edit changed.
"""

from __future__ import annotations

import os
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
        while observer.is_alive():
            if handler.changed.wait(timeout=0.5):
                time.sleep(0.1)  # let an editor finish writing
                changed = handler.take()
                regenerate(root, pipeline, changed if pipeline else None)

    threading.Thread(target=worker, daemon=True).start()
    return observer


def serve(root: Path, dev_addr: str) -> int:
    """Generate once, then serve with MkDocs while regenerating on every content change."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    pipeline = site.Pipeline(root.resolve())
    regenerate(root, pipeline)
    observer = watch_content(root, pipeline)
    print(f"Voorbeeld op http://{dev_addr}/ (stoppen met Ctrl+C)", file=sys.stderr)
    try:
        with site.in_directory(root):
            # Dirty builds: MkDocs renders only the pages our pipeline rewrote (1.6 s instead of a minute
            # at 1,000 items). After an edit, the preview's search index holds only those pages. Not strict:
            # MkDocs warns about every dirty build, and strict mode would turn that into a failure.
            mkdocs_serve(
                config_file=str(root / "mkdocs.yml"),
                livereload=True,
                dev_addr=dev_addr,
                build_type="dirty",
                strict=False,
            )
    finally:
        observer.stop()
    return 0
