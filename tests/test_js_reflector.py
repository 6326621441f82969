"""The online reflector's JavaScript functions (assets/javascripts/reflector.js), called in Chromium on the
real built reflector page through window.Kennisbank.reflector: files in and out, scores, the result and
its Dutch texts. What the form does with them is in test_online.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

PAGE = "reflectoren/coachen-van-leerprocessen/"
REFLECTOR = "coachen-van-leerprocessen"
HEADER = "respondent;reflector;team;datum;eindterm;tekst;huidig;gewenst;antwoord"
# A form's items as reflector.js reads them from the page (itemsOf), without the elements.
ITEMS = [
    {"key": "43", "kind": "scale", "tekst": "Coachen", "groep": "Coachen"},
    {"key": "44", "kind": "scale", "tekst": "Begeleiden", "groep": "Coachen"},
    {"key": "50", "kind": "scale", "tekst": "Leren", "groep": "Zonder dimensie"},
    {"key": "actie", "kind": "open", "tekst": "Wat ga ik doen, en wanneer?", "groep": None},
]


@pytest.fixture(scope="module")
def page(site_in_browser: tuple[Any, str]) -> Iterator[Any]:
    browser, base = site_in_browser
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + PAGE)
    page.wait_for_function("() => window.Kennisbank && window.Kennisbank.reflector")
    yield page
    context.close()


def _call(page: Any, body: str, arg: Any = None) -> Any:
    """Evaluate `body` (an expression) with r = window.Kennisbank.reflector and items = ITEMS."""
    return page.evaluate(
        "([arg, items]) => { const r = window.Kennisbank.reflector; return (" + body + ") }", [arg, ITEMS]
    )


def test_the_page_reads_its_items_as_the_functions_take_them(page: Any) -> None:
    first = page.evaluate(
        "() => { const i = document.querySelector('.kb-online-item'), o = document.querySelector('.kb-online-open');"
        " return [i.dataset.eindterm, i.dataset.tekst.length > 0, i.dataset.groep.length > 0, o.dataset.eindterm] }"
    )
    assert first[0].isdigit() and first[1] and first[2] and first[3] in {"leerruimte", "actie"}


def test_a_dutch_excel_csv_with_bom_semicolons_and_crlf_is_read(page: Any) -> None:
    # Excel in Dutch: a BOM, ";" between cells, CRLF, a header in other case with spaces, quoted cells with
    # ";", '"' and a line break inside, an empty line at the end.
    text = (
        "\ufeffRespondent ; Reflector;Team;Datum;Eindterm;Tekst;Huidig;Gewenst;Antwoord\r\n"
        f'Sanne;{REFLECTOR};"SWT; Zuid";2026-11-28;43;"Coachen ""goed""";2;4;\r\n'
        f'Sanne;{REFLECTOR};"SWT; Zuid";2026-11-28;actie;Wat;;;"Eerst dit;\r\ndan dat"\r\n'
        ";;;;;;;;\r\n\r\n"
    )
    parsed = _call(page, "r.parseExport(arg)", text)
    assert parsed == {
        "reflector": REFLECTOR,
        "respondents": ["Sanne"],
        "respondent": "Sanne",
        "team": "SWT; Zuid",
        "datum": "2026-11-28",
        "antwoorden": [
            {"eindterm": "43", "huidig": "2", "gewenst": "4", "antwoord": None},
            {"eindterm": "actie", "huidig": None, "gewenst": None, "antwoord": "Eerst dit;\r\ndan dat"},
        ],
    }
    assert _call(page, "r.separatorOf(arg)", text.lstrip("\ufeff")) == ";"
    rows = _call(page, "r.parseCsv(arg, ';')", 'a;"b\r\nc";d\r\n\r\n"e""f";;\n')
    assert rows == [["a", "b\r\nc", "d"], ['e"f', "", ""]]


def test_an_empty_respondent_code_is_no_respondent_and_files_are_named_anoniem(page: Any) -> None:
    csv = f"{HEADER}\r\n;{REFLECTOR};;2026-12-01;43;x;3;5;\r\n"
    parsed = _call(page, "r.parseExport(arg)", csv)
    assert parsed["respondents"] == [] and parsed["respondent"] == ""
    json_text = '{"formaat": "kennisbank-reflector", "versie": 2, "respondent": "  ", "antwoorden": []}'
    assert _call(page, "r.parseExport(arg).respondents", json_text) == []
    assert _call(page, "r.fileName('digitale-reflector', '', '2026-12-01', 'csv')") == (
        "reflector-digitale-reflector-anoniem-2026-12-01.csv"
    )
    assert _call(page, "[r.slug('Jan de Vries (SWT Oost)'), r.slug('x'.repeat(50) + '-y')]") == [
        "jan-de-vries-swt-oost",
        "x" * 40,
    ]
    code = _call(page, "r.anonymousCode()")
    assert len(code) == 12 and code.startswith("anoniem-") and code[8:].isalnum()


def test_a_file_that_is_no_export_says_why_in_dutch(page: Any) -> None:
    errors = _call(
        page,
        "arg.map(t => { try { r.parseExport(t); return null } catch (e) { return e.message } })",
        [
            "",
            "\ufeff  \r\n",
            "{nee",
            '{"formaat": "iets-anders", "antwoorden": []}',
            '{"formaat": "kennisbank-reflector"}',
            "a;b\r\n1;2\r\n",
        ],
    )
    assert errors == [
        "het bestand is leeg",
        "het bestand is leeg",
        "dit is geen geldige JSON",
        "dit is geen reflectorexport (formaat 'iets-anders')",
        "de lijst 'antwoorden' ontbreekt",
        "de kolom 'eindterm' ontbreekt in de kop",
    ]


def test_scores_out_of_range_are_skipped_and_counted(page: Any) -> None:
    assert _call(page, "[1, '5', ' 3 ', 0, 6, '2.5', '2,5', 'abc', '', null, undefined].map(r.score)") == [
        1,
        5,
        3,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ]
    parsed = {
        "respondent": "S",
        "team": "",
        "datum": "",
        "antwoorden": [
            {"eindterm": "43", "huidig": "7", "gewenst": "4", "antwoord": None},  # huidig out of range
            {"eindterm": "44", "huidig": "0", "gewenst": "x", "antwoord": None},  # both: nothing kept
            {"eindterm": "50", "huidig": None, "gewenst": "5", "antwoord": None},  # one side is an answer
            {"eindterm": "99", "huidig": "3", "gewenst": "3", "antwoord": None},  # not on this form
            {"eindterm": "", "huidig": None, "gewenst": None, "antwoord": None},  # a blank row
            {"eindterm": "actie", "huidig": None, "gewenst": None, "antwoord": "  "},  # blank open answer
        ],
    }
    result = _call(page, "r.stateOf(arg, items)", parsed)
    assert result["state"]["antwoorden"] == {"43": {"gewenst": 4}, "50": {"gewenst": 5}}
    assert result["state"]["open"] == {}
    assert (result["scale"], result["open"], result["skipped"], result["invalid"]) == (2, 0, 1, 2)


def test_the_result_puts_the_largest_leerruimte_first_with_group_means(page: Any) -> None:
    state = {
        "respondent": "S",
        "team": "",
        "datum": "",
        "antwoorden": {"43": {"huidig": 2, "gewenst": 3}, "44": {"huidig": 1, "gewenst": 5}, "50": {"huidig": 4}},
        "open": {},
    }
    result = _call(page, "r.resultOf(arg, items)", state)
    assert result["rows"] == [
        {"key": "44", "huidig": 1, "gewenst": 5, "gap": 4},
        {"key": "43", "huidig": 2, "gewenst": 3, "gap": 1},
    ]  # 50 has one score only: not in the result
    assert result["groups"] == [{"name": "Coachen", "count": 2, "tenths": 25}]
    ties = _call(
        page,
        "r.resultOf({antwoorden: {'50': {huidig: 1, gewenst: 2}, '43': {huidig: 3, gewenst: 4}}, open: {}}, items).rows"
        ".map(row => row.key)",
    )
    assert ties == ["43", "50"]  # the same leerruimte: by number
    assert _call(page, "r.resultOf({antwoorden: {}, open: {}}, items)") == {"rows": [], "groups": []}


def test_numbers_are_written_in_dutch_with_a_real_minus(page: Any) -> None:
    texts = _call(
        page,
        "[r.formatTenths(-3), r.formatTenths(25), r.formatTenths(0), r.formatTenths(-40), r.formatWhole(-2),"
        " r.formatWhole(0), r.formatWhole(3), r.meanTenths(-1, 4), r.meanTenths(1, 4), r.meanTenths(2, 3),"
        " r.meanTenths(-5, 2), r.tenthsOf('-0.3'), r.tenthsOf('12.5'), r.tenthsOf(''), r.tenthsOf(null)]",
    )
    assert texts == ["−0,3", "2,5", "0,0", "−4,0", "−2", "0", "3", -3, 3, 7, -25, -3, 125, None, None]
    assert _call(
        page, "[r.dutchDate('2026-11-28'), r.dutchDate('2026-01-05'), r.dutchDate('morgen'), r.dutchDate('')]"
    ) == [
        "28 november 2026",
        "5 januari 2026",
        "morgen",
        "",
    ]


def test_a_bar_grows_from_the_middle_and_stops_at_the_track_ends(page: Any) -> None:
    bars = _call(page, "[0, 10, -10, 40, -55, 80].map(r.barOf)")
    assert bars == [
        {"left": 50, "width": 0},
        {"left": 50, "width": 12.5},
        {"left": 37.5, "width": 12.5},
        {"left": 50, "width": 50},
        {"left": 0, "width": 50},
        {"left": 50, "width": 50},
    ]


def test_the_texts_say_what_was_filled_in_and_who(page: Any) -> None:
    state = {"respondent": "Sanne", "team": "", "datum": "2026-11-28", "antwoorden": {"43": {}}, "open": {"actie": "x"}}
    assert _call(page, "[r.countText(arg, true), r.countText(arg, false), r.whoLine(arg)]", state) == [
        "1 eindtermen en 1 open antwoorden",
        "1 eindtermen",
        "Naam of code: Sanne · Datum: 28 november 2026",
    ]
    assert _call(page, "r.whoLine({respondent: '', team: '', datum: ''})") == ""


def test_an_export_record_follows_the_forms_order_and_reads_back(page: Any) -> None:
    state = {
        "respondent": "A;B",
        "team": "Oost",
        "datum": "2026-12-01",
        "antwoorden": {"50": {"huidig": 3, "gewenst": 4}, "43": {"gewenst": 2}},
        "open": {"actie": 'een\nt"wee'},
    }
    record = _call(page, f"r.recordOf('{REFLECTOR}', arg, items)", state)
    assert record["antwoorden"] == [
        {"eindterm": 43, "tekst": "Coachen", "huidig": None, "gewenst": 2},
        {"eindterm": 50, "tekst": "Leren", "huidig": 3, "gewenst": 4},
        {"eindterm": "actie", "tekst": "Wat ga ik doen, en wanneer?", "antwoord": 'een\nt"wee'},
    ]
    csv = _call(page, "r.serialiseCsv(arg)", record)
    assert csv.startswith("\ufeff" + HEADER + "\r\n") and csv.endswith("\r\n")
    assert csv.split("\r\n")[1] == f'"A;B";{REFLECTOR};Oost;2026-12-01;43;Coachen;;2;'
    back = _call(page, "r.stateOf(r.parseExport(arg), items)", csv)
    assert back["state"]["antwoorden"] == state["antwoorden"] and back["state"]["open"] == state["open"]
    back = _call(page, "r.stateOf(r.parseExport(r.serialiseJson(arg)), items)", record)
    assert back["state"]["antwoorden"] == state["antwoorden"] and back["state"]["respondent"] == "A;B"


def test_an_import_is_refused_or_accepted_with_a_dutch_message(page: Any) -> None:
    own = f"{HEADER}\r\nS;{REFLECTOR};;;43;x;2;9;\r\nS;{REFLECTOR};;;77;y;1;1;\r\n"
    other = f"{HEADER}\r\nS;digitale-reflector;;;43;x;2;4;\r\n"
    team = f"{HEADER}\r\n" + "".join(f"{name};{REFLECTOR};;;43;x;2;4;\r\n" for name in "ABCD")
    nothing = f"{HEADER}\r\nS;{REFLECTOR};;;77;y;1;1;\r\n"
    outcomes = _call(
        page,
        f"arg.map(([text, name]) => r.importOf(text, name, '{REFLECTOR}', 'Coachen van leerprocessen', items))",
        [[own, "eigen.csv"], [other, "ander.csv"], [team, "team.csv"], [nothing, "leeg.csv"], ["{", "kapot.json"]],
    )
    unchanged = " Je antwoorden zijn niet veranderd."
    assert outcomes[0]["message"] == (
        "Geïmporteerd uit eigen.csv: 1 eindtermen en 0 open antwoorden; de antwoorden die er stonden zijn vervangen."
        " 1 regels overgeslagen (eindterm hoort niet bij deze reflector)."
        " 1 scores overgeslagen (geen heel getal van 1 tot en met 5)."
    )
    assert outcomes[0]["result"]["state"]["antwoorden"] == {"43": {"huidig": 2}}
    assert outcomes[1] == {
        "message": "Niet geïmporteerd: ander.csv hoort bij reflector 'digitale-reflector', niet bij"
        f" '{REFLECTOR}' (Coachen van leerprocessen). Importeer het op de pagina van die reflector." + unchanged
    }
    assert outcomes[2]["message"].startswith(
        "Niet geïmporteerd: team.csv bevat de antwoorden van 4 respondenten (A, B, C, …)."
    )
    assert outcomes[3]["message"] == (
        "Niet geïmporteerd uit leeg.csv: er staan geen antwoorden voor deze reflector in."
        " 1 regels overgeslagen (eindterm hoort niet bij deze reflector)." + unchanged
    )
    assert outcomes[4]["message"] == "Niet geïmporteerd uit kapot.json: dit is geen geldige JSON." + unchanged
    assert all("result" not in outcome for outcome in outcomes[1:])
