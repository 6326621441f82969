"""The online reflector in Chromium: filled in by keyboard, kept only in the browser, exported and restored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, run_cli

PAGE = "reflectoren/coachen-van-leerprocessen/"


@pytest.fixture
def online(site_in_browser: tuple[Any, str]) -> Iterator[tuple[Any, list[str]]]:
    browser, base = site_in_browser
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + PAGE)
    page.wait_for_load_state("networkidle")  # the search worker and favicon load on their own
    yield page, requests
    context.close()


def _checked(page: Any) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('.kb-online input[type=radio]:checked')]"
        ".map(i => [i.name, i.value]))"
    )


def test_keyboard_answers_survive_a_reload_and_nothing_is_sent(online: tuple[Any, list[str]]) -> None:
    page, requests = online
    loaded = len(requests)
    first = page.locator("input[name='e43-huidig']").first
    first.focus()
    page.keyboard.press("Space")  # selects 1
    page.keyboard.press("ArrowRight")  # moves the choice to 2
    page.keyboard.press("Tab")  # on to the gewenst row
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # 4
    assert _checked(page) == {"e43-huidig": "2", "e43-gewenst": "4"}
    assert requests[loaded:] == []  # filling in sends nothing, not even to this host
    page.reload()
    assert _checked(page) == {"e43-huidig": "2", "e43-gewenst": "4"}
    stored = page.evaluate("() => localStorage.getItem('kennisbank:reflector:coachen-van-leerprocessen')")
    assert json.loads(stored)["antwoorden"] == {"43": {"huidig": 2, "gewenst": 4}}


def test_the_result_shows_the_largest_leerruimte_first(online: tuple[Any, list[str]]) -> None:
    page, _ = online
    for name, value in [
        ("e43-huidig", 4),
        ("e43-gewenst", 5),
        ("e47-huidig", 1),
        ("e47-gewenst", 5),
        ("e50-huidig", 3),
        ("e50-gewenst", 3),
    ]:
        page.check(f"input[name='{name}'][value='{value}']")
    rows = page.locator(".kb-result-table tbody tr").all_inner_texts()
    assert [row.split(".")[0] for row in rows] == ["47", "43", "50"]
    assert rows[0].split("\t")[-1].strip() == "4"
    groups = page.locator(".kb-result-groups tbody").inner_text()
    assert "Reflectie" in groups and "Dialogisch werken" in groups
    assert "Safari wist lokale opslag na 7 dagen" in page.locator(".kb-online-note").inner_text()


def test_export_clear_and_import_restore_the_form_exactly(online: tuple[Any, list[str]], tmp_path: Path) -> None:
    page, requests = online
    page.fill("input[name=respondent]", "Sanne")
    page.fill("input[name=team]", "SWT Zuid")
    page.fill("input[name=datum]", "2026-11-28")
    page.check("input[name='e43-huidig'][value='2']")
    page.check("input[name='e43-gewenst'][value='5']")
    page.check("input[name='e52-huidig'][value='3']")  # gewenst left open
    before = _checked(page)
    with page.expect_download() as download:
        page.click("[data-action=export-csv]")
    csv_path = tmp_path / download.value.suggested_filename
    download.value.save_as(csv_path)
    assert csv_path.name == "reflector-coachen-van-leerprocessen-2026-11-28.csv"
    assert csv_path.read_text(encoding="utf-8") == (
        "respondent,eindterm,huidig,gewenst,team,datum\n"
        "Sanne,43,2,5,SWT Zuid,2026-11-28\n"
        "Sanne,52,3,,SWT Zuid,2026-11-28\n"
    )
    with page.expect_download() as download:
        page.click("[data-action=export-json]")
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["antwoorden"] == [
        {"eindterm": 43, "huidig": 2, "gewenst": 5},
        {"eindterm": 52, "huidig": 3, "gewenst": None},
    ]
    page.click("[data-action=clear]")
    assert _checked(page) == {}
    assert page.evaluate("() => localStorage.getItem('kennisbank:reflector:coachen-van-leerprocessen')") is None
    page.set_input_files("input[data-action=import]", str(csv_path))
    page.wait_for_function("() => document.querySelector('.kb-online-status').textContent.startsWith('Geïmporteerd')")
    assert _checked(page) == before
    assert page.input_value("input[name=respondent]") == "Sanne"
    assert all(url.startswith(("http://127.0.0.1", "blob:")) for url in requests)


def test_an_export_from_the_browser_feeds_the_team_analysis(online: tuple[Any, list[str]], tmp_path: Path) -> None:
    page, _ = online
    page.fill("input[name=respondent]", "r1")
    page.check("input[name='e50-huidig'][value='2']")
    page.check("input[name='e50-gewenst'][value='4']")
    with page.expect_download() as download:
        page.click("[data-action=export-csv]")
    export = tmp_path / "team.csv"
    download.value.save_as(export)
    result = run_cli(REPO, "analyse", "--json", str(export))
    assert result.code == 0, result.out + result.err
    row = next(e for e in json.loads(result.out)["eindtermen"] if e["eindterm"] == 50)
    assert (row["laag_huidig"], row["hoog_gewenst"], row["leerruimte"]) == (100.0, 100.0, 2.0)
