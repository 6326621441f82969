"""PDFs of the printable forms, made with WeasyPrint (thin adapter).

Every PDF is tagged PDF/UA-1 (a structure tree in reading order, /Lang from `<html lang>`, the
`<title>` shown as window title, the PDF/UA identification in XMP). A PDF is one job: one or more
standalone HTML documents whose laid-out pages are joined in order, so in a bundle (all
reflectors, a module's pack) every form keeps its own "pagina X van Y" and its own bookmarks, and
the structure tree covers the whole file (joining finished PDFs would drop it).

Every PDF is cached by the hash of its job, so a build renders only what changed and an unchanged
PDF keeps the same bytes.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import hashlib
import os
import signal
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

PR_SET_PDEATHSIG = 1  # linux/prctl.h
PDF_VARIANT = "pdf/ua-1"
CACHE_FORMAT = "2"  # bump when what a job's HTML becomes changes outside the HTML (variant, joining)


@dataclass(frozen=True)
class PdfJob:
    """One PDF: the pages of `documents` (standalone HTML), in order, under one title."""

    documents: tuple[str, ...]
    title: str | None = None
    """The PDF's title; None: the first document's <title>."""


class PdfError(Exception):
    """PDFs cannot be made here (WeasyPrint or Pango missing, or rendering failed)."""


def _weasyprint() -> ModuleType:
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: the Pango library is missing
        raise PdfError(
            f"PDF's maken lukt niet: WeasyPrint of Pango ontbreekt ({error}). Installeer ze met 'make site' "
            "(pip install weasyprint; apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)."
        ) from None
    return weasyprint


def refuse_unless_local(url: str, folder: Path) -> None:
    """Raise ValueError unless `url` is a data: URI or a file inside `folder` (symlinks resolved)."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "data":
        return
    if scheme == "file":
        parts = urllib.parse.urlsplit(url)
        if parts.netloc in ("", "localhost"):
            path = Path(os.path.realpath(urllib.request.url2pathname(parts.path)))
            allowed = Path(os.path.realpath(folder))
            if path == allowed or allowed in path.parents:
                return
    raise ValueError(f"{url} niet opgehaald: een PDF mag alleen bestanden uit {folder} en data:-adressen gebruiken")


def local_fetcher(folder: Path) -> Any:
    """A WeasyPrint URL fetcher that serves files inside `folder` and data: URIs, and refuses everything else.

    No network and no file outside the build tree: a form whose content names another host or a file
    elsewhere gets a PDF without that resource, never a request.
    """
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):  # WeasyPrint 66 and later

        class LocalFetcher(urls.URLFetcher):
            def fetch(self, url: str, headers: Any = None) -> Any:
                refuse_unless_local(url, folder)
                return super().fetch(url, headers)

        return LocalFetcher(allowed_protocols=("file", "data"), allow_redirects=False)

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # older WeasyPrint: a function
        refuse_unless_local(url, folder)
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetch


def _write_pdf(job: PdfJob, folder: str, tagged: bool = True) -> bytes | str:
    """The PDF, or the error's text (a worker process returns it rather than raising).

    folder: the only place (besides data: URIs) the documents may load anything from.
    tagged: PDF/UA-1 (the site's PDFs always are; False only to measure what tagging costs).
    """
    try:
        weasyprint = _weasyprint()
        fetcher = local_fetcher(Path(folder))
        rendered = [weasyprint.HTML(string=html, url_fetcher=fetcher).render() for html in job.documents]
        document = rendered[0]
        if len(rendered) > 1:
            document = document.copy([page for part in rendered for page in part.pages])
        if job.title is not None:
            document.metadata.title = job.title
        if not tagged:
            return document.write_pdf()
        return document.write_pdf(pdf_variant=PDF_VARIANT, finisher=_finish_tags)
    except Exception as error:  # WeasyPrint raises many kinds; the build must stop and say so
        return str(error) or type(error).__name__


def _finish_tags(document: Any, pdf: Any) -> None:
    """Three repairs of WeasyPrint's structure tree (pydyf objects, before the PDF is written).

    - Page footers (margin boxes) are marked content that no element of the tree holds; a screen
      reader would meet "pagina 1 van 3" nowhere or everywhere. They become /Artifact /Pagination.
    - Empty elements (a form's answer boxes are empty spans) are dropped: nothing to read.
    - Column headers get /Scope /Column, so every cell's header is known.
    """
    objects = pdf.objects

    def get(reference: Any) -> Any:
        return objects[int(reference.split()[0])] if isinstance(reference, bytes) else reference

    root = get(pdf.catalog["StructTreeRoot"])
    reachable: set[int] = set()

    def prune(element: Any, in_head: bool) -> bool:
        """Walk the tree from `element`; False when it holds nothing and may go."""
        reachable.add(element.number)
        kids = element.get("K", [])
        kept = [
            kid for kid in kids if not isinstance(kid, bytes) or prune(get(kid), in_head or element["S"] == "/THead")
        ]
        if isinstance(element.get("K"), list):
            element["K"][:] = kept
        if element.get("S") == "/TH" and in_head and "A" in element:
            element["A"]["Scope"] = "/Column"
        return bool(kept) or element.get("S") not in ("/Span", "/NonStruct", "/Div", "/P")

    for kid in list(root["K"]):
        prune(get(kid), False)
    numbers = get(root["ParentTree"])["Nums"]
    for index in range(0, len(numbers), 2):
        page, mapping = numbers[index], numbers[index + 1]
        if not isinstance(mapping, list) or not isinstance(page, int) or page >= len(pdf.page_references):
            continue
        orphans = {
            mcid for mcid, ref in enumerate(mapping) if isinstance(ref, bytes) and get(ref).number not in reachable
        }
        if not orphans:
            continue
        stream = get(get(pdf.page_references[page])["Contents"]).stream
        for position in range(1, len(stream) - 1):
            marks = stream[position]
            if stream[position + 1] == b"BDC" and isinstance(marks, dict) and marks.get("MCID") in orphans:
                stream[position - 1] = "/Artifact"
                stream[position] = _pdf_dictionary({"Type": "/Pagination", "Subtype": "/Footer"})
        for mcid in orphans:
            mapping[mcid] = b"null"


def _pdf_dictionary(values: dict[str, Any]) -> Any:
    import pydyf

    return pydyf.Dictionary(values)


def _start_worker(parent: int) -> None:
    """Set up a PDF worker: Ctrl+C is the parent's to handle, and the worker ends with its parent.

    On Linux the kernel kills the worker when the parent dies (prctl PR_SET_PDEATHSIG), even by
    SIGKILL; elsewhere a thread in the worker checks every second whether its parent is still there.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
        if armed:
            if os.getppid() != parent:  # the parent died before the signal was armed
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Block SIGINT in this thread while workers are forked, so none sees Ctrl+C before it ignores it."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _render_in_workers(jobs: list[PdfJob], folder: str, tagged: bool, workers: int) -> list[bytes | str]:
    """Render in `workers` processes that end with this one; on any exception (Ctrl+C too) they are stopped."""
    pool = concurrent.futures.ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(os.getpid(),))
    try:
        with _ctrl_c_held():
            futures = [pool.submit(_write_pdf, job, folder, tagged) for job in jobs]
        made = [future.result() for future in futures]
    except BaseException as error:
        # Taken before shutdown(), which forgets both.
        processes = list((getattr(pool, "_processes", None) or {}).values())
        manager = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.kill()
        for process in processes:
            process.join(timeout=5)
        # Let the pool's manager thread close its wake-up pipe before the interpreter exits: otherwise
        # concurrent.futures' exit hook may write to the closed pipe and print a traceback (CPython 3.11).
        if manager is not None:
            manager.join(timeout=30)
            if manager.is_alive():  # on a busy machine still closing that pipe: keep the hook away from it
                concurrent.futures.process._threads_wakeups.pop(manager, None)  # type: ignore[attr-defined]
        if isinstance(error, concurrent.futures.process.BrokenProcessPool):
            raise PdfError("PDF maken mislukt: een PDF-proces stopte onverwacht") from None
        raise
    pool.shutdown()
    return made


class PdfCache:
    """Renders and joins PDFs, reusing earlier results from `folder`."""

    def __init__(self, folder: Path, allowed: Path | None = None, tagged: bool = True) -> None:
        """allowed: the folder a form may load files from (default: the cache folder itself).
        tagged: False only to measure what tagging costs (benchmarks/pdf_forms.py)."""
        self.folder = folder
        self.allowed = allowed if allowed is not None else folder
        self.tagged = tagged
        self.used: set[str] = set()
        self.rendered = 0

    def _cached(self, key: str) -> tuple[Path, bytes | None]:
        path = self.folder / f"{key}.pdf"
        self.used.add(path.name)
        return path, path.read_bytes() if path.is_file() else None

    def _store(self, path: Path, data: bytes) -> bytes:
        self.folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return data

    def render(self, html: str) -> bytes:
        """The PDF of a standalone HTML document."""
        return self.render_many([PdfJob((html,))])[0][1]

    def render_many(self, jobs: Sequence[PdfJob]) -> list[tuple[str, bytes]]:
        """The PDFs of `jobs`, each with its name in the cache (for `keep`).

        Jobs not in the cache are rendered in parallel, one process per core: WeasyPrint takes
        about 0.3 s of CPU per page and holds the interpreter lock while it works.
        """
        weasyprint = _weasyprint()
        found: list[tuple[Path, bytes | None]] = [self._cached(self._key(job, weasyprint.__version__)) for job in jobs]
        missing = [index for index, (_, data) in enumerate(found) if data is None]
        workers = min(len(missing), os.cpu_count() or 1)
        allowed = str(self.allowed)
        if workers > 1:
            made = _render_in_workers([jobs[index] for index in missing], allowed, self.tagged, workers)
        else:
            made = [_write_pdf(jobs[index], allowed, self.tagged) for index in missing]
        for index, data in zip(missing, made, strict=True):
            if isinstance(data, str):
                raise PdfError(f"PDF maken mislukt: {data}")
            found[index] = (found[index][0], self._store(found[index][0], data))
            self.rendered += 1
        return [(path.name, data) for path, data in found if data is not None]

    def _key(self, job: PdfJob, version: str) -> str:
        digest = hashlib.sha256(f"{CACHE_FORMAT}\n{version}\n{self.tagged}\n{job.title}\n".encode())
        for html in job.documents:
            digest.update(hashlib.sha256(html.encode()).digest())
        return digest.hexdigest()

    def keep(self, name: str) -> None:
        """Mark a cached PDF that this build uses without asking for it again, so `prune` keeps it."""
        self.used.add(name)

    def prune(self) -> None:
        """Drop cached PDFs this build did not use, so the cache does not grow without end."""
        if self.folder.is_dir():
            for path in self.folder.glob("*.pdf"):
                if path.name not in self.used:
                    path.unlink()
