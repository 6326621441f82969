"""A site a web server can serve, and builds that end in a Dutch line whatever happens to them.

The mode bits under the umask, a `site` link to a web root, Ctrl+C, SIGKILL (no PDF worker survives,
the next build removes what was left), two builds at once, and what WeasyPrint may fetch. Signals are
sent to real subprocesses; the rest runs in-process.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator import cli, pdf, site
from tests.conftest import REPO, run_cli, terminal_job

INTERRUPTED_BUILD = "Afgebroken; de vorige site is ongewijzigd."
NOT_BUILT = "Niet gebouwd: de vorige site is ongewijzigd."

# Runs `kennisbank build` with one stage made to wait, as a user's build would stand at that moment:
# argv: root, stage ("pagefind" or "pdf"), a folder where each waiting process writes a file named by its pid.
HANGING_BUILD = """
import os, sys, time
from pathlib import Path
from generator import cli, pdf, site

root, stage, ready = sys.argv[1], sys.argv[2], Path(sys.argv[3])


def wait(*args, **kwargs):
    (ready / str(os.getpid())).write_text("klaar")
    time.sleep(600)


if stage == "pagefind":
    site.run_pagefind = wait
elif stage == "cleanup":  # the new site is in place; the offline copy's folder is being removed
    remove = site.shutil.rmtree

    def slow_remove(path, *args, **kwargs):
        if Path(path).name.startswith(site.OFFLINE_PREFIX):
            (ready / str(os.getpid())).write_text("klaar")
            time.sleep(3)
        remove(path, *args, **kwargs)

    site.shutil.rmtree = slow_remove
else:
    pdf._write_pdf = wait  # looked up by name in the forked workers too
    pdf.os.cpu_count = lambda: 2  # two workers, as on the machine where they were left running
sys.exit(cli.main(["--root", root, "build"]))
"""


def _checksum(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _leftovers(*folders: Path) -> list[str]:
    return sorted(p.name for folder in folders for p in folder.iterdir() if p.name.startswith(".site-"))


def _wait_until(condition: Callable[[], object], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s"
        time.sleep(0.05)


class HangingBuild:
    """`kennisbank build` as a terminal's foreground job, waiting in a stage."""

    def __init__(self, root: Path, stage: str, ready: Path) -> None:
        ready.mkdir()
        self.ready = ready
        self.process = terminal_job(
            [sys.executable, "-c", HANGING_BUILD, str(root), stage, str(ready)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def wait_for(self, waiting: int) -> list[int]:
        """Wait until `waiting` processes stand in the stage; their pids."""

        def there() -> bool:
            assert self.process.poll() is None, self.process.communicate()
            return len(list(self.ready.iterdir())) >= waiting

        _wait_until(there, f"{waiting} waiting process(es)")
        return sorted(int(p.name) for p in self.ready.iterdir())

    def finish(self, timeout: float = 60) -> tuple[int, str]:
        _, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, err

    def kill(self) -> None:
        """The whole group: the build and any worker a failing test left behind."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.communicate(timeout=30)


@pytest.fixture
def hanging(tmp_path: Path) -> Iterator[Callable[[Path, str], HangingBuild]]:
    started: list[HangingBuild] = []

    def start(root: Path, stage: str) -> HangingBuild:
        build = HangingBuild(root, stage, tmp_path / f"ready-{len(started)}")
        started.append(build)
        return build

    yield start
    for build in started:
        build.kill()


@pytest.fixture
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped by whoever adopted it, does not)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _two_reflectors(root: Path) -> None:
    """Two forms, so the PDFs are made in worker processes."""
    text = (root / "reflectoren/digitale-reflector.yml").read_text(encoding="utf-8")
    copy = text.replace("id: digitale-reflector", "id: tweede-reflector", 1)
    assert copy != text
    (root / "reflectoren/tweede-reflector.yml").write_text(copy, encoding="utf-8")


# --- a site a web server can read ------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "folder_mode", "file_mode"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)])
def test_the_site_has_the_modes_the_umask_gives(mini_root: Path, umask: int, folder_mode: int, file_mode: int) -> None:
    previous = os.umask(umask)
    try:
        built = site.build(mini_root)
    finally:
        os.umask(previous)
    modes = {path: path.stat().st_mode & 0o7777 for path in [built, *built.rglob("*")]}
    assert modes[built] == folder_mode
    wrong = {
        p.relative_to(built).as_posix(): oct(m)
        for p, m in modes.items()
        if m != (folder_mode if p.is_dir() else file_mode)
    }
    assert wrong == {}
    with zipfile.ZipFile(built / site.OFFLINE_ZIP) as archive:
        entries = {info.filename: (info.external_attr >> 16) & 0o7777 for info in archive.infolist()}
    assert entries["kennisbank-sociale-wijkteams/"] == folder_mode
    assert entries["kennisbank-sociale-wijkteams/index.html"] == file_mode
    assert {mode for name, mode in entries.items() if not name.endswith("/")} == {file_mode}


def test_a_site_link_to_a_web_root_keeps_pointing_at_the_updated_site(mini_root: Path, tmp_path: Path, capsys) -> None:
    web_root = tmp_path / "www" / "kennisbank"
    web_root.mkdir(parents=True)
    (web_root / "index.html").write_text("de oude site", encoding="utf-8")
    (mini_root / "site").symlink_to(web_root)
    for _ in range(2):  # into a folder that holds an old site, then over a site it built itself
        assert cli.main(["--root", str(mini_root), "build"]) == 0
        assert (mini_root / "site").is_symlink() and (mini_root / "site").readlink() == web_root
        assert (web_root / "kennisbronnen/casusleren/index.html").is_file()
        assert sorted(p.name for p in web_root.parent.iterdir()) == ["kennisbank"]  # nothing left beside it
        assert _leftovers(mini_root) == []
        assert web_root.stat().st_mode & 0o777 == 0o777 & ~_umask()
    assert "de oude site" not in (web_root / "index.html").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert f"Site gebouwd in {mini_root / 'site'} (→ {web_root}) (" in err


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_site_link_to_a_file_is_refused(mini_root: Path, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("geen map", encoding="utf-8")
    (mini_root / "site").symlink_to(tmp_path / "index.html")
    result = run_cli(mini_root, "build")
    assert result.code == 1
    refused = f"{mini_root / 'site'} verwijst naar {tmp_path / 'index.html'}, en dat is geen map; "
    assert result.err.splitlines()[-2:] == [refused + "laat de link naar een map wijzen", NOT_BUILT]
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "geen map"


@pytest.mark.parametrize("inside", ["content", "content/methoden", "generator", "build"])
def test_a_site_link_into_the_knowledge_base_is_refused_and_its_folder_kept(mini_root: Path, inside: str) -> None:
    # Before, the build swapped the folder the link named for the site and deleted it: content/ was gone.
    (mini_root / inside).mkdir(parents=True, exist_ok=True)
    (mini_root / inside / "bewaard.txt").write_text("van de redactie", encoding="utf-8")
    before = _checksum(mini_root / inside)
    (mini_root / "site").symlink_to(inside)
    result = run_cli(mini_root, "build")
    assert result.code == 1, result.err
    refused = (
        f"{mini_root / 'site'} verwijst naar {mini_root / inside}, een map in de kennisbank zelf; laat de link "
        "naar een map buiten de kennisbank wijzen (een webroot), of maak van site een gewone map"
    )
    assert result.err.splitlines()[-2:] == [refused, NOT_BUILT]
    assert _checksum(mini_root / inside) == before
    assert (mini_root / "site").is_symlink()


# --- Ctrl+C and SIGKILL ------------------------------------------------------------------------------


def test_ctrl_c_during_a_build_leaves_the_previous_site(mini_root: Path, hanging) -> None:
    site.build(mini_root)
    before = _checksum(mini_root / "site")
    build = hanging(mini_root, "pagefind")
    build.wait_for(1)
    os.killpg(build.process.pid, signal.SIGINT)  # what Ctrl+C in the terminal does
    code, err = build.finish()
    assert (code, err) == (130, INTERRUPTED_BUILD + "\n")
    assert _checksum(mini_root / "site") == before
    assert _leftovers(mini_root) == []


def test_ctrl_c_after_the_new_site_is_in_place_finishes_the_build(mini_root: Path, hanging) -> None:
    # Before, Ctrl+C while the build cleaned up said the previous site was unchanged, which it was not.
    site.build(mini_root)
    (mini_root / "kennisbronnen/casusleren.yml").write_text(
        (mini_root / "kennisbronnen/casusleren.yml").read_text(encoding="utf-8").replace("Casusleren", "Casuslerén"),
        encoding="utf-8",
    )
    build = hanging(mini_root, "cleanup")
    build.wait_for(1)
    os.killpg(build.process.pid, signal.SIGINT)
    code, err = build.finish()
    assert code == 0, err
    assert err.startswith(f"Site gebouwd in {mini_root / 'site'} ("), err
    assert "Casuslerén" in (mini_root / "site/kennisbronnen/casusleren/index.html").read_text(encoding="utf-8")
    assert _leftovers(mini_root) == []


@pytest.mark.no_pdf_cache  # the PDF workers are under test: every PDF is rendered
def test_ctrl_c_during_the_pdfs_stops_the_workers_without_a_traceback(mini_root: Path, hanging) -> None:
    _two_reflectors(mini_root)
    build = hanging(mini_root, "pdf")
    workers = build.wait_for(2)
    os.killpg(build.process.pid, signal.SIGINT)
    code, err = build.finish()
    assert (code, err) == (130, INTERRUPTED_BUILD + "\n")
    _wait_until(lambda: not any(_alive(pid) for pid in workers), "the workers to end", timeout=10)
    assert not (mini_root / "site").exists()


@pytest.mark.no_pdf_cache  # the PDF workers are under test: every PDF is rendered
def test_a_killed_build_leaves_no_pdf_worker_running(mini_root: Path, hanging) -> None:
    _two_reflectors(mini_root)
    build = hanging(mini_root, "pdf")
    workers = build.wait_for(2)
    assert set(workers) <= set(_children(build.process.pid))
    build.process.send_signal(signal.SIGKILL)  # the build process only, not its group
    build.process.wait(timeout=30)
    _wait_until(lambda: not any(_alive(pid) for pid in workers), "the orphaned workers to end", timeout=10)


def test_the_next_build_removes_what_a_killed_build_left(mini_root: Path, hanging) -> None:
    build = hanging(mini_root, "pagefind")
    build.wait_for(1)
    assert {name.rsplit("-", 1)[0] for name in _leftovers(mini_root)} == {".site-new", ".site-offline"}
    build.process.send_signal(signal.SIGKILL)
    build.process.wait(timeout=30)
    assert len(_leftovers(mini_root)) == 2  # nothing ran to clean up
    result = run_cli(mini_root, "build")
    assert result.code == 0, result.err
    assert _leftovers(mini_root) == []
    assert (mini_root / "site/index.html").is_file()


def test_a_site_halfway_through_a_swap_comes_back(mini_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed between the two renames of a system without an atomic exchange: the old site is restored."""
    site.build(mini_root)
    before = _checksum(mini_root / "site")
    (mini_root / "site").rename(mini_root / ".site-old-4242")

    def stop(root: Path) -> None:
        raise site.BuildFailed("MkDocs-build mislukt")

    monkeypatch.setattr(site, "generate", stop)
    with pytest.raises(site.BuildFailed):
        site.build(mini_root)
    assert _checksum(mini_root / "site") == before
    assert _leftovers(mini_root) == []


def test_ctrl_c_during_check_and_serve_is_one_line(
    mini_root: Path, monkeypatch: pytest.MonkeyPatch, capsys, free_port: int
) -> None:
    from generator import serve

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(site, "check", interrupted)
    assert cli.main(["--root", str(mini_root), "check"]) == 130
    assert capsys.readouterr().err == "Afgebroken; er is niets gewijzigd.\n"
    monkeypatch.setattr(serve, "regenerate", interrupted)
    assert cli.main(["--root", str(mini_root), "serve", "--dev-addr", f"127.0.0.1:{free_port}"]) == 130
    assert capsys.readouterr().err == "Voorbeeld gestopt.\n"
    with site.build_lock(mini_root):  # the preview let go of the lock
        pass


# --- one build at a time ---------------------------------------------------------------------------


def _flocked(path: Path) -> bool:
    inode = path.stat().st_ino
    return any(
        fields[1] == "FLOCK" and fields[5].rsplit(":", 1)[1] == str(inode)
        for fields in (line.split() for line in Path("/proc/locks").read_text().splitlines())
        if len(fields) > 5 and fields[5].count(":") == 2
    )


def test_a_second_build_says_one_is_running(mini_root: Path, hanging, free_port: int) -> None:
    site.build(mini_root)
    before = _checksum(mini_root / "site")
    first = hanging(mini_root, "pagefind")
    _wait_until(lambda: (mini_root / site.LOCK_FILE).exists() and _flocked(mini_root / site.LOCK_FILE), "the lock")
    busy = f"{mini_root}: er draait al een build van deze kennisbank (kennisbank build of kennisbank serve); "
    busy += "probeer het opnieuw als die klaar is"
    second = run_cli(mini_root, "build")
    assert (second.code, second.err.splitlines()) == (1, [busy, NOT_BUILT])
    preview = run_cli(mini_root, "serve", "--dev-addr", f"127.0.0.1:{free_port}")
    assert (preview.code, preview.err) == (1, busy + "\n")
    first.wait_for(1)
    os.killpg(first.process.pid, signal.SIGINT)
    assert first.finish()[0] == 130
    assert _checksum(mini_root / "site") == before
    assert run_cli(mini_root, "build").code == 0  # the lock went with the first build


# --- what a form's PDF may fetch -------------------------------------------------------------------


@pytest.fixture
def other_host() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 standing in for another host: (its address, the paths asked for)."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/svg+xml")
            self.end_headers()
            self.wfile.write(b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')

        def log_message(self, *_: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


def test_a_pdf_fetches_nothing_from_another_host_or_outside_the_build(
    tmp_path: Path, other_host: tuple[str, list[str]]
) -> None:
    address, asked = other_host
    build = tmp_path / "kb" / "build"
    build.mkdir(parents=True)
    secret = tmp_path / "geheim.css"
    secret.write_text("body { background: red }", encoding="utf-8")
    html = (
        f'<!doctype html><html><head><link rel="stylesheet" href="{address}/stijl.css">'
        f'<link rel="stylesheet" href="{secret.as_uri()}"></head><body>'
        f'<img src="{address}/pixel.svg"><img src="https://example.invalid/x.png">'
        f'<p style="background: url({address}/achtergrond.svg)">Formulier</p></body></html>'
    )
    data = pdf.PdfCache(build / "pdf-cache", allowed=build).render(html)
    assert data.startswith(b"%PDF")
    assert asked == []


def test_the_pdf_fetcher_serves_the_build_folder_and_data_only(tmp_path: Path) -> None:
    build = tmp_path / "build"
    (build / "docs").mkdir(parents=True)
    (build / "docs" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "buiten.svg").write_text("<svg/>", encoding="utf-8")
    (build / "docs" / "link.svg").symlink_to(tmp_path / "buiten.svg")
    fetcher = pdf.local_fetcher(build)
    fetch = fetcher.fetch if hasattr(fetcher, "fetch") else fetcher
    response = fetch((build / "docs" / "logo.svg").as_uri())
    assert (response.read() if hasattr(response, "read") else response["string"]) == b"<svg/>"
    fetch("data:image/svg+xml,%3Csvg/%3E")
    for url in (
        (tmp_path / "buiten.svg").as_uri(),
        (build / "docs" / "link.svg").as_uri(),  # a link inside that leads outside
        (build / "docs" / ".." / ".." / "buiten.svg").as_uri(),
        "file:///etc/passwd",
        "file://elders/build/docs/logo.svg",
        "http://127.0.0.1:1/x.png",
        "ftp://example.invalid/x.png",
    ):
        with pytest.raises(ValueError, match="niet opgehaald"):
            fetch(url)


# --- make clean ------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("make") is None, reason="make ontbreekt")
def test_make_clean_removes_what_builds_leave(tmp_path: Path) -> None:
    left = ["build/docs", "site", ".site-new-a1", ".site-offline-b2", ".site-old-123"]
    for name in left:
        (tmp_path / name).mkdir(parents=True)
    done = subprocess.run(["make", "-s", "-f", str(REPO / "Makefile"), "-C", str(tmp_path), "clean"], check=False)
    assert done.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == []
