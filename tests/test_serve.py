"""The preview regenerates only what an edit changed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.registry import CONTENT_TYPES
from generator.render import COUNTS, SITE_PAGES
from generator.serve import regenerate
from generator.site import BUILD_DIR, DOCS_DIR, PDF_CACHE_DIR, PipelineState, generate
from tests.conftest import REPO, copy_root, terminal_job


def test_regenerating_unchanged_content_rewrites_nothing(mini_root: Path) -> None:
    assert regenerate(mini_root)
    page = mini_root / BUILD_DIR / "docs/methoden/ecogram.md"
    first = page.stat().st_mtime_ns
    assert regenerate(mini_root)
    assert page.stat().st_mtime_ns == first


def test_an_edit_rewrites_the_changed_page_and_its_backlinks_only(mini_root: Path) -> None:
    from generator.site import generate

    generate(mini_root)
    docs = mini_root / BUILD_DIR / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    source = mini_root / "content/methoden/ecogram.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("Het sociale netwerk", "Het netwerk"))
    result = generate(mini_root)
    # The page itself, the overview table and the start page that list its summary; nothing else.
    expected = {"methoden/ecogram.md", "methoden/index.md", "start/sociaal-werker.md"}
    assert sorted(result.written) == sorted(expected)
    changed = {p for p, mtime in before.items() if p.stat().st_mtime_ns != mtime}
    assert {p.relative_to(docs).as_posix() for p in changed} == expected


def test_content_errors_keep_the_last_good_preview(mini_root: Path, capsys) -> None:
    assert regenerate(mini_root)
    page = mini_root / BUILD_DIR / "docs/methoden/ecogram.md"
    good = page.read_text(encoding="utf-8")
    (mini_root / "content/methoden/ecogram.yml").write_text("id: ecogram\n", encoding="utf-8")
    assert not regenerate(mini_root)
    assert "content/methoden/ecogram.yml:1:1: verplicht veld 'titel' ontbreekt" in capsys.readouterr().err
    assert page.read_text(encoding="utf-8") == good


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _same_as_a_full_build(root: Path, scratch: Path) -> None:
    """The preview's tree equals what a fresh pipeline writes for the same content."""
    fresh = copy_root(root, scratch)
    shutil.copytree(root / PDF_CACHE_DIR, fresh / PDF_CACHE_DIR)  # the same PDFs, without rendering them again
    generate(fresh)
    assert _tree(root / DOCS_DIR) == _tree(fresh / DOCS_DIR)


def _replace_in(relative: str, old: str, new: str) -> Callable[[Path], Path]:
    def edit(root: Path) -> Path:
        _replace(root / relative, old, new)
        return root / relative

    return edit


def _add_source(root: Path) -> Path:
    text = (root / "kennisbronnen/casusleren.yml").read_text(encoding="utf-8")
    (root / "kennisbronnen/nieuwe-bron.yml").write_text(text.replace("id: casusleren", "id: nieuwe-bron"), "utf-8")
    return root / "kennisbronnen/nieuwe-bron.yml"


def _remove_source(root: Path) -> Path:
    (root / "kennisbronnen/nieuwe-bron.yml").unlink()
    return root / "kennisbronnen/nieuwe-bron.yml"


MINI_EDITS: list[tuple[str, Callable[[Path], Path]]] = [
    ("a summary", _replace_in("kennisbronnen/casusleren.yml", "Leren van", "Samen leren van")),
    ("a title others link to", _replace_in("content/methoden/sonestra.yml", "titel: ", "titel: Nieuw ")),
    ("a glossary meaning", _replace_in("content/begrippen.yml", "een plan maakt", "samen een plan maakt")),
    ("an eindterm", _replace_in("content/eindtermen.yml", "tekst: ", "tekst: Gewijzigd ")),
    ("a new item that links to others", _add_source),
    ("an item removed", _remove_source),
]


@pytest.mark.parametrize("told", [False, True], ids=["looking-at-every-file", "told-what-changed"])
def test_every_edit_in_the_preview_gives_what_a_full_build_gives(mini_root: Path, tmp_path: Path, told: bool) -> None:
    state = PipelineState(mini_root)
    assert regenerate(mini_root, state)
    for step, (what, edit) in enumerate(MINI_EDITS):
        changed = edit(mini_root)
        assert regenerate(mini_root, state, {str(changed)} if told else None), what
        _same_as_a_full_build(mini_root, tmp_path / f"fresh-{step}")


def test_an_edit_made_while_the_content_has_errors_shows_once_they_are_fixed(mini_root: Path, tmp_path: Path) -> None:
    state = PipelineState(mini_root)
    assert regenerate(mini_root, state)
    edited, broken = mini_root / "content/methoden/sonestra.yml", mini_root / "kennisbronnen/casusleren.yml"
    _replace(edited, "titel: ", "titel: Nieuw ")
    good = broken.read_text(encoding="utf-8")
    broken.write_text("id: casusleren\n", encoding="utf-8")
    assert not regenerate(mini_root, state, {str(edited), str(broken)})
    broken.write_text(good, encoding="utf-8")
    assert regenerate(mini_root, state, {str(broken)})
    assert "Nieuw " in (mini_root / DOCS_DIR / "methoden/sonestra.md").read_text(encoding="utf-8")
    _same_as_a_full_build(mini_root, tmp_path / "fresh")


@pytest.mark.parametrize(
    ("source", "old", "new"),
    [
        ("kennisbronnen/casusleren.yml", "samenvatting: ", "samenvatting: Gewijzigd. "),
        ("content/methoden/sonestra.yml", "titel: ", "titel: Gewijzigd "),
        ("reflectoren/transitie-en-transformatiecompetenties.yml", "titel: ", "titel: Gewijzigd "),
    ],
)
def test_an_edit_to_the_real_content_re_renders_only_its_pages(
    tmp_path: Path, real_site: Path, source: str, old: str, new: str
) -> None:
    root = copy_root(REPO, tmp_path / "kb")
    # The real build's PDFs: only those of the edited item are rendered again (the pages are the point here).
    shutil.copytree(real_site.parent / PDF_CACHE_DIR, root / PDF_CACHE_DIR)
    state = PipelineState(root)
    assert regenerate(root, state)
    _replace(root / source, old, new)
    result = generate(root, state)
    rendered, changed = set(state.pages.rendered), {p for p in result.written if p.endswith(".md")}
    assert changed and changed <= rendered
    # Re-rendered without changing: the site pages that show the edited type (SITE_PAGES says which),
    # and at most three more, the pages that show a changed item's neighbours by title.
    edited = next(kind.name for kind in CONTENT_TYPES.values() if kind.owns(source))
    showing = {page for page, (_, shown) in SITE_PAGES.items() if edited in shown or shown == COUNTS}
    assert len(rendered - changed - showing) <= 3, sorted(rendered - changed)
    _same_as_a_full_build(root, tmp_path / "fresh")


def test_the_running_preview_serves_an_edit(mini_root: Path) -> None:
    """`kennisbank serve` as an editor runs it: save a YAML file, and the served page shows the change."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"127.0.0.1:{port}"
    command = [sys.executable, "-m", "generator", "--root", str(mini_root), "serve", "--dev-addr", address]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def page() -> str:
        try:
            with urllib.request.urlopen(f"http://{address}/kennisbronnen/casusleren/", timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + 120
        while text not in page():
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, f"{text!r} not served within 120 s"
            time.sleep(0.2)

    try:
        wait_for("Leren van een casus in het team.")
        _replace(mini_root / "kennisbronnen/casusleren.yml", "Leren van een casus", "Samen leren van een casus")
        wait_for("Samen leren van een casus in het team.")
    finally:
        process.terminate()
        process.wait(timeout=30)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_watcher_reports_an_unexpected_error_and_goes_on_watching(
    mini_root: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import time

    from generator import serve

    state = PipelineState(mini_root)
    assert regenerate(mini_root, state)
    real, calls = serve.regenerate, []

    def once_broken(*args: object) -> bool:
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("kapot")
        return real(*args)

    monkeypatch.setattr(serve, "regenerate", once_broken)
    observer = serve.watch_content(mini_root, state)
    seen: list[str] = []

    def wait_for(condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 60
        while not condition():
            seen.append(capsys.readouterr().err)
            assert time.monotonic() < deadline, f"{what}; stderr: {''.join(seen)}"
            time.sleep(0.1)

    try:
        _replace(mini_root / "kennisbronnen/casusleren.yml", "Leren van een casus", "Samen leren van een casus")
        wait_for(lambda: calls != [] and "kapot" in "".join(seen), "the error reported")
        docs = mini_root / DOCS_DIR
        assert "Samen leren" not in (docs / "kennisbronnen/casusleren.md").read_text(encoding="utf-8")
        _replace(mini_root / "content/methoden/sonestra.yml", "titel: ", "titel: Nieuw ")
        wait_for(lambda: "Nieuw " in (docs / "methoden/sonestra.md").read_text(encoding="utf-8"), "the fixed edit")
        # The edit the error swallowed is there too: after an error the preview looks at every file.
        assert "Samen leren van een casus" in (docs / "kennisbronnen/casusleren.md").read_text(encoding="utf-8")
    finally:
        observer.stop()
        observer.join(timeout=10)
    err = "".join(seen) + capsys.readouterr().err
    assert (
        "Bijwerken mislukt door een onverwachte fout (RuntimeError: kapot); het voorbeeld toont de laatste goede "
        "versie en kijkt verder naar wijzigingen.\n"
    ) in err
    assert "Traceback" not in err


@pytest.mark.no_pdf_cache  # nothing in build/ beforehand
@pytest.mark.parametrize("dev_addr", ["nonsense", "127.0.0.1:nul", "127.0.0.1:99999", "999.1.1.1:8000"])
def test_an_invalid_address_is_one_line_and_exit_code_2(mini_root: Path, capsys, dev_addr: str) -> None:
    from generator import cli

    assert cli.main(["--root", str(mini_root), "serve", "--dev-addr", dev_addr]) == 2
    assert capsys.readouterr().err == (
        f"Ongeldig adres voor --dev-addr: '{dev_addr}'; gebruik IP-ADRES:POORT, bijvoorbeeld 127.0.0.1:8000\n"
    )
    assert not (mini_root / BUILD_DIR).exists()  # refused before generating anything


def test_a_busy_port_is_one_line_and_exit_code_2(mini_root: Path, capsys) -> None:
    import socket

    from generator import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["--root", str(mini_root), "serve", "--dev-addr", f"127.0.0.1:{port}"]) == 2
    assert capsys.readouterr().err == (
        f"Poort {port} op 127.0.0.1 is al in gebruik; kies een andere, bijvoorbeeld --dev-addr 127.0.0.1:8000\n"
    )


def test_a_port_taken_while_the_preview_starts_is_the_same_line(
    mini_root: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Taken between the check and MkDocs' own bind (after its first build): the same line, not a traceback."""
    import socket

    from generator import serve

    monkeypatch.setattr(serve, "_check_free", lambda host, port: None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve.serve(mini_root, f"127.0.0.1:{port}") == 2
    err = capsys.readouterr().err
    assert err.endswith(
        f"Poort {port} op 127.0.0.1 is al in gebruik; kies een andere, bijvoorbeeld --dev-addr 127.0.0.1:8000\n"
    )
    assert "Traceback" not in err


def test_ctrl_c_stops_the_preview_with_one_line(mini_root: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time
    import urllib.request

    address = f"127.0.0.1:{_free_port()}"
    command = [sys.executable, "-m", "generator", "--root", str(mini_root), "serve", "--dev-addr", address]
    process = terminal_job(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None and time.monotonic() < deadline, "the preview did not start"
            try:
                with urllib.request.urlopen(f"http://{address}/", timeout=5):
                    break
            except OSError:
                time.sleep(0.2)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl+C in the terminal
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130
    assert err.splitlines()[-1] == "Voorbeeld gestopt."
    assert "Traceback" not in err


def test_the_browser_shows_content_errors_and_then_opgelost(mini_root: Path, tmp_path: Path, chromium: Any) -> None:
    """In Chromium: a broken edit shows its errors above the last good page, on every page; the fix
    reloads the page with "Opgelost"; the preview's search still finds every page after the edit."""
    import json
    import subprocess
    import sys
    import time
    import urllib.request

    from playwright.sync_api import expect

    from tests.test_accessibility import _violations

    address = f"127.0.0.1:{_free_port()}"
    base = f"http://{address}"
    command = [sys.executable, "-m", "generator", "--root", str(mini_root), "serve", "--dev-addr", address]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    source = mini_root / "content/methoden/ecogram.yml"
    good = source.read_text(encoding="utf-8")
    shots = Path(__import__("os").environ.get("KB_SCREENSHOTS", tmp_path))

    def search_index() -> list[dict[str, str]]:
        with urllib.request.urlopen(f"{base}/search/search_index.json", timeout=5) as response:
            return json.loads(response.read())["docs"]

    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            try:
                urllib.request.urlopen(f"{base}/methoden/sonestra/", timeout=5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "preview did not start"
                time.sleep(0.3)
        pages_before = {doc["location"].partition("#")[0] for doc in search_index()}
        browser = chromium
        for width, height in ((390, 844), (1366, 768)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{base}/methoden/sonestra/")
            expect(page.locator("h1")).to_contain_text("SoNeStra")
            source.write_text(good.replace("titel: Ecogram", "titl: Ecogram"), encoding="utf-8")
            banner = page.get_by_role("alert")
            expect(banner).to_contain_text("De inhoud heeft 2 fouten", timeout=30_000)
            expect(banner).to_contain_text("content/methoden/ecogram.yml:2:1: verplicht veld 'titel' ontbreekt")
            expect(banner).to_contain_text("content/methoden/ecogram.yml:3:1: onbekend veld 'titl'")
            expect(page.locator("h1")).to_contain_text("SoNeStra")  # the last good page, below
            page.screenshot(path=str(shots / f"voorbeeld-fout-{width}.png"))
            serious = [v["id"] for v in _violations(page) if v["impact"] in ("serious", "critical")]
            assert not serious, serious
            other = browser.new_page(viewport={"width": width, "height": height})
            other.goto(f"{base}/kennisbronnen/casusleren/")  # every page says so
            expect(other.get_by_role("alert")).to_contain_text("verplicht veld 'titel' ontbreekt")
            other.close()
            source.write_text(good, encoding="utf-8")
            expect(page.get_by_role("status")).to_have_text(
                "Opgelost: de inhoud heeft geen fouten meer.", timeout=30_000
            )
            expect(page.get_by_role("alert")).to_have_count(0)
            page.screenshot(path=str(shots / f"voorbeeld-opgelost-{width}.png"))
            expect(page.get_by_role("status")).to_have_count(0, timeout=10_000)  # short
            page.close()
        _replace(mini_root / "kennisbronnen/casusleren.yml", "Leren van een casus", "Samen leren van een casus")
        deadline = time.monotonic() + 60
        while not any("Samen leren van een casus" in doc["text"] for doc in search_index()):
            assert time.monotonic() < deadline, "the edit did not reach the search index"
            time.sleep(0.3)
        assert {doc["location"].partition("#")[0] for doc in search_index()} == pages_before
    finally:
        process.terminate()
        process.wait(timeout=30)
    # The terminal says each error once per broken edit (two rounds here), in Dutch, and each fix.
    terminal = process.stderr.read().splitlines() if process.stderr else []
    assert terminal.count("content/methoden/ecogram.yml:2:1: verplicht veld 'titel' ontbreekt") == 2, terminal
    assert terminal.count("Opgelost: de inhoud heeft geen fouten meer.") == 2, terminal
    assert not [line for line in terminal if "WARNING" in line or "dirty" in line], terminal
