""" "Wat is er nieuw", its Atom feed and "laatst gewijzigd", from the git history of the content."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest

from generator.changes import NOTE_TRAILER as NOTE
from generator.site import DOCS_DIR, generate
from tests.conftest import run_cli
from tests.test_accessibility import _violations

ATOM = "{http://www.w3.org/2005/Atom}"


def git(root: Path, *args: str, date: str = "2026-11-02T10:00:00+01:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Redactie",
        "GIT_AUTHOR_EMAIL": "redactie@example.org",
        "GIT_COMMITTER_NAME": "Redactie",
        "GIT_COMMITTER_EMAIL": "redactie@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout


@pytest.fixture
def history_root(mini_root: Path) -> Path:
    """The mini knowledge base with three content commits: all of it, an edit, a removal and an addition."""
    git(mini_root, "init", "-q", "-b", "main")
    git(mini_root, "add", "-A")
    git(
        mini_root,
        "commit",
        "-q",
        "-m",
        "Add the knowledge base",
        "-m",
        f"{NOTE}: Eerste versie van de kennisbank",
        date="2026-11-01T09:00:00+01:00",
    )
    ecogram = mini_root / "content/methoden/ecogram.yml"
    ecogram.write_text(ecogram.read_text(encoding="utf-8").replace("Het sociale netwerk", "Het netwerk"))
    begrippen = mini_root / "content/begrippen.yml"
    begrippen.write_text(begrippen.read_text(encoding="utf-8") + "\n")
    git(
        mini_root,
        "commit",
        "-q",
        "-am",
        "Shorten the ecogram summary",
        "-m",
        f"{NOTE}: Ecogram: samenvatting korter",
        date="2026-11-02T10:00:00+01:00",
    )
    git(mini_root, "rm", "-q", "leerarrangementen/lerend-team.yml")
    git(
        mini_root,
        "commit",
        "-q",
        "-m",
        "Remove lerend-team",
        "-m",
        f"Seen-by: the editors\n{NOTE}: Lerend team vervalt",
        date="2026-11-03T11:00:00+01:00",
    )
    return mini_root


def page(root: Path, path: str = "wat-is-er-nieuw/index.md") -> str:
    return (root / DOCS_DIR / path).read_text(encoding="utf-8")


def test_the_page_lists_content_changes_newest_first_with_the_editors_note(history_root: Path) -> None:
    generate(history_root)
    text = page(history_root)
    newest, edit, first = (
        text.index("## 3 november 2026"),
        text.index("## 2 november 2026"),
        text.index("## 1 november 2026"),
    )
    assert newest < edit < first
    assert "- leerarrangement 'lerend-team' — *verwijderd*. Toelichting: Lerend team vervalt" in text
    assert "- [Ecogram](../methoden/ecogram.md) — *gewijzigd*. Toelichting: Ecogram: samenvatting korter" in text
    assert "- [Begrippenlijst \\(lijst\\)](../begrippen/index.md) — *gewijzigd*." in text
    assert "- [Casusleren](../kennisbronnen/casusleren.md) — *nieuw*. Toelichting: Eerste versie" in text
    assert "Onvolledig" not in text
    assert "[Atom-feed van deze wijzigingen](feed.xml)" in text


def test_a_commit_without_a_note_shows_no_english_subject_to_readers(history_root: Path) -> None:
    # Commit messages are English (the project's convention); readers get the editor's Dutch note or none.
    sonestra = history_root / "content/methoden/sonestra.yml"
    sonestra.write_text(sonestra.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(history_root, "commit", "-q", "-am", "Reflow sonestra.yml", date="2026-11-04T12:00:00+01:00")
    generate(history_root)
    text, feed = page(history_root), page(history_root, "wat-is-er-nieuw/feed.xml")
    assert "- [SoNeStra](../methoden/sonestra.md) — *gewijzigd*\n" in text
    assert "Reflow" not in text and "Reflow" not in feed
    assert "<title>Wijziging in de inhoud</title>" in feed
    assert "Shorten" not in text and "Toelichting: Ecogram: samenvatting korter" in text


def test_the_atom_feed_has_one_entry_per_commit(history_root: Path) -> None:
    generate(history_root)
    feed = ElementTree.fromstring(page(history_root, "wat-is-er-nieuw/feed.xml"))
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Lerend team vervalt", "Ecogram: samenvatting korter", "Eerste versie van de kennisbank"]
    newest = next(feed.iter(f"{ATOM}entry"))
    assert newest.findtext(f"{ATOM}updated") == "2026-11-03T11:00:00+01:00"
    assert "lerend-team" in (newest.findtext(f"{ATOM}content") or "")
    ecogram = list(feed.iter(f"{ATOM}entry"))[1]
    assert '<a href="/methoden/ecogram/">bekijk</a>' in (ecogram.findtext(f"{ATOM}content") or "")
    link = ecogram.find(f"{ATOM}link")
    assert link is not None and link.get("rel") == "alternate"


def test_every_item_page_shows_when_it_last_changed(history_root: Path) -> None:
    generate(history_root)
    assert 'Laatst gewijzigd: <time datetime="2026-11-02">2 november 2026</time>' in page(
        history_root, "methoden/ecogram.md"
    )
    assert 'Laatst gewijzigd: <time datetime="2026-11-01">1 november 2026</time>' in page(
        history_root, "methoden/sonestra.md"
    )


def test_without_git_the_page_says_so_and_items_show_no_date(mini_root: Path) -> None:
    generate(mini_root)
    text = page(mini_root)
    assert "<strong>Onvolledig:</strong> deze build is niet gemaakt uit een git-repository" in text
    assert "## " not in text.partition("Onvolledig")[2]
    assert "Laatst gewijzigd" not in page(mini_root, "methoden/ecogram.md")


def test_a_shallow_clone_says_its_history_is_incomplete(history_root: Path, tmp_path: Path) -> None:
    clone = tmp_path / "ondiep"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{history_root}", str(clone)], check=True, capture_output=True
    )
    (clone / "mkdocs.yml").write_text((history_root / "mkdocs.yml").read_text(encoding="utf-8"))
    generate(clone)
    text = page(clone)
    assert "onvolledige kopie van de repository (shallow clone)" in text
    assert "Lerend team vervalt" in text
    # The oldest commit of the clone seems to add every file: it is left out, not shown as "nieuw".
    assert "Ecogram: samenvatting korter" not in text and "*nieuw*" not in text
    assert "Laatst gewijzigd" not in page(clone, "methoden/sonestra.md")


def test_an_edit_since_the_last_commit_counts_with_its_own_date(history_root: Path) -> None:
    ecogram = history_root / "content/methoden/ecogram.yml"
    ecogram.write_text(ecogram.read_text(encoding="utf-8").replace("Het netwerk", "Het hele netwerk"))
    generate(history_root)
    assert "Laatst gewijzigd: <time" in page(history_root, "methoden/ecogram.md")
    assert 'datetime="2026-11-02"' not in page(history_root, "methoden/ecogram.md")


def test_the_built_page_and_feed_in_chromium(history_root: Path, tmp_path: Path, chromium: Any) -> None:
    from playwright.sync_api import expect

    from tests.browser import serve_folder

    result = run_cli(history_root, "build")
    assert result.code == 0, result.err
    shots = Path(os.environ.get("KB_SCREENSHOTS", tmp_path))
    browser = chromium
    with serve_folder(history_root / "site") as base:
        for width, height in ((390, 844), (1366, 768)):
            view = browser.new_page(viewport={"width": width, "height": height})
            view.goto(f"{base}wat-is-er-nieuw/")
            expect(view.locator("h1")).to_contain_text("Wat is er nieuw")
            expect(view.locator("article li").first).to_contain_text("lerend-team")
            view.screenshot(path=str(shots / f"wat-is-er-nieuw-{width}.png"), full_page=True)
            serious = [v["id"] for v in _violations(view) if v["impact"] in ("serious", "critical")]
            assert not serious, serious
            view.get_by_role("link", name="Ecogram").first.click()
            expect(view.locator(".kb-gewijzigd")).to_contain_text("Laatst gewijzigd: 2 november 2026")
            view.close()
        feed = browser.new_page()
        response = feed.goto(f"{base}wat-is-er-nieuw/feed.xml")
        assert response is not None and response.ok
        feed.close()
