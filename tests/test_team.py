"""The team page in Chromium: a leercoach drops the colleagues' exports and sees the team's picture.

The page computes in the browser; `kennisbank analyse` computes in Python. Both get the same files
(the 46 respondents reconstructed from Bijlage 7, six colleagues' Dutch Excel CSVs, a JSON export, a
duplicate and a foreign file) and every figure the page shows is compared with the CLI's.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.analyse import load_reference, reconstruct_2015, write_export
from generator.analyse.report import _nl
from generator.render import number_ranges
from tests.conftest import REPO, run_cli

REFLECTOR = "digitale-reflector"
PAGE = f"reflectoren/{REFLECTOR}/team/"
SCORED = [*range(8, 24), *range(25, 59)]
HEADER = "respondent;reflector;team;datum;eindterm;tekst;huidig;gewenst;antwoord"


def _excel_csv(code: str, day: int, rng: random.Random, *, iso: bool = True) -> bytes:
    """One colleague's export as Dutch Excel saves it: `;`, BOM, CRLF (and its own date format)."""
    datum = f"2026-11-{day:02d}" if iso else f"{day:02d}-11-2026"
    rows = [HEADER]
    for number in SCORED:
        huidig = rng.randint(1, 5)
        gewenst = min(5, huidig + rng.choice([-1, 0, 1, 1, 2]))
        rows.append(f"{code};{REFLECTOR};Team Oost;{datum};{number};tekst;{huidig};{max(gewenst, 1)};")
    rows.append(f'{code};{REFLECTOR};Team Oost;{datum};24;open vraag;;;"Meer tijd; minder formulieren"')
    rows.append(f"{code};{REFLECTOR};Team Oost;{datum};actie;Wat ga ik doen?;;;Casus inbrengen ({code})")
    return ("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8")


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    rng = random.Random(11)
    files: dict[str, Path] = {}
    for index in range(1, 7):
        path = folder / f"reflector-{REFLECTOR}-r{index}-2026-11-{20 + index}.csv"
        path.write_bytes(_excel_csv(f"R{index}", 20 + index, rng, iso=index % 2 == 0))
        files[f"r{index}"] = path
    data = {
        "formaat": "kennisbank-reflector",
        "versie": 2,
        "reflector": REFLECTOR,
        "respondent": "J7",
        "team": "Team Oost",
        "datum": "2026-11-28",
        "antwoorden": [{"eindterm": n, "tekst": "t", "huidig": 2, "gewenst": 4 + n % 2} for n in SCORED],
    }
    files["json"] = folder / f"reflector-{REFLECTOR}-j7-2026-11-28.json"
    files["json"].write_text(json.dumps(data), encoding="utf-8")
    files["foreign"] = folder / "reflector-bakens-x.json"
    files["foreign"].write_text(json.dumps({**data, "reflector": "bakens-welzijn-nieuwe-stijl"}), encoding="utf-8")
    reference, errors = load_reference(REPO)
    assert reference is not None, errors
    files["2015"] = write_export(reconstruct_2015(reference), folder / "nijmegen-2015.csv")
    return files


def _cli(files: list[Path]) -> dict[str, Any]:
    result = run_cli(REPO, "analyse", "--reflector", REFLECTOR, "--json", *map(str, files))
    assert result.out, result.err
    return json.loads(result.out)


@pytest.fixture
def team_page(site_in_browser: tuple[Any, str]) -> Iterator[tuple[Any, list[str]]]:
    browser, base = site_in_browser
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(f"{request.method} {request.url}"))
    page.goto(base + PAGE)
    page.wait_for_load_state("networkidle")
    yield page, requests
    context.close()


def _drop(page: Any, files: list[Path]) -> None:
    page.set_input_files(".kb-team input[type=file]", [str(f) for f in files])
    page.wait_for_selector(".kb-team-result:not([hidden])")


def _table(page: Any, selector: str) -> list[list[str]]:
    return page.eval_on_selector(
        selector,
        "t => [...t.querySelectorAll('tbody tr')].map(r => [...r.children].map(c => c.textContent.trim()))",
    )


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{_nl(value)}%"


def test_the_page_and_the_cli_give_the_same_figures(team_page: tuple[Any, list[str]], exports: dict[str, Path]) -> None:
    page, requests = team_page
    loaded = len(requests)
    first = [exports["2015"], exports["r1"], exports["r2"], exports["r3"]]
    later = [exports["r4"], exports["r5"], exports["r6"], exports["json"], exports["r2"], exports["foreign"]]
    _drop(page, first)
    _drop(page, later)  # a second batch adds respondents
    expected = _cli(first + later)

    facts = page.eval_on_selector_all(
        "[data-fact]", "ds => Object.fromEntries(ds.map(d => [d.dataset.fact, d.textContent]))"
    )
    assert facts["respondenten"] == str(expected["respondenten"]) == "53"  # 46 + 6 + 1; r2 counted once
    page.check("input[name=alles-afdrukken]")
    for item in expected["eindtermen"]:
        number = item["eindterm"]
        rows = _table(page, f"#team-eindterm-{number} .kb-team-figures")
        assert rows[0][1:3] == [_pct(item["laag_huidig"]), _pct(item["basis_2015"]["laag_huidig"])], number
        assert rows[1][1:3] == [_pct(item["hoog_gewenst"]), _pct(item["basis_2015"]["hoog_gewenst"])], number
        assert rows[2][1:4] == [
            _nl(item["leerruimte"], True),
            _nl(item["basis_2015"]["leerruimte"], True),
            _nl(item["verschil_2015"]["leerruimte"], True),
        ], number
        assert rows[3][1] == f"{item['n_huidig']} / {item['n_gewenst']}", number
        distribution = _table(page, f"#team-eindterm-{number} .kb-team-distribution")
        assert distribution[0][1:6] == [_nl(v) for v in item["huidig"]], number
        assert distribution[1][1:6] == [_nl(v) for v in item["gewenst"]], number
    for kind, key in (("concept", "concepten"), ("dimensie", "dimensies")):
        rows = _table(page, f".kb-team-groups[data-kind={kind}]")
        assert len(rows) == len(expected[key])
        for row, group in zip(rows, expected[key], strict=True):
            assert row == [
                f"{group['titel']}eindtermen {number_ranges(group['eindtermen'])}",
                f"{_pct(group['laag_huidig'])}2015: {_pct(group['basis_2015']['laag_huidig'])}",
                f"{_pct(group['hoog_gewenst'])}2015: {_pct(group['basis_2015']['hoog_gewenst'])}",
                f"{_nl(group['leerruimte'], True)}2015: {_nl(group['basis_2015']['leerruimte'], True)}",
            ]
    shown_first = page.eval_on_selector_all(
        ".kb-team-first .kb-team-card", "cs => cs.map(c => Number(c.dataset.eindterm))"
    )
    assert shown_first == expected["bespreek_eerst"]
    assert requests[loaded:] == []  # reading, computing and showing sent nothing, not even to this host


def test_each_file_s_problem_is_shown_and_the_rest_still_counts(
    team_page: tuple[Any, list[str]], exports: dict[str, Path]
) -> None:
    page, _ = team_page
    _drop(page, [exports["r1"], exports["r1"], exports["foreign"]])
    files = page.locator(".kb-team-files").inner_text()
    name = exports["r1"].name
    assert f"respondent 'R1' staat ook in {name}; één keer geteld" in files
    assert "dit bestand hoort bij reflector 'bakens-welzijn-nieuwe-stijl', niet bij 'digitale-reflector'" in files
    assert page.locator("[data-fact=respondenten]").inner_text() == "1"


def test_bad_values_and_unreadable_files_say_where(team_page: tuple[Any, list[str]], tmp_path: Path) -> None:
    page, _ = team_page
    good = tmp_path / "goed.csv"
    good.write_text("respondent,eindterm,huidig,gewenst\nA,8,2,4\nA,9,7,4\n", encoding="utf-8")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("respondent,eindterm,huidig,gewenst\nJosé,8,2,4\n".encode("latin-1"))
    _drop(page, [good, latin])
    files = page.locator(".kb-team-files").inner_text()
    assert "goed.csv:3:3: waarde '7' voor huidig ligt buiten 1-5" in files
    assert "latin.csv:2:4: bestand is geen UTF-8" in files
    assert page.locator("[data-fact=respondenten]").inner_text() == "1"
    rows = _table(page, "#team-eindterm-8 .kb-team-figures")
    assert rows[2][1] == "+2,0"


# What the page keeps in the browser, leaving out Material's theme setting ("/.__palette": light, dark
# or the system's), which the theme writes on every page and which holds nothing of a team.
STORED = "() => Object.keys(localStorage).filter(key => !key.endsWith('__palette')).length"


def test_wissen_forgets_and_can_be_undone_and_nothing_is_stored_unless_asked(
    team_page: tuple[Any, list[str]], exports: dict[str, Path]
) -> None:
    page, _ = team_page
    _drop(page, [exports["r1"]])
    assert page.evaluate(STORED) == 0
    page.click("button[data-action=wissen]")
    assert page.locator(".kb-team-result").is_hidden()
    page.click("button[data-action=undo]")
    assert page.locator("[data-fact=respondenten]").inner_text() == "1"
    page.check("input[name=bewaren]")
    page.reload()
    page.wait_for_selector(".kb-team-result:not([hidden])")
    assert page.locator("[data-fact=respondenten]").inner_text() == "1"
    page.click("button[data-action=wissen]")
    assert page.evaluate(STORED) == 0


def test_the_file_dialog_is_reachable_by_keyboard(team_page: tuple[Any, list[str]], exports: dict[str, Path]) -> None:
    page, _ = team_page
    choosers: list[Any] = []
    # Playwright takes over the dialog only for a page that was listening when it loaded.
    page.on("filechooser", lambda chooser: choosers.append(chooser))
    page.reload()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type") == "file":
            break
    else:
        pytest.fail("the file input never took the focus")
    page.keyboard.press("Space")
    page.wait_for_timeout(500)
    assert len(choosers) == 1 and choosers[0].is_multiple()
    choosers[0].set_files([str(exports["r1"]), str(exports["r2"])])
    page.wait_for_selector(".kb-team-result:not([hidden])")
    assert page.locator("[data-fact=respondenten]").inner_text() == "2"


def test_a_phone_sees_the_picture_without_scrolling_sideways(
    site_in_browser: tuple[Any, str], exports: dict[str, Path]
) -> None:
    browser, base = site_in_browser
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(base + PAGE)
    _drop(page, [exports["r1"], exports["r2"], exports["json"]])
    page.check("input[name=alles-afdrukken]")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    context.close()


def test_printing_gives_the_team_picture_without_the_site(
    team_page: tuple[Any, list[str]], exports: dict[str, Path], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    page, _ = team_page
    _drop(page, [exports["r1"], exports["r2"], exports["r3"]])
    page.fill("input[name=teamnaam]", "Wijkteam Lindenholt")
    page.emulate_media(media="print")
    pdf = tmp_path / "team.pdf"
    page.pdf(path=str(pdf), format="A4")
    reader = PdfReader(pdf)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Teamreflectie Digitale reflector — Wijkteam Lindenholt" in text
    assert "21-11-2026 t/m 23-11-2026" in text
    assert "Bespreek eerst" in text and "Per dimensie" in text
    assert "Sleep de exportbestanden" not in text and "Kennisbank sociale wijkteams" not in text
    assert len(reader.pages) <= 6


def test_repeated_cards_keep_ids_unique_and_all_cards_read_in_sentence_case(
    team_page: tuple[Any, list[str]], exports: dict[str, Path]
) -> None:
    page, _ = team_page
    _drop(page, [exports["r1"], exports["r2"], exports["r3"]])
    first = page.eval_on_selector_all(".kb-team-first .kb-team-card", "cs => cs.map(c => c.id)")
    assert first and all(card.startswith("team-eerst-") for card in first)
    twice = page.evaluate(
        "() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
        " return ids.filter((id, i) => ids.indexOf(id) !== i) }"
    )
    assert twice == []
    assert page.locator("#team-eindterm-8").count() == 1
    # "Alle eindtermen" cards are h5, which Material sets in capitals: long sentences are hard to read so.
    cases = page.eval_on_selector_all(
        ".kb-team-card-title", "hs => [...new Set(hs.map(h => getComputedStyle(h).textTransform))]"
    )
    assert cases == ["none"]


def test_the_team_picture_has_no_serious_accessibility_violations(
    team_page: tuple[Any, list[str]], exports: dict[str, Path]
) -> None:
    from tests.test_accessibility import _violations

    page, _ = team_page
    _drop(page, [exports["r1"], exports["r2"], exports["foreign"]])
    page.check("input[name=alles-afdrukken]")
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}"
        for v in _violations(page)
        if v["impact"] in ("serious", "critical")
    ]
    assert not found, "\n".join(found)


def test_the_page_data_cannot_close_its_script_or_open_a_comment() -> None:
    from generator.team import data_script

    script = data_script({"tekst": "a </script><!-- b"})
    body = script.removeprefix('<script type="application/json" class="kb-team-data">').removesuffix("</script>")
    assert "<" not in body
    assert json.loads(body) == {"tekst": "a </script><!-- b"}
