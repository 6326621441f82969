"""The pipeline, top to bottom: load → validate → link → render → write → MkDocs, search index, offline copy.

`check` runs the first three stages; `generate` renders and writes the Markdown tree and the PDFs (only
files whose bytes change); `build` runs all of it, MkDocs into a fresh folder that is swapped in only
when everything succeeded, so a failed or interrupted build never touches the site that was there. What
one run keeps for the next (the live preview's) is one explicit `PipelineState`. One build (or preview) at a time
per knowledge base: `build_lock`. The site is as readable as the umask allows (0755 / 0644 under 022),
and when `site` is a symlink (to a web root), the folder it points to is replaced and the link kept.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import gzip
import html
import json
import logging
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from generator import forms
from generator.config import check_nav, site_url
from generator.link import LinkedKnowledgeBase, link
from generator.packs import PackMaker, module_pack_path
from generator.pdf import PdfCache, PdfError, PdfJob
from generator.problems import ContentError, MkDocsLogFormatter, Problems, keep_mkdocs_record, mkdocs_message
from generator.prose import offline_links
from generator.render import ALL_REFLECTORS_PDF, Renderer, RenderMemo, assets, template_failure
from generator.validate import Entry, LoadCache, check_across_items, load_knowledge_base

BUILD_DIR = "build"
DOCS_DIR = "build/docs"
PDF_DIR = "pdf"  # below DOCS_DIR
PDFS_DIR = f"{DOCS_DIR}/{PDF_DIR}"
SITE_DIR = "site"
PDF_CACHE_DIR = "build/pdf-cache"
OFFLINE_ZIP = "downloads/kennisbank-offline.zip"
OFFLINE_SWITCH = "KENNISBANK_OFFLINE"
PAGEFIND_DIR = "pagefind"
SEARCH_INDEX = "search/search_index.json"
# Repeated on every page, or not prose: kept out of the Pagefind index (one comma-separated selector, as
# Pagefind's command line takes it): the status line, the "Laatst gewijzigd" line and the "Verwijzen"
# citation block of every item.
PAGEFIND_EXCLUDE = (
    ".headerlink, .kb-meta, #verwijzen, .kb-cite, .md-source-file, .kb-form-actions, .kb-gebruikt-in, .kb-gewijzigd"
)
PAGEFIND_TIMEOUT = 1800
# Pagefind's own search interfaces and its worker: our search worker uses only pagefind.js and the index.
LOCK_FILE = ".kennisbank.lock"  # in the knowledge base root; held (flock) by a build and by the preview
OFFLINE_PREFIX = ".site-offline-"  # the offline copy while it is built, in the knowledge base root
PAGEFIND_NAMES = "kennisbank-namen.json"
# The kind before an item's title in its heading ("Kennisbron 3: Casusleren"): not part of the name.
TITLE_PREFIX = re.compile(r"^(?:Kennisbron \d+|Leerarrangement \d+|Reflector|Module): ")
PAGEFIND_UNUSED = ("pagefind-*ui.*", "pagefind-highlight.js", "pagefind-worker.js", "wasm.unknown.pagefind")


class BuildFailed(Exception):
    """MkDocs or the PDFs failed; the previous site is left as it was."""


class BuildLocked(BuildFailed):
    """Another build or preview of the same knowledge base holds the lock."""


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the knowledge base's build lock for the block, or raise BuildLocked at once (never wait).

    An flock on `LOCK_FILE`: the kernel releases it when the holder ends, however it ends, so a killed
    build never leaves a stale lock behind.
    """
    path = root / LOCK_FILE
    try:
        handle = path.open("a+b")
    except OSError as error:
        raise BuildFailed(f"{path}: kan het slot van de build niet openen ({error.strerror})") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(
                f"{root}: er draait al een build van deze kennisbank (kennisbank build of kennisbank serve); "
                "probeer het opnieuw als die klaar is"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class KeptPdf:
    """A PDF this pipeline made, with what it was made from (a page fingerprint, or a bundle's parts)."""

    fingerprint: tuple[Any, ...]
    path: str
    name: str
    data: bytes


@dataclass
class PipelineState:
    """What the pipeline keeps from one run to the next. The live preview owns one for as long as it runs,
    so an edit costs what it changes; `build` starts from an empty one. No stage keeps state of its own
    between runs (at most a memo of a pure function).
    """

    root: Path
    loads: LoadCache = field(default_factory=LoadCache)
    """Unchanged files keep their Entry objects, so later stages tell unchanged items by identity."""
    linked: LinkedKnowledgeBase | None = None
    """The link result that build/docs shows (set once pages and PDFs are written): link() starts from it,
    and never changes it, so a run that fails leaves it as it was."""
    pages: RenderMemo = field(default_factory=RenderMemo)
    """Unchanged pages keep their text without rendering."""
    pdfs: dict[Entry, KeptPdf] = field(default_factory=dict)
    """Each form's PDF, with the fingerprint of the page it was made from."""
    given: dict[str, Mapping[str, str | bytes]] = field(default_factory=dict)
    written: dict[str, dict[str, bytes]] = field(default_factory=dict)
    """Per folder (DOCS_DIR, PDFS_DIR): the files last written there, as given and as bytes."""

    # Read once, when the first page is written: `check` needs neither.
    @functools.cached_property
    def static(self) -> dict[str, bytes]:
        """The generator's own files."""
        return assets()

    @functools.cached_property
    def site_url(self) -> str:
        """mkdocs.yml's site_url."""
        return site_url(self.root)


def check(
    root: Path, state: PipelineState | None = None, changed: set[str] | None = None
) -> tuple[LinkedKnowledgeBase, Problems]:
    """load → validate → link: every problem is collected, none is raised.

    changed: the only content files that can differ since `state`'s last check (see
    validate.load_knowledge_base); None looks at every file.
    """
    state = state or PipelineState(root)
    problems = Problems()
    kb = load_knowledge_base(root, problems, state.loads, changed)  # load and validate each file
    check_across_items(kb, problems)  # validate what no item can by itself
    check_nav(root, problems)  # the one thing about a new content type that is set by hand
    linked = link(kb, problems, state.linked)
    return linked, problems


def checked(root: Path, state: PipelineState | None = None, changed: set[str] | None = None) -> LinkedKnowledgeBase:
    """The linked knowledge base, or ContentError carrying every problem."""
    linked, problems = check(root, state, changed)
    if problems.errors:
        raise ContentError(problems)
    return linked


def render_pages(renderer: Renderer, state: PipelineState) -> dict[str, str | bytes]:
    """Every file of build/docs but the PDFs: the pages, the static files and the downloads."""
    try:
        files: dict[str, str | bytes] = dict(renderer.pages())
    except TemplateError as error:  # a developer's template, e.g. a new type's asking for a missing field
        raise BuildFailed(template_failure(error)) from None
    files.update(state.static)
    files.update(renderer.downloads())
    return files


def write_files(
    state: PipelineState, folder: str, files: Mapping[str, str | bytes], keep: tuple[str, ...] = ()
) -> WriteResult:
    """Write `files` into `folder` (below the root), as write_tree does; what was written is kept in `state`."""
    given, encoded = state.given.get(folder, {}), state.written.get(folder, {})
    data = {
        path: encoded[path] if given.get(path) is value else value.encode("utf-8") if isinstance(value, str) else value
        for path, value in files.items()
    }
    result = write_tree(data, state.root / folder, keep=keep, previous=state.written.get(folder))
    state.given[folder], state.written[folder] = files, data
    return result


def render_pdfs(
    renderer: Renderer, cache_dir: Path, kept_forms: dict[Entry, KeptPdf] | None = None
) -> dict[str, bytes]:
    """A PDF per form, one with every reflector, a trainer's pack per module and a sessieplan per
    leerarrangement (generator/packs.py), by their paths below build/docs/pdf.

    kept_forms: the forms' PDFs of the last run (PipelineState.pdfs), brought up to date: a form whose
    page fingerprint is unchanged keeps its PDF without even building its HTML. Every PDF whose HTML is
    unchanged comes from the cache.
    """
    try:
        return _render_pdfs(renderer, cache_dir, {} if kept_forms is None else kept_forms)
    except PdfError as error:
        raise BuildFailed(str(error)) from None


def _render_pdfs(renderer: Renderer, cache_dir: Path, kept_forms: dict[Entry, KeptPdf]) -> dict[str, bytes]:
    cache = PdfCache(cache_dir, allowed=cache_dir.parent)  # a form may load files from build/ only
    pdfs: dict[str, bytes] = {}
    form_entries = renderer.form_entries
    stale: list[tuple[Entry, tuple[Any, ...], forms.Form]] = []
    for entry in form_entries:
        kept = kept_forms.get(entry)
        fingerprint = () if kept is not None and renderer.unchanged(entry) else renderer.fingerprint(entry)
        if kept is None or (fingerprint and kept.fingerprint != fingerprint):
            form = renderer.form(entry)
            assert form is not None
            stale.append((entry, fingerprint, form))
    jobs = [PdfJob((forms.print_document([form], renderer.form_env, form.title),)) for _, _, form in stale]
    for (entry, fingerprint, form), (name, data) in zip(stale, cache.render_many(jobs), strict=True):
        kept_forms[entry] = KeptPdf(fingerprint, form.pdf_path, name, data)
    for entry in form_entries:
        kept = kept_forms[entry]
        cache.keep(kept.name)
        pdfs[kept.path.removeprefix(f"{PDF_DIR}/")] = kept.data
    for gone in set(kept_forms) - set(form_entries):
        del kept_forms[gone]
    # Bundles and packs are built from their HTML each time (quick); the cache knows them by its hash.
    made = {ALL_REFLECTORS_PDF: all_reflectors_job(renderer)} if renderer.kb.of("reflector") else {}
    made.update(PackMaker(renderer.linked, renderer.form_env, renderer.form).jobs())
    for path, (name, data) in zip(made, cache.render_many(list(made.values())), strict=True):
        cache.keep(name)
        pdfs[path.removeprefix(f"{PDF_DIR}/")] = data
    cache.prune()
    return pdfs


def all_reflectors_job(renderer: Renderer) -> PdfJob:
    """Every reflector's form in one PDF, each with its own page numbers and bookmark."""
    documents = []
    for entry in renderer.kb.of("reflector"):
        form = renderer.form(entry)
        assert form is not None
        documents.append(forms.print_document([form], renderer.form_env, form.title))
    return PdfJob(tuple(documents), "Alle reflectoren")


def module_pdf(key: str) -> str:
    return module_pack_path(key)


@dataclass
class WriteResult:
    written: list[str]
    removed: list[str]


def write_tree(
    files: dict[str, bytes], target: Path, keep: tuple[str, ...] = (), previous: dict[str, bytes] | None = None
) -> WriteResult:
    """Make `target` hold exactly `files` (and the folders in `keep`), rewriting only files whose bytes differ.

    previous: what this process last wrote there; a file with the same bytes is then not even read.
    """
    result = WriteResult([], [])
    for relative_path, data in files.items():
        if previous is not None and previous.get(relative_path) is data:
            continue
        path = target / relative_path
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        result.written.append(relative_path)
    if previous is not None:
        for relative_path in set(previous) - set(files):
            path = target / relative_path
            if path.is_file():
                path.unlink()
                result.removed.append(relative_path)
        return result
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            relative_path = path.relative_to(target).as_posix()
            if relative_path.split("/", 1)[0] in keep:
                continue
            if path.is_file() and relative_path not in files:
                path.unlink()
                result.removed.append(relative_path)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return result


def generate(root: Path, state: PipelineState | None = None, changed: set[str] | None = None) -> WriteResult:
    """load → validate → link → render → write: the Markdown tree and the PDFs, into build/docs.

    state: what the last run kept (the live preview's); changed: see `check`.
    """
    state = state or PipelineState(root)
    linked = checked(root, state, changed)  # load → validate → link, or ContentError with every problem
    renderer = Renderer(linked, state.site_url, state.pages)
    pages = write_pages(renderer, state)  # render → write
    pdfs = write_pdfs(renderer, state)
    state.linked = linked  # what build/docs shows now: the next run links (and renders) from it
    return WriteResult(pages.written + pdfs.written, pages.removed + pdfs.removed)


def write_pages(renderer: Renderer, state: PipelineState) -> WriteResult:
    """Render the pages and write them, the static files and the downloads into build/docs."""
    return write_files(state, DOCS_DIR, render_pages(renderer, state), keep=(PDF_DIR,))


def write_pdfs(renderer: Renderer, state: PipelineState) -> WriteResult:
    """Make the PDFs of the pages `renderer` rendered and write them into build/docs/pdf.

    The result names them below build/docs, as `write_pages`' does the pages."""
    result = write_files(state, PDFS_DIR, render_pdfs(renderer, state.root / PDF_CACHE_DIR, state.pdfs))
    return WriteResult([f"{PDF_DIR}/{p}" for p in result.written], [f"{PDF_DIR}/{p}" for p in result.removed])


@contextlib.contextmanager
def in_directory(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def run_mkdocs(root: Path, site_dir: Path, offline: bool = False, dirty: bool = False) -> None:
    """Build the generated tree with MkDocs into `site_dir` (thin adapter; raises BuildFailed).

    dirty: render only pages whose Markdown is newer than their HTML (as the live preview does).
    offline: the copy to open from disk (Material's offline plugin: no directory URLs, inlined search index).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    previous = os.environ.get(OFFLINE_SWITCH)
    os.environ[OFFLINE_SWITCH] = "true" if offline else "false"
    try:
        with in_directory(root):
            # A dirty build always warns that it is one; strict mode would make that a failure.
            overrides: dict[str, Any] = {"strict": False} if dirty else {}
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), **overrides)
            mkdocs_build(config, dirty=dirty)
    except (MkDocsException, SystemExit) as error:
        raise BuildFailed(f"MkDocs-build mislukt: {mkdocs_message(str(error))}") from None
    finally:
        if previous is None:
            os.environ.pop(OFFLINE_SWITCH, None)
        else:
            os.environ[OFFLINE_SWITCH] = previous


def run_pagefind(site_dir: Path) -> None:
    """Index the article content of the built site with Pagefind into `site_dir/pagefind/` (raises BuildFailed).

    Only what the theme marks with `data-pagefind-body` (the article) is indexed, in Dutch. Afterwards the
    site's `search/search_index.json` keeps Material's search configuration but no documents, plus a marker
    that tells our search worker to answer from Pagefind: the first page load no longer downloads the index.
    """
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        PAGEFIND_DIR,
        "--force-language",
        "nl",
        "--exclude-selectors",
        PAGEFIND_EXCLUDE,
        "--quiet",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=PAGEFIND_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BuildFailed(f"Zoekindex (Pagefind) mislukt: {error}") from None
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise BuildFailed(f"Zoekindex (Pagefind) mislukt (exitcode {done.returncode}): {output}")
    if not (site_dir / PAGEFIND_DIR / "pagefind.js").is_file():
        raise BuildFailed(f"Zoekindex (Pagefind) mislukt: geen {PAGEFIND_DIR}/pagefind.js geschreven. {output}".strip())
    for pattern in PAGEFIND_UNUSED:
        for path in (site_dir / PAGEFIND_DIR).glob(pattern):
            path.unlink()
    _write_names(site_dir)
    _point_search_at_pagefind(site_dir / SEARCH_INDEX)


def _write_names(site_dir: Path) -> None:
    """Write `pagefind/kennisbank-namen.json`: per Pagefind page its address, title, kind and names.

    With it the search worker answers a query with every matching page (not only those whose
    fragment it fetched), filters by kind and ranks an item whose name is the query first. The
    names are the title without its kind, and the aliases and task words (`tags` of Material's index).
    """
    try:
        index = json.loads((site_dir / SEARCH_INDEX).read_text(encoding="utf-8"))
        tags = {doc["location"]: doc.get("tags") or [] for doc in index["docs"] if "#" not in doc["location"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BuildFailed(f"Zoekindex {SEARCH_INDEX} onleesbaar: {error}") from None
    pages: dict[str, list[Any]] = {}
    for path in sorted((site_dir / PAGEFIND_DIR / "fragment").glob("*.pf_fragment")):
        try:
            data = gzip.decompress(path.read_bytes())
            fragment = json.loads(data[data.index(b"{") :])
        except (OSError, ValueError, EOFError) as error:
            raise BuildFailed(f"Zoekindex (Pagefind) onleesbaar: {path.name}: {error}") from None
        url = str(fragment.get("url", ""))
        title = str((fragment.get("meta") or {}).get("title") or url)
        kind = ((fragment.get("filters") or {}).get("soort") or [""])[0]
        names = [TITLE_PREFIX.sub("", title)] + [html.unescape(tag) for tag in tags.get(url.lstrip("/"), [])]
        pages[path.stem] = [url, title, kind, names]
    target = site_dir / PAGEFIND_DIR / PAGEFIND_NAMES
    target.write_text(json.dumps(pages, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _point_search_at_pagefind(index_path: Path) -> None:
    """Keep Material's search configuration, drop the documents and mark the index as served by Pagefind."""
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        config = dict(index["config"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BuildFailed(f"Zoekindex {SEARCH_INDEX} onleesbaar: {error}") from None
    config["pagefind"] = f"{PAGEFIND_DIR}/"
    index_path.write_text(json.dumps({"config": config, "docs": []}, ensure_ascii=False), encoding="utf-8")


def zip_folder(folder: Path, target: Path, prefix: str, umask: int = 0o022) -> None:
    """Zip `folder` into `target` with stable entry dates, so an unchanged site gives the same zip.

    Every entry carries Unix modes by the umask (0755 folders, 0644 files under 022), so an unzipped copy
    is readable as the site itself is.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    folder_mode, file_mode = (stat.S_IFDIR | 0o777 & ~umask) << 16, (stat.S_IFREG | 0o666 & ~umask) << 16
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        top = zipfile.ZipInfo(f"{prefix}/", (2015, 1, 1, 0, 0, 0))
        top.external_attr = folder_mode | 0x10  # 0x10: MS-DOS directory flag
        archive.writestr(top, b"")
        for path in sorted(folder.rglob("*")):
            name = f"{prefix}/{path.relative_to(folder).as_posix()}"
            if path.is_dir():
                info = zipfile.ZipInfo(f"{name}/", (2015, 1, 1, 0, 0, 0))
                info.external_attr = folder_mode | 0x10
                archive.writestr(info, b"")
            elif path.is_file():
                info = zipfile.ZipInfo(name, (2015, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = file_mode
                archive.writestr(info, path.read_bytes())


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def site_target(root: Path) -> Path:
    """The folder the build replaces: `site/`, or the folder `site` links to (a web root, say).

    Raises BuildFailed with a Dutch line when `site` is not something a site can replace.
    """
    site = root / SITE_DIR
    if site.is_symlink():
        target = Path(os.path.realpath(site))
        if target.exists() and not target.is_dir():
            raise BuildFailed(f"{site} verwijst naar {target}, en dat is geen map; laat de link naar een map wijzen")
        if not target.parent.is_dir():
            raise BuildFailed(f"{site} verwijst naar {target}, maar map {target.parent} bestaat niet")
        if target == root or target in root.parents:
            raise BuildFailed(f"{site} verwijst naar {target}, een map die de kennisbank bevat; kies een andere map")
        if target.is_relative_to(root):  # content/, generator/, ...: the build would replace it by the site
            raise BuildFailed(
                f"{site} verwijst naar {target}, een map in de kennisbank zelf; laat de link naar een map "
                "buiten de kennisbank wijzen (een webroot), of maak van site een gewone map"
            )
        return target
    if site.exists() and not site.is_dir():
        raise BuildFailed(f"{site} is een bestand, geen map; verwijder of hernoem het")
    return site


def _new_folder(parent: Path, prefix: str, umask: int) -> Path:
    try:
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    except OSError as error:
        raise BuildFailed(f"{parent}: kan hier geen nieuwe site klaarzetten ({error.strerror})") from None
    folder.chmod(0o777 & ~umask)  # mkdtemp makes it 0700: no web server could read it
    return folder


def _stale_folders(root: Path, target: Path) -> list[Path]:
    """What builds that were killed left behind (only called with the build lock held, so none is in use)."""
    patterns = [(root, f"{OFFLINE_PREFIX}*"), (target.parent, f".{target.name}-new-*")]
    patterns += [(target.parent, f".{target.name}-old-*"), (root, ".site-new-*"), (root, ".site-old-*")]
    found = {path for folder, pattern in patterns for path in folder.glob(pattern)}
    return sorted(path for path in found if path.is_dir() and not path.is_symlink())


def remove_stale(root: Path, target: Path) -> None:
    """Remove the folders of killed builds; a site left halfway through a two-step swap comes back first."""
    stale = _stale_folders(root, target)
    old = [path for path in stale if path.parent == target.parent and path.name.startswith(f".{target.name}-old-")]
    if old and not target.exists() and not target.is_symlink():
        newest = max(old, key=lambda path: path.stat().st_mtime)
        newest.rename(target)
        stale.remove(newest)
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)


def open_up(folder: Path, umask: int) -> None:
    """Give `folder` and everything in it the modes the umask allows: 0755 folders, 0644 files under 022."""
    folder_mode, file_mode = 0o777 & ~umask, 0o666 & ~umask
    os.chmod(folder, folder_mode)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, folder_mode)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, file_mode)


def build(root: Path) -> Path:
    """The whole pipeline. The new site replaces `site/` (or the folder `site` links to) only when every
    stage succeeded; Ctrl+C or a failure at any point leaves the previous site as it was."""
    root = root.resolve()
    with build_lock(root):
        target = replaceable_site(root)
        umask = current_umask()
        generate(root)  # load → validate → link → render → write: build/docs, the PDFs included
        with _new_folders(root, target, umask) as (staging, offline):
            run_mkdocs(root, staging)
            run_pagefind(staging)  # the search index
            run_mkdocs(root, offline, offline=True)  # the copy to open from disk, zipped into the site
            offline_links(offline)  # prose links, written for directory URLs (generator.prose)
            zip_folder(offline, staging / OFFLINE_ZIP, "kennisbank-sociale-wijkteams", umask)
            open_up(staging, umask)
            _put_in_place(staging, target, offline)
    return root / SITE_DIR


def replaceable_site(root: Path) -> Path:
    """The folder the build replaces (see site_target), once what killed builds left there is cleared."""
    target = site_target(root)
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise BuildFailed(f"{target.parent}: geen schrijfrechten; daar moet de nieuwe site worden klaargezet")
    remove_stale(root, target)
    return target


@contextlib.contextmanager
def _new_folders(root: Path, target: Path, umask: int) -> Iterator[tuple[Path, Path]]:
    """The new site (beside `target`) and its offline copy (in the root), while they are built; both
    are gone afterwards, whatever happened (the new site by then, if all went well, holds the old one)."""
    staging = _new_folder(target.parent, f".{target.name}-new-", umask)
    offline: Path | None = None
    try:
        offline = _new_folder(root, OFFLINE_PREFIX, umask)
        yield staging, offline
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if offline is not None:
            shutil.rmtree(offline, ignore_errors=True)


def _put_in_place(staging: Path, target: Path, offline: Path) -> None:
    # From here on the new site is the site: finish and clean up, Ctrl+C or not (a Ctrl+C while
    # removing the previous site said "de vorige site is ongewijzigd" and left the offline copy).
    with _ctrl_c_deferred():
        _swap_in(staging, target)
        shutil.rmtree(staging, ignore_errors=True)  # the previous site
        shutil.rmtree(offline, ignore_errors=True)


@contextlib.contextmanager
def _ctrl_c_deferred() -> Iterator[None]:
    """Let the swap finish when Ctrl+C comes during it: the new site is then in place, the build done."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda *_: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # a file system or kernel without it
        return False
    raise OSError(code, os.strerror(code), str(second))


def _swap_in(staging: Path, target: Path) -> None:
    """Put the finished site at `target`: one atomic exchange where the system has it, else two renames.

    Afterwards `staging` holds the old site (the caller removes it).
    """
    try:
        if not target.exists():
            staging.rename(target)
            return
        if _exchange(staging, target):
            return
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
        try:
            staging.rename(target)
        except OSError:
            old.rename(target)
            raise
        old.rename(staging)
    except OSError as error:
        raise BuildFailed(f"{target}: nieuwe site niet op zijn plaats gezet ({error.strerror})") from None


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to sys.stderr as it is when a message comes, not as it was when the handler was made."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _: Any) -> None:
        pass


def configure_logging() -> None:
    """Show MkDocs' warnings and errors (not its chatter) on stderr; once, however often it is called."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(handler, _StderrHandler) for handler in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(MkDocsLogFormatter())  # in Dutch
        handler.addFilter(keep_mkdocs_record)
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
