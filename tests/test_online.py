"""The online reflector in Chromium: filled in by keyboard, kept only in the browser, exported and restored."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, run_cli

PAGE = "reflectoren/coachen-van-leerprocessen/"
DIGITAL = "reflectoren/digitale-reflector/"
DIALOGUE = "reflectoren/kantelen-met-dialogen/"
STORAGE = "kennisbank:reflector:coachen-van-leerprocessen"
HEADER = "respondent;reflector;team;datum;eindterm;tekst;huidig;gewenst;antwoord"
CLOSING = {"leerruimte": "Waar is mijn leerruimte het grootst?", "actie": "Wat ga ik doen, en wanneer?"}


def _content(name: str) -> Any:
    return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))


EINDTERMEN = {int(e["nummer"]): e for e in _content("content/eindtermen.yml")}


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


@pytest.fixture
def browser_page(site_in_browser: tuple[Any, str]) -> Iterator[Any]:
    """A fresh page (own context, own localStorage) with `page.open(path)` going to the served site."""
    browser, base = site_in_browser
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()

    def open_page(path: str) -> None:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")

    page.open = open_page
    yield page
    context.close()


def _checked(page: Any) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('.kb-online input[type=radio]:checked')]"
        ".map(i => [i.name, i.value]))"
    )


def _texts(page: Any) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('.kb-online textarea')]"
        ".filter(t => t.value).map(t => [t.name, t.value]))"
    )


def _status(page: Any) -> str:
    return page.locator(".kb-online-status").inner_text()


def _wait_status(page: Any, start: str) -> str:
    page.wait_for_function(
        "start => document.querySelector('.kb-online-status').textContent.startsWith(start)", arg=start
    )
    return _status(page)


def _download(page: Any, action: str, folder: Path) -> Path:
    with page.expect_download() as download:
        page.click(f"[data-action={action}]")
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def _clear(page: Any) -> None:
    page.click("[data-action=clear]")
    page.click("[data-action=clear-confirm]")


def _import(page: Any, path: Path) -> str:
    page.evaluate("() => { document.querySelector('.kb-online-status').textContent = '' }")
    page.set_input_files("input[data-action=import]", str(path))
    page.wait_for_function("() => document.querySelector('.kb-online-status').textContent !== ''")
    return _status(page)


def _fill_meta(page: Any, respondent: str = "Sanne", team: str = "SWT Zuid", datum: str = "2026-11-28") -> None:
    page.fill("input[name=respondent]", respondent)
    page.fill("input[name=team]", team)
    page.fill("input[name=datum]", datum)


def _meta(page: Any) -> tuple[str, str, str]:
    return tuple(page.input_value(f"input[name={name}]") for name in ("respondent", "team", "datum"))


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
    stored = page.evaluate(f"() => localStorage.getItem('{STORAGE}')")
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
    # One row group per eindterm: its text, then "Jij" and "Nijmegen 2015".
    terms = page.locator(".kb-result-table tbody th[scope=rowgroup]").all_inner_texts()
    assert [term.split(".")[0] for term in terms] == ["47", "43", "50"]
    assert page.locator(".kb-result-table .kb-result-you .kb-lr-value").first.inner_text() == "4"
    groups = page.locator(".kb-result-groups tbody").inner_text()
    assert "Reflectie" in groups and "Dialogisch werken" in groups
    assert "Safari wist lokale opslag na 7 dagen" in page.locator(".kb-online-note").inner_text()


def test_export_clear_and_import_restore_the_form_exactly(online: tuple[Any, list[str]], tmp_path: Path) -> None:
    page, requests = online
    _fill_meta(page)
    page.check("input[name='e43-huidig'][value='2']")
    page.check("input[name='e43-gewenst'][value='5']")
    page.check("input[name='e52-huidig'][value='3']")  # gewenst left open
    before = _checked(page)
    csv_path = _download(page, "export-csv", tmp_path)
    assert csv_path.name == "reflector-coachen-van-leerprocessen-sanne-2026-11-28.csv"
    text43, text52 = EINDTERMEN[43]["tekst"], EINDTERMEN[52]["tekst"]
    assert csv_path.read_bytes().decode("utf-8") == (
        f"\ufeff{HEADER}\r\n"
        f"Sanne;coachen-van-leerprocessen;SWT Zuid;2026-11-28;43;{text43};2;5;\r\n"
        f"Sanne;coachen-van-leerprocessen;SWT Zuid;2026-11-28;52;{text52};3;;\r\n"
    )
    data = json.loads(_download(page, "export-json", tmp_path).read_text(encoding="utf-8"))
    assert data["antwoorden"] == [
        {"eindterm": 43, "tekst": text43, "huidig": 2, "gewenst": 5},
        {"eindterm": 52, "tekst": text52, "huidig": 3, "gewenst": None},
    ]
    _clear(page)
    assert _checked(page) == {}
    assert page.evaluate(f"() => localStorage.getItem('{STORAGE}')") is None
    assert _import(page, csv_path).startswith("Geïmporteerd")
    assert _checked(page) == before
    assert _meta(page) == ("Sanne", "SWT Zuid", "2026-11-28")
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


# --- shortcuts ---------------------------------------------------------------------------------------


def test_every_reflector_page_starts_with_shortcuts(browser_page: Any, real_site: Path) -> None:
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    for path, online_form in [(PAGE, True), (DIALOGUE, True), (DIGITAL, True)]:
        page.open(path)
        shortcuts = page.locator("nav.kb-shortcuts a")
        labels = shortcuts.all_inner_texts()
        mine = (["Online invullen"] if online_form else []) + ["Afdrukken", "PDF"]
        assert labels[: len(mine)] == mine and labels[len(mine) :] in ([], ["Teamreflectie"]), labels
        # Right under the title and summary: before the first section heading.
        assert page.evaluate(
            "() => { const nav = document.querySelector('nav.kb-shortcuts'), h2 = document.querySelector('article h2');"
            " return !!(nav.compareDocumentPosition(h2) & Node.DOCUMENT_POSITION_FOLLOWING) }"
        )
        for link in shortcuts.all():
            href = link.get_attribute("href")
            if link.inner_text() == "Teamreflectie":
                continue  # the team page's own shortcut
            if href.startswith("#"):
                assert page.locator(href).count() == 1, href
            else:
                target = page.evaluate("href => new URL(href, location.href).pathname", href)
                assert target.endswith(".pdf") and (real_site / target.lstrip("/")).is_file(), target
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (path, link.inner_text(), box)


# --- wissen ------------------------------------------------------------------------------------------


def test_alles_wissen_asks_first_and_can_be_undone(online: tuple[Any, list[str]]) -> None:
    page, _ = online
    _fill_meta(page)
    page.check("input[name='e43-huidig'][value='2']")
    page.check("input[name='e43-gewenst'][value='5']")
    page.fill("textarea[name=open-actie]", "Volgende week een casus inbrengen")
    before, stored = _checked(page), page.evaluate(f"() => localStorage.getItem('{STORAGE}')")
    clear = page.locator("[data-action=clear]")
    # Apart from the exports and not styled like them.
    assert page.locator(".kb-online-actions [data-action=clear]").count() == 0
    assert "md-button" not in (clear.get_attribute("class") or "")
    # By keyboard: the button asks, Escape keeps everything.
    clear.focus()
    page.keyboard.press("Enter")
    assert page.locator("[data-action=clear-confirm]").is_visible()
    assert page.evaluate("() => document.activeElement.dataset.action") == "clear-cancel"
    page.keyboard.press("Escape")
    assert clear.is_visible() and not page.locator("[data-action=clear-confirm]").is_visible()
    assert _checked(page) == before
    # "Annuleren" keeps everything too.
    clear.click()
    page.click("[data-action=clear-cancel]")
    assert _checked(page) == before
    # "Ja, wis alles" wipes, and says so with a way back.
    clear.click()
    page.get_by_role("button", name="Ja, wis alles").click()
    assert _checked(page) == {} and _texts(page) == {}
    assert page.input_value("input[name=respondent]").startswith("anoniem-")
    assert _status(page) == "Alle antwoorden zijn gewist."
    undo = page.get_by_role("button", name="Ongedaan maken")
    assert undo.is_visible()
    assert page.evaluate("() => document.activeElement.dataset.action") == "undo"
    page.keyboard.press("Enter")
    assert _checked(page) == before
    assert _texts(page) == {"open-actie": "Volgende week een casus inbrengen"}
    assert _meta(page) == ("Sanne", "SWT Zuid", "2026-11-28")
    assert page.evaluate(f"() => localStorage.getItem('{STORAGE}')") == stored
    assert _status(page).startswith("Hersteld")
    assert not undo.is_visible()


# --- import ------------------------------------------------------------------------------------------


def _answer_a_little(page: Any) -> tuple[dict[str, str], tuple[str, str, str]]:
    _fill_meta(page)
    page.check("input[name='e47-huidig'][value='1']")
    page.check("input[name='e47-gewenst'][value='4']")
    page.fill("textarea[name=open-leerruimte]", "Reflecteren")
    return _checked(page), _meta(page)


def test_another_reflectors_file_is_refused_and_keeps_the_answers(
    online: tuple[Any, list[str]], tmp_path: Path
) -> None:
    page, _ = online
    before, meta = _answer_a_little(page)
    foreign_json = tmp_path / "bakens.json"
    foreign_json.write_text(
        json.dumps(
            {
                "formaat": "kennisbank-reflector",
                "versie": 2,
                "reflector": "bakens-welzijn-nieuwe-stijl",
                "respondent": "Piet",
                "team": "",
                "datum": "2026-11-01",
                "antwoorden": [{"eindterm": 47, "tekst": "t", "huidig": 5, "gewenst": 5}],
            }
        ),
        encoding="utf-8",
    )
    foreign_csv = tmp_path / "digitaal.csv"
    foreign_csv.write_bytes(f"\ufeff{HEADER}\r\nPiet;digitale-reflector;T;2026-11-01;47;t;5;5;\r\n".encode())
    for path, other in [(foreign_json, "bakens-welzijn-nieuwe-stijl"), (foreign_csv, "digitale-reflector")]:
        status = _import(page, path)
        assert status.startswith("Niet geïmporteerd"), status
        assert f"hoort bij reflector '{other}', niet bij 'coachen-van-leerprocessen'" in status
        assert "Je antwoorden zijn niet veranderd." in status
        assert _checked(page) == before and _meta(page) == meta
        assert _texts(page) == {"open-leerruimte": "Reflecteren"}
        assert not page.locator("[data-action=undo]").is_visible()


def test_a_file_with_several_respondents_is_refused_and_keeps_the_answers(
    online: tuple[Any, list[str]], tmp_path: Path
) -> None:
    page, _ = online
    before, meta = _answer_a_little(page)
    team = tmp_path / "team.csv"
    team.write_text(
        "respondent,eindterm,huidig,gewenst,team,datum\nA1,43,2,4,T,2026-11-01\nB2,43,3,3,T,2026-11-01\n",
        encoding="utf-8",
    )
    status = _import(page, team)
    assert status.startswith("Niet geïmporteerd") and "2 respondenten (A1, B2)" in status, status
    assert "Je antwoorden zijn niet veranderd." in status
    assert _checked(page) == before and _meta(page) == meta


def test_importing_an_own_file_replaces_the_answers_and_can_be_undone(
    online: tuple[Any, list[str]], tmp_path: Path
) -> None:
    page, _ = online
    before, meta = _answer_a_little(page)
    own = tmp_path / "oud.csv"  # the old format, as earlier versions exported it
    own.write_text(
        "respondent,eindterm,huidig,gewenst,team,datum\n"
        "Kees,43,3,5,SWT Noord,2026-10-02\nKees,99,1,1,SWT Noord,2026-10-02\n",
        encoding="utf-8",
    )
    status = _import(page, own)
    assert status.startswith("Geïmporteerd uit oud.csv: 1 eindtermen"), status
    assert "vervangen" in status and "1 regels overgeslagen" in status
    assert _checked(page) == {"e43-huidig": "3", "e43-gewenst": "5"}
    assert _meta(page) == ("Kees", "SWT Noord", "2026-10-02")
    assert _texts(page) == {}
    page.get_by_role("button", name="Ongedaan maken").click()
    assert _checked(page) == before and _meta(page) == meta
    assert _texts(page) == {"open-leerruimte": "Reflecteren"}


# --- export format -----------------------------------------------------------------------------------


def test_csv_export_bytes_follow_the_contract_with_an_anonymous_code(
    online: tuple[Any, list[str]], tmp_path: Path
) -> None:
    page, _ = online
    page.fill("input[name=respondent]", "")
    page.fill("input[name=team]", "Team; Oost")
    page.fill("input[name=datum]", "2026-11-30")
    page.check("input[name='e53-huidig'][value='1']")
    page.check("input[name='e53-gewenst'][value='2']")
    page.check("input[name='e43-gewenst'][value='4']")
    page.fill("textarea[name=open-actie]", 'Eerst "vragen";\ndan doen')
    path = _download(page, "export-csv", tmp_path)
    code = page.input_value("input[name=respondent]")
    assert re.fullmatch(r"anoniem-[a-z0-9]{4}", code), code  # shown in the field
    assert path.name == f"reflector-coachen-van-leerprocessen-{code}-2026-11-30.csv"
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "").replace('"vragen"";\ndan', "")
    meta = f'{code};coachen-van-leerprocessen;"Team; Oost";2026-11-30'
    assert text.split("\r\n") == [
        HEADER,
        f"{meta};43;{EINDTERMEN[43]['tekst']};;4;",  # the form's order: 43 before 53
        f"{meta};53;{EINDTERMEN[53]['tekst']};1;2;",
        f'{meta};actie;{CLOSING["actie"]};;;"Eerst ""vragen"";\ndan doen"',
        "",
    ]


def test_json_v2_and_a_round_trip_with_open_answers(browser_page: Any, tmp_path: Path) -> None:
    page = browser_page
    page.open(DIGITAL)
    _fill_meta(page, "AB 12", "Team Oost", "2026-12-01")
    page.check("input[name='e8-huidig'][value='2']")
    page.check("input[name='e8-gewenst'][value='4']")
    page.check("input[name='e58-huidig'][value='3']")
    answers = {
        "open-24": "Een cursus netwerkstrategieën volgen",
        "open-59": "Meer tijd; minder formulieren",
        "open-leerruimte": "Buurtbewoners\nin hun kracht zetten",
        "open-actie": "In januari met de leercoach",
    }
    for name, value in answers.items():
        page.fill(f"textarea[name={name}]", value)
    checked, texts, meta = _checked(page), _texts(page), _meta(page)
    assert texts == answers
    json_path = _download(page, "export-json", tmp_path)
    csv_path = _download(page, "export-csv", tmp_path)
    assert json_path.name == "reflector-digitale-reflector-ab-12-2026-12-01.json"
    assert csv_path.name == "reflector-digitale-reflector-ab-12-2026-12-01.csv"
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert {k: v for k, v in data.items() if k != "antwoorden"} == {
        "formaat": "kennisbank-reflector",
        "versie": 2,
        "reflector": "digitale-reflector",
        "respondent": "AB 12",
        "team": "Team Oost",
        "datum": "2026-12-01",
    }
    assert data["antwoorden"] == [
        {"eindterm": 8, "tekst": EINDTERMEN[8]["tekst"], "huidig": 2, "gewenst": 4},
        {"eindterm": 58, "tekst": EINDTERMEN[58]["tekst"], "huidig": 3, "gewenst": None},
        {"eindterm": 24, "tekst": EINDTERMEN[24]["tekst"], "antwoord": answers["open-24"]},
        {"eindterm": 59, "tekst": EINDTERMEN[59]["tekst"], "antwoord": answers["open-59"]},
        {"eindterm": "leerruimte", "tekst": CLOSING["leerruimte"], "antwoord": answers["open-leerruimte"]},
        {"eindterm": "actie", "tekst": CLOSING["actie"], "antwoord": answers["open-actie"]},
    ]
    for path in (json_path, csv_path):
        _clear(page)
        assert _checked(page) == {} and _texts(page) == {}
        status = _import(page, path)
        assert status.startswith(f"Geïmporteerd uit {path.name}: 2 eindtermen en 4 open antwoorden"), status
        assert (_checked(page), _texts(page), _meta(page)) == (checked, texts, meta)
    page.reload()
    assert (_checked(page), _texts(page), _meta(page)) == (checked, texts, meta)


def test_an_old_json_export_imports(online: tuple[Any, list[str]], tmp_path: Path) -> None:
    page, _ = online
    old = tmp_path / "reflector-coachen-van-leerprocessen-2026-01-05.json"
    old.write_text(
        json.dumps(
            {
                "reflector": "coachen-van-leerprocessen",
                "respondent": "Sanne",
                "team": "SWT Zuid",
                "datum": "2026-01-05",
                "antwoorden": [
                    {"eindterm": 43, "huidig": 2, "gewenst": 5},
                    {"eindterm": 52, "huidig": 3, "gewenst": None},
                ],
            }
        ),
        encoding="utf-8",
    )
    assert _import(page, old).startswith("Geïmporteerd")
    assert _checked(page) == {"e43-huidig": "2", "e43-gewenst": "5", "e52-huidig": "3"}
    assert _meta(page) == ("Sanne", "SWT Zuid", "2026-01-05")


# --- dialogue reflectors -----------------------------------------------------------------------------


def test_a_dialogue_reflector_shows_its_questions_online(browser_page: Any, tmp_path: Path) -> None:
    page = browser_page
    page.open(DIALOGUE)
    questions = _content("reflectoren/kantelen-met-dialogen.yml")["vragen"]
    assert page.locator("#online-invullen").count() == 1
    labels = page.locator(".kb-online-open label").all_inner_texts()
    assert labels == [f"{i}. {q}" for i, q in enumerate(questions, start=1)] + list(CLOSING.values())
    assert page.locator(".kb-online input[type=radio]").count() == 0
    assert page.locator(".kb-result").count() == 0  # no scale, no leerruimte chart
    _fill_meta(page, "Jan", "Team West", "2026-11-29")
    page.fill("textarea[name=open-vraag-2]", "Bij de intake; daar viel ik terug")
    page.fill("textarea[name=open-actie]", "Elkaar aanspreken")
    page.reload()
    assert _texts(page) == {"open-vraag-2": "Bij de intake; daar viel ik terug", "open-actie": "Elkaar aanspreken"}
    path = _download(page, "export-csv", tmp_path)
    assert path.name == "reflector-kantelen-met-dialogen-jan-2026-11-29.csv"
    assert path.read_bytes().decode("utf-8").split("\r\n")[1:] == [
        f'Jan;kantelen-met-dialogen;Team West;2026-11-29;vraag-2;{questions[1]};;;"Bij de intake; daar viel ik terug"',
        f"Jan;kantelen-met-dialogen;Team West;2026-11-29;actie;{CLOSING['actie']};;;Elkaar aanspreken",
        "",
    ]
    data = json.loads(_download(page, "export-json", tmp_path).read_text(encoding="utf-8"))
    assert data["antwoorden"][0] == {
        "eindterm": "vraag-2",
        "tekst": questions[1],
        "antwoord": "Bij de intake; daar viel ik terug",
    }
    _clear(page)
    assert _import(page, path).startswith("Geïmporteerd")
    assert _texts(page) == {"open-vraag-2": "Bij de intake; daar viel ik terug", "open-actie": "Elkaar aanspreken"}


# --- layout on a phone -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [360, 390])
def test_the_scale_stays_on_one_line_and_nothing_scrolls_sideways(browser_page: Any, width: int) -> None:
    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    for path in (PAGE, DIGITAL, DIALOGUE):
        page.open(path)
        if path == PAGE:
            for name, value in [("e43-huidig", 1), ("e43-gewenst", 5), ("e50-huidig", 5), ("e50-gewenst", 1)]:
                page.check(f"input[name='{name}'][value='{value}']")  # the result shows, with its bars
        rows = page.evaluate(
            "() => [...document.querySelectorAll('.kb-online-choices')].map(row =>"
            " new Set([...row.querySelectorAll('label')].map(l => Math.round(l.getBoundingClientRect().top))).size)"
        )
        assert rows == [] if path == DIALOGUE else rows and set(rows) == {1}, (path, rows)
        scroll = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll[0] <= scroll[1], (path, scroll)


# --- the result --------------------------------------------------------------------------------------


def test_the_dimension_mean_rounds_half_away_from_zero(online: tuple[Any, list[str]]) -> None:
    page, _ = online
    # Four eindtermen without a dimension: differences −1, 0, 0, 0 → −0,25 → −0,3 (as the CLI).
    for number, huidig, gewenst in [(46, 3, 2), (49, 3, 3), (53, 4, 4), (54, 2, 2)]:
        page.check(f"input[name='e{number}-huidig'][value='{huidig}']")
        page.check(f"input[name='e{number}-gewenst'][value='{gewenst}']")
    row = page.locator(".kb-result-groups tbody tr", has_text="Zonder dimensie")
    assert row.locator("td").all_inner_texts() == ["4", "−0,3"]
    helpers = page.evaluate(
        "() => { const r = window.Kennisbank.reflector;"
        " return [r.meanTenths(-1, 4), r.meanTenths(1, 4), r.meanTenths(-1, 3), r.meanTenths(5, 2),"
        " r.formatTenths(-3), r.formatTenths(25), r.formatTenths(0), r.slug(' Één / Twee__3 '), r.slug('***')] }"
    )
    assert helpers == [-3, 3, -3, 25, "−0,3", "2,5", "0,0", "n-twee-3", "anoniem"]


def _expected_2015(number: int) -> tuple[str, str, str]:
    """Leerruimte, laag huidig and hoog gewenst of 2015 for one eindterm, as exact fractions."""
    from generator.figures import baseline_sides
    from generator.models import Resultaat

    raw = next(r for r in _content("content/resultaten-2015.yml") if r["eindterm"] == number)
    sides = baseline_sides(Resultaat.model_validate(raw))

    def tenths(value: Fraction) -> int:
        sign = -1 if value < 0 else 1
        scaled = abs(value) * 10
        whole = scaled.numerator // scaled.denominator
        return sign * (whole + (1 if scaled - whole >= Fraction(1, 2) else 0))

    means = {}
    for name, side in sides.items():
        counts = [side.n - sum(c for c in side.counts if c is not None) if c is None else c for c in side.counts]
        means[name] = Fraction(sum(v * c for v, c in enumerate(counts, start=1)), side.n)

    def pct(count: int | None, n: int) -> int | None:
        return None if count is None else tenths(Fraction(count * 100, n))

    h, g = sides["huidig"], sides["gewenst"]
    low = [pct(c, h.n) for c in h.counts[:2]]
    high = [pct(c, g.n) for c in g.counts[3:]]

    def text(value: int | None) -> str:
        return "" if value is None else f"{'-' if value < 0 else ''}{abs(value) // 10}.{abs(value) % 10}"

    return (
        text(tenths(means["gewenst"] - means["huidig"])),
        text(None if None in low else sum(low)),
        text(None if None in high else sum(high)),
    )


def test_the_2015_figures_are_in_the_page_and_next_to_yours(browser_page: Any) -> None:
    page = browser_page
    page.open(DIGITAL)
    attributes = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('.kb-online-item')].map(i => [i.dataset.eindterm,"
        " ['leerruimte', 'laag-huidig', 'hoog-gewenst'].map(n => i.getAttribute('data-' + n + '-2015'))]))"
    )
    scored = [n for n, e in EINDTERMEN.items() if e["soort"] == "schaal" and 8 <= n <= 58]
    assert sorted(map(int, attributes)) == scored
    for number in scored:
        assert tuple(attributes[str(number)]) == _expected_2015(number), number
    page.check("input[name='e39-huidig'][value='2']")
    page.check("input[name='e39-gewenst'][value='4']")
    group = page.locator(".kb-result-table tbody[data-eindterm='39']")
    leerruimte, low, high = (v.replace(".", ",") for v in _expected_2015(39))
    assert group.locator(".kb-result-you").inner_text().split() == ["Jij", "2", "4", "2"]
    assert " ".join(group.locator(".kb-result-2015").inner_text().split()) == (
        f"Nijmegen 2015 (N = 44) {low}% gaf 1–2 {high}% gaf 4–5 {leerruimte}"
    )


def test_the_printed_result_has_name_team_date_and_figures_without_the_site(
    online: tuple[Any, list[str]], tmp_path: Path
) -> None:
    page, _ = online
    _fill_meta(page)
    page.check("input[name='e47-huidig'][value='1']")
    page.check("input[name='e47-gewenst'][value='5']")
    page.check("input[name='e50-huidig'][value='4']")
    page.check("input[name='e50-gewenst'][value='3']")
    page.evaluate("() => { window.print = () => { window.printed = true } }")
    page.click("[data-action=print-result]")
    assert page.evaluate("() => window.printed && document.documentElement.classList.contains('kb-print-result')")
    page.emulate_media(media="print")
    pdf = tmp_path / "resultaat.pdf"
    pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Jouw leerruimte" in flat and "Coachen van leerprocessen" in flat
    assert "Naam of code: Sanne · Team: SWT Zuid · Datum: 28 november 2026" in flat
    assert "Nijmegen 2015" in flat and "−1" in flat and "gaf 1–2" in flat
    assert re.search(r"Jij 1 5 4\b", flat), flat
    for chrome in ("Zoeken", "Kennisbronnen", "Leerarrangementen", "Exporteer CSV", "Afdrukken", "Formulier afdrukken"):
        assert chrome not in flat, chrome
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    assert re.search(r"^Pages:\s+1$", info, re.M), info  # no empty pages (a hover tooltip once made eleven)


def test_the_file_helpers_read_what_they_write_and_the_old_formats(online: tuple[Any, list[str]]) -> None:
    page, _ = online
    result = page.evaluate(
        """() => {
        const r = window.Kennisbank.reflector
        const record = {
          reflector: "coachen-van-leerprocessen", respondent: "A;B", team: 'Team "Oost"', datum: "2026-12-01",
          antwoorden: [
            { eindterm: 43, tekst: "x; y", huidig: 2, gewenst: null },
            { eindterm: "actie", tekst: "Wat ga ik doen, en wanneer?", antwoord: "een\\ntwee; \\"drie\\"" }] }
        const csv = r.parseExport(r.serialiseCsv(record)), json = r.parseExport(r.serialiseJson(record))
        const old = r.parseExport(
          "respondent,eindterm,huidig,gewenst,team,datum\\r\\nS,43,2,,\\"T, Z\\",2026-11-28\\r\\n")
        const separators = [r.separatorOf(r.HEADER.join(";")), r.separatorOf("respondent,eindterm,huidig,gewenst")]
        const cell = [r.csvCell("a,b"), r.csvCell("a;b"), r.csvCell('a"b'), r.csvCell("a\\nb")]
        return { csv, json, old, separators, cell }
        }"""
    )
    expected = [
        {"eindterm": "43", "huidig": "2", "gewenst": None, "antwoord": None},
        {"eindterm": "actie", "huidig": None, "gewenst": None, "antwoord": 'een\ntwee; "drie"'},
    ]
    meta = {"reflector": "coachen-van-leerprocessen", "respondent": "A;B", "team": 'Team "Oost"', "datum": "2026-12-01"}
    assert result["csv"] == {**meta, "respondents": ["A;B"], "antwoorden": expected}
    expected[0]["huidig"] = 2  # JSON keeps the number
    assert result["json"] == {**meta, "respondents": ["A;B"], "antwoorden": expected}
    assert result["old"]["team"] == "T, Z" and result["old"]["antwoorden"] == [
        {"eindterm": "43", "huidig": "2", "gewenst": None, "antwoord": None}
    ]
    assert result["separators"] == [";", ","]
    assert result["cell"] == ["a,b", '"a;b"', '"a""b"', '"a\nb"']
