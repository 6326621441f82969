"""`kennisbank analyse`: a team's reflector export against 2015, as a team leader sees it.

Every test runs the real code on files in tmp_path with the repository's own content as the root:
the exact error lines and exit codes, the JSON, the HTML report, and the 2015 figures reproduced
from Bijlage 7 (the figures the report's §4.3 cites).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from generator.analyse import Reference, load_reference, main_analyse, reconstruct_2015, write_export
from generator.analyse import command as analyse_command
from generator.analyse import compute as analyse_compute
from generator.cli import main as cli_main
from generator.site import check
from tests.conftest import REPO, Run, copy_root
from tests.report_figures import CITED, CITED_LOW_ONLY

HEADER = "respondent,eindterm,huidig,gewenst\n"

# Desired side filled in by one respondent fewer than N (notes in resultaten-2015.yml).
DESIRED_N_MINUS_1 = {21, 26, 33, 42}


def run(files: list[Path], *, as_json: bool = False, report: Path | None = None, root: Path = REPO) -> Run:
    """Call the command's entry point as the CLI will, capturing what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main_analyse(root, files, as_json, report)
    return Run(code, out.getvalue(), err.getvalue())


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


@pytest.fixture(scope="module")
def reference() -> Reference:
    found, errors = load_reference(REPO)
    assert found is not None, errors
    return found


@pytest.fixture
def loaded_once(reference: Reference, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reuse this module's real reference of REPO instead of checking the content again (0.5 s a call)."""
    real = analyse_command.load_reference
    monkeypatch.setattr(analyse_command, "load_reference", lambda root: (reference, []) if root == REPO else real(root))


@pytest.fixture(scope="module")
def baseline_json(reference: Reference, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Bijlage 7 turned back into a CSV export, fed through `analyse --json`."""
    export = write_export(reconstruct_2015(reference), tmp_path_factory.mktemp("2015") / "nijmegen-2015.csv")
    result = run([export], as_json=True)
    assert result.code == 0, result.out + result.err
    return json.loads(result.out)


def by_item(data: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {item["eindterm"]: item for item in data["eindtermen"]}


# --- reproducing the report ------------------------------------------------------------------------


@pytest.mark.parametrize(("eindterm", "low", "high"), CITED)
def test_the_report_s_cited_figures_are_reproduced(
    baseline_json: dict[str, Any], eindterm: int, low: float, high: float
) -> None:
    item = by_item(baseline_json)[eindterm]
    assert (item["laag_huidig"], item["hoog_gewenst"]) == (low, high)


@pytest.mark.parametrize(("eindterm", "low"), CITED_LOW_ONLY)
def test_the_report_s_cited_low_figures_are_reproduced(
    baseline_json: dict[str, Any], eindterm: int, low: float
) -> None:
    assert by_item(baseline_json)[eindterm]["laag_huidig"] == low


def test_every_2015_chart_is_reproduced(baseline_json: dict[str, Any], reference: Reference) -> None:
    items = by_item(baseline_json)
    assert sorted(items) == sorted(reference.baseline)
    for number, result in reference.baseline.items():
        item = items[number]
        n = result.n or result.n_afgeleid
        assert item["n_huidig"] == n, number
        assert item["n_gewenst"] == (n - 1 if number in DESIRED_N_MINUS_1 else n), number
        for side in ("huidig", "gewenst"):
            shown = [v for v in getattr(result, side) if v is not None]
            assert item[side][: len(shown)] == shown, (number, side)
        assert item["verschil_2015"]["laag_huidig"] == 0.0, number
        expected_high = None if number == 13 else 0.0  # 13: the chart shows no 'in zeer hoge mate'
        assert item["verschil_2015"]["hoog_gewenst"] == expected_high, number
    assert baseline_json["respondenten"] == 46  # "46 van de 120 aangeschreven wijkteamleden"
    assert items[58]["n"] == 45  # n_afgeleid


def test_figure_21_eindterm_50_is_reproduced(baseline_json: dict[str, Any]) -> None:
    item = by_item(baseline_json)[50]
    assert item["n"] == 44
    assert item["huidig"] == [2.3, 34.1, 38.6, 22.7, 2.3]
    assert item["gewenst"] == [2.3, 2.3, 29.5, 50.0, 15.9]
    assert item["driepuntschaal"] == {"huidig": [36.4, 38.6, 25.0], "gewenst": [4.6, 29.5, 65.9]}


def test_the_rule_of_thumb_picks_the_eindtermen_the_report_discusses(baseline_json: dict[str, Any]) -> None:
    low = {
        concept: {item["eindterm"] for item in baseline_json["eindtermen"] if item["concept"] == concept}
        & {item["eindterm"] for item in baseline_json["eindtermen"] if "laag gewaardeerd" in item["signalen"]}
        for concept in ("welzijn-nieuwe-stijl", "transitie-en-transformatiecompetenties", "actie-leren")
    }
    # §4.3.2 discusses 21 and 38; §4.3.3 "de bovenste drie eindtermen (41, 39 en 37)"; §4.3.4 "(50, 51 en 58)".
    assert low == {
        "welzijn-nieuwe-stijl": {21, 38},
        "transitie-en-transformatiecompetenties": {37, 39, 41},
        "actie-leren": {50, 51, 58},
    }
    # Figuur 20 lists the actie-leren items at 4% or more, lowest first.
    figure_20 = sorted(
        (item["laag_huidig"], item["eindterm"])
        for item in baseline_json["eindtermen"]
        if item["concept"] == "actie-leren" and item["laag_huidig"] >= 4
    )
    assert [low for low, _ in figure_20] == [8.7, 13.3, 17.4, 17.4, 31.1, 36.3, 36.4]
    assert [number for _, number in figure_20] == [43, 52, 47, 48, 58, 51, 50]


def test_groups_follow_the_concepts_and_dimensions(baseline_json: dict[str, Any]) -> None:
    concepts = [(g["concept"], g["titel"]) for g in baseline_json["concepten"]]
    assert concepts == [
        ("welzijn-nieuwe-stijl", "Welzijn Nieuwe Stijl"),
        ("transitie-en-transformatiecompetenties", "Transitie en transformatie competenties"),
        ("actie-leren", "Actie-leren in SWT’s"),
        (None, "zonder concept"),
    ]
    dimensions = {g["dimensie"]: g for g in baseline_json["dimensies"]}
    assert dimensions["experimenteren"]["eindtermen"] == [36, 39, 41]
    assert dimensions[None]["titel"] == "zonder dimensie"
    assert dimensions[None]["eindtermen"] == [35, 40, 46, 49, 53, 54, 55, 56, 57]
    assert "transitiemanagement" not in dimensions  # no eindtermen
    # Pooled over all answers: 36, 39 and 41 have 2+10, 6+15 and 4+18 low answers of 45, 44 and 46.
    experimenteren = dimensions["experimenteren"]
    assert experimenteren["n_huidig"] == 135
    assert experimenteren["driepuntschaal"]["huidig"][0] == experimenteren["laag_huidig"] == 40.8
    assert experimenteren["signalen"] == ["laag gewaardeerd", "weinig leerruimte"]
    # Eindterm 13 has no 2015 bar for 'in zeer hoge mate': no 2015 comparison of high for its groups.
    assert dimensions["baken-2"]["verschil_2015"] == {"laag_huidig": 0.0, "hoog_gewenst": None, "leerruimte": 0.0}


# --- a small hand-made export ----------------------------------------------------------------------

TINY = (
    "eindterm,team,respondent,gewenst,huidig,datum\n"
    "21,Wijkteam Oost,r1,4,1,2026-03-02\n"
    "21,Wijkteam Oost,r2,5,2,2026-03-02\n"
    "21,Wijkteam Oost,r3,,3,2026-03-03\n"
    "21,Wijkteam Oost,r4,4,4,2026-03-03\n"
    "35,Wijkteam Oost,r1,3,3,2026-03-02\n"
    "35,Wijkteam Oost,r2,2,,2026-03-02\n"
)


def test_json_round_trip_on_a_tiny_export(tmp_path: Path) -> None:
    result = run([write(tmp_path, "oost.csv", TINY)], as_json=True)
    assert (result.code, result.err) == (0, "")
    data = json.loads(result.out)
    item_21, item_35 = data["eindtermen"]
    assert item_21 == {
        "eindterm": 21,
        "concept": "welzijn-nieuwe-stijl",
        "dimensie": "baken-7",
        "n": 4,
        "n_huidig": 4,
        "n_gewenst": 3,
        "huidig": [25.0, 25.0, 25.0, 25.0, 0.0],
        "gewenst": [0.0, 0.0, 0.0, 66.7, 33.3],
        "driepuntschaal": {"huidig": [50.0, 25.0, 25.0], "gewenst": [0.0, 0.0, 100.0]},
        "laag_huidig": 50.0,
        "hoog_gewenst": 100.0,
        "signalen": ["laag gewaardeerd"],
        "leerruimte": 2.0,  # (3 + 3 + 0) / 3: r3 answered only huidig
        "n_leerruimte": 3,
        "basis_2015": {"laag_huidig": 43.5, "hoog_gewenst": 73.3, "leerruimte": 1.4},
        "verschil_2015": {"laag_huidig": 6.5, "hoog_gewenst": 26.7, "leerruimte": 0.6},
    }
    assert item_35["eindterm"] == 35
    assert (item_35["n"], item_35["n_huidig"], item_35["n_gewenst"]) == (2, 1, 2)
    assert item_35["signalen"] == ["weinig leerruimte"]
    assert item_35["leerruimte"] == 0.0
    assert item_35["verschil_2015"] == {"laag_huidig": -34.8, "hoog_gewenst": -67.3, "leerruimte": -0.7}
    assert [(g["dimensie"], g["titel"], g["eindtermen"]) for g in data["dimensies"]] == [
        ("baken-7", "Baken 7: Niet vrijblijvend, maar resultaatgericht", [21]),
        (None, "zonder dimensie", [35]),
    ]
    assert [(g["concept"], g["eindtermen"]) for g in data["concepten"]] == [
        ("welzijn-nieuwe-stijl", [21]),
        (None, [35]),
    ]
    assert data["concepten"][0]["verschil_2015"] == {"laag_huidig": 6.5, "hoog_gewenst": 26.7, "leerruimte": 0.6}
    assert (data["respondenten"], data["antwoorden"], data["teams"]) == (4, 6, ["Wijkteam Oost"])
    assert data["periode"] == {"van": "2026-03-02", "tot": "2026-03-03"}
    assert data["bestanden"] == [str(tmp_path / "oost.csv")]
    assert (data["reflector"], data["open_antwoorden"], data["problemen"]) == (None, [], [])
    assert data["bespreek_eerst"] == [21, 35]  # leerruimte 2,0 before 0,0


@pytest.mark.usefixtures("loaded_once")
def test_json_keys(tmp_path: Path) -> None:
    data = json.loads(run([write(tmp_path, "oost.csv", TINY)], as_json=True).out)
    figures = {
        "n",
        "n_huidig",
        "n_gewenst",
        "huidig",
        "gewenst",
        "driepuntschaal",
        "laag_huidig",
        "hoog_gewenst",
        "signalen",
        "leerruimte",
        "n_leerruimte",
        "basis_2015",
        "verschil_2015",
    }
    assert list(data) == [
        "eindtermen",
        "dimensies",
        "concepten",
        "respondenten",
        "antwoorden",
        "teams",
        "periode",
        "bestanden",
        "reflector",
        "open_antwoorden",
        "bespreek_eerst",
        "problemen",
    ]
    assert set(data["eindtermen"][0]) == {"eindterm", "concept", "dimensie"} | figures
    assert set(data["dimensies"][0]) == {"concept", "dimensie", "titel", "eindtermen", "respondenten"} | figures
    assert set(data["concepten"][0]) == {"concept", "titel", "eindtermen", "respondenten"} | figures
    assert set(data["eindtermen"][0]["verschil_2015"]) == {"laag_huidig", "hoog_gewenst", "leerruimte"}
    assert set(data["eindtermen"][0]["basis_2015"]) == {"laag_huidig", "hoog_gewenst", "leerruimte"}


@pytest.mark.usefixtures("loaded_once")
def test_dutch_excel_export_semicolons_bom_and_crlf(tmp_path: Path) -> None:
    excel = "\ufeff" + TINY.replace(",", ";").replace("\n", "\r\n")
    plain = json.loads(run([write(tmp_path, "oost.csv", TINY)], as_json=True).out)
    dutch = json.loads(run([write(tmp_path, "excel.csv", excel)], as_json=True).out)
    assert dutch["eindtermen"] == plain["eindtermen"]
    assert dutch["dimensies"] == plain["dimensies"]


@pytest.mark.usefixtures("loaded_once")
def test_several_files_are_one_team(tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", HEADER + "r1,21,1,4\n")
    second = write(tmp_path, "b.csv", HEADER + "r2,21,2,5\nr3,22,3,3\n")
    data = json.loads(run([first, second], as_json=True).out)
    assert data["respondenten"] == 3
    assert [(i["eindterm"], i["n"]) for i in data["eindtermen"]] == [(21, 2), (22, 1)]
    assert data["bestanden"] == [str(first), str(second)]
    assert data["periode"] is None  # no datum column


@pytest.mark.usefixtures("loaded_once")
def test_rounding_is_half_up_like_the_charts(tmp_path: Path) -> None:
    rows = [f"r{i:02d},21,{1 if i == 1 else 3},{2 if i <= 6 else 3}\n" for i in range(1, 17)]
    data = json.loads(run([write(tmp_path, "zestien.csv", HEADER + "".join(rows))], as_json=True).out)
    item = data["eindtermen"][0]
    assert item["huidig"] == [6.3, 0.0, 93.8, 0.0, 0.0]  # 1/16 = 6,25% and 15/16 = 93,75%
    assert item["gewenst"] == [0.0, 37.5, 62.5, 0.0, 0.0]
    assert item["leerruimte"] == -0.3  # (1 - 5) / 16 = -0,25
    assert item["signalen"] == ["weinig leerruimte"]


# --- validation: every problem at once, one exact line each, exit 1; the rest is still analysed -----

BAD_EXPORTS: dict[str, tuple[str | bytes, str]] = {
    "missing column": (
        "respondent,eindterm,huidig\nr1,21,3\n",
        "team.csv:1:1: verplichte kolom 'gewenst' ontbreekt (verwacht: respondent,eindterm,huidig,gewenst)",
    ),
    "misspelt column": (
        "respondent,eindterm,huidig,gewentst\nr1,21,3,4\n",
        "team.csv:1:4: verplichte kolom 'gewenst' ontbreekt; bedoelde je 'gewenst' in plaats van 'gewentst'?",
    ),
    "two columns missing": (
        "respondent;eindterm\nA;8\n",
        "team.csv:1:1: verplichte kolommen 'huidig' en 'gewenst' ontbreken "
        "(verwacht: respondent,eindterm,huidig,gewenst)",
    ),
    "three columns missing": (
        "naam,eindterm\nA,8\n",
        "team.csv:1:1: verplichte kolommen 'respondent', 'huidig' en 'gewenst' ontbreken "
        "(verwacht: respondent,eindterm,huidig,gewenst)",
    ),
    "column twice": (
        "respondent,eindterm,huidig,gewenst,huidig\nr1,21,3,4,3\n",
        "team.csv:1:5: kolom 'huidig' staat twee keer in de kop",
    ),
    "unknown eindterm": (
        HEADER + "r1,21,3,4\nr1,22,3,4\nr1,23,3,4\nr1,99,3,4\n",
        "team.csv:5:2: onbekende eindterm '99'",
    ),
    "eindterm not a number": (HEADER + "r1,SNS,3,4\n", "team.csv:2:2: onbekende eindterm 'SNS'"),
    "open question": (HEADER + "r1,24,3,4\n", "team.csv:2:2: eindterm '24' wordt niet gescoord (soort 'open')"),
    "background question": (
        HEADER + "r1,3,3,4\n",
        "team.csv:2:2: eindterm '3' wordt niet gescoord (soort 'achtergrond')",
    ),
    "eindterm missing": (HEADER + "r1,,3,4\n", "team.csv:2:2: eindterm ontbreekt"),
    "value above 5": (HEADER + "r1,21,6,4\n", "team.csv:2:3: waarde '6' voor huidig ligt buiten 1-5"),
    "value 0": (HEADER + "r1,21,3,0\n", "team.csv:2:4: waarde '0' voor gewenst ligt buiten 1-5"),
    "value not whole": (
        HEADER + "r1,21,3.5,4\n",
        "team.csv:2:3: waarde '3.5' voor huidig is geen heel getal van 1 tot en met 5",
    ),
    "value with a decimal comma (semicolons)": (
        "respondent;eindterm;huidig;gewenst\nr1;21;3;4,0\n",
        "team.csv:2:4: waarde '4,0' voor gewenst is geen heel getal van 1 tot en met 5",
    ),
    "value in words": (
        HEADER + "r1,21,hoog,4\n",
        "team.csv:2:3: waarde 'hoog' voor huidig is geen heel getal van 1 tot en met 5",
    ),
    "duplicate row": (
        HEADER + "r1,21,3,4\nr2,21,3,4\nr1,21,2,4\n",
        "team.csv:4:1: dubbele rij voor respondent 'r1' en eindterm 21 (ook op team.csv:2)",
    ),
    "header only": (HEADER, "team.csv:1:1: geen gegevens: het bestand heeft alleen een kop"),
    "no answers": (
        HEADER + "r1,21,,\nr2,21,,\n",
        "team.csv:1:1: geen antwoorden: in elke rij zijn huidig en gewenst leeg",
    ),
    "empty file": (b"", "team.csv:1:1: leeg bestand: de kop ontbreekt (verwacht: respondent,eindterm,huidig,gewenst)"),
    "only blank lines": (
        "\n \n",
        "team.csv:1:1: leeg bestand: de kop ontbreekt (verwacht: respondent,eindterm,huidig,gewenst)",
    ),
    "not utf-8": (
        b"respondent,eindterm,huidig,gewenst\nr\xe9,21,3,4\n",
        "team.csv:2:2: bestand is geen UTF-8 (byte 0xe9); sla het op als 'CSV UTF-8 (door komma's gescheiden)'",
    ),
    "spreadsheet instead of csv": (
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
        "team.csv:1:6: bestand bevat NUL-tekens; is dit wel een CSV-bestand?",
    ),
    "row too short": (HEADER + "r1,21,3\n", "team.csv:2:4: rij heeft 3 velden, de kop heeft er 4"),
    "row too long": (HEADER + "r1,21,3,4,5\n", "team.csv:2:5: rij heeft 5 velden, de kop heeft er 4"),
    "unterminated quote": (HEADER + 'r1,21,"3,4\n', "team.csv:2:4: rij heeft 3 velden, de kop heeft er 4"),
}

# The problem code of each bad export (tests/test_problems.py: a code never changes for its kind).
EXPORT_CODES = {
    "missing column": "KB507",
    "misspelt column": "KB507",
    "two columns missing": "KB507",
    "three columns missing": "KB507",
    "column twice": "KB506",
    "unknown eindterm": "KB509",
    "eindterm not a number": "KB509",
    "open question": "KB509",
    "background question": "KB509",
    "eindterm missing": "KB509",
    "value above 5": "KB510",
    "value 0": "KB510",
    "value not whole": "KB510",
    "value with a decimal comma (semicolons)": "KB510",
    "value in words": "KB510",
    "duplicate row": "KB511",
    "header only": "KB505",
    "no answers": "KB505",
    "empty file": "KB107",
    "only blank lines": "KB107",
    "not utf-8": "KB105",
    "spreadsheet instead of csv": "KB501",
    "row too short": "KB508",
    "row too long": "KB508",
    "unterminated quote": "KB508",
}


ANALYSED_ANYWAY = {"unknown eindterm", "duplicate row"}
"""Cases where other rows of the file still count: only the bad row is skipped."""
NOTHING_LEFT = "geen analyse gemaakt: geen enkel bestand gaf een antwoord"
SKIPPED = "wat overgeslagen is, telt niet mee in de analyse"


def problem_json(line: str, code: str, severity: str = "fout") -> dict[str, Any]:
    path, row, column, message = line.split(":", 3)
    message = message.strip().removeprefix("waarschuwing: ")
    return {"pad": path, "regel": int(row), "kolom": int(column), "code": code, "ernst": severity, "melding": message}


@pytest.mark.usefixtures("loaded_once")
@pytest.mark.parametrize("case", BAD_EXPORTS, ids=list(BAD_EXPORTS))
def test_each_validation_error_is_one_exact_line(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content, expected = BAD_EXPORTS[case]
    write(tmp_path, "team.csv", content)
    monkeypatch.chdir(tmp_path)
    analysed = case in ANALYSED_ANYWAY
    summary = f"1 fout(en), 0 waarschuwing(en); {SKIPPED if analysed else NOTHING_LEFT}"
    report = f"analyse-{dt.date.today().isoformat()}.html"

    result = run([Path("team.csv")])
    assert (result.code, result.lines, result.err) == (
        1,
        [expected, report] if analysed else [expected],
        summary + "\n",
    )
    assert (tmp_path / report).is_file() == analysed

    result = run([Path("team.csv")], as_json=True)  # stdout is the JSON alone: the lines go to stderr
    assert (result.code, result.err.splitlines()) == (1, [expected, summary])
    if analysed:
        assert json.loads(result.out)["problemen"] == [problem_json(expected, EXPORT_CODES[case])]
    else:
        assert result.out == ""


@pytest.mark.usefixtures("loaded_once")
def test_a_respondent_of_an_earlier_file_is_counted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.csv", HEADER + "r1,21,3,4\nr1,22,3,4\n")
    write(tmp_path, "b.csv", "eindterm,respondent,huidig,gewenst\n22,r2,3,4\n21,r1,2,5\n22,r1,1,1\n")
    monkeypatch.chdir(tmp_path)
    result = run([Path("a.csv"), Path("b.csv")], as_json=True)
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            "b.csv:3:2: respondent 'r1' staat ook in a.csv; één keer geteld",
            f"1 fout(en), 0 waarschuwing(en); {SKIPPED}",
        ],
    )
    data = json.loads(result.out)
    assert data["respondenten"] == 2
    assert [(i["eindterm"], i["n"], i["huidig"]) for i in data["eindtermen"]] == [
        (21, 1, [0.0, 0.0, 100.0, 0.0, 0.0]),  # r1's answer from a.csv only
        (22, 2, [0.0, 0.0, 100.0, 0.0, 0.0]),
    ]


@pytest.mark.usefixtures("loaded_once")
def test_missing_files_and_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "map").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run([Path("weg.csv"), Path("map")], as_json=True)
    assert (result.code, result.out, result.err.splitlines()) == (
        1,
        "",
        [
            "weg.csv:1:1: bestand bestaat niet",
            "map:1:1: dit is een map, geen CSV-bestand",
            f"2 fout(en), 0 waarschuwing(en); {NOTHING_LEFT}",
        ],
    )


def test_every_problem_is_reported_at_once_in_file_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "z.csv", HEADER + "r1,99,3,4\nr2,21,7,x\n,21,3,4\nr3,21\n")
    write(tmp_path, "a.csv", b"")
    monkeypatch.chdir(tmp_path)
    result = run([Path("z.csv"), Path("a.csv")])
    assert result.code == 1
    report = f"analyse-{dt.date.today().isoformat()}.html"
    assert result.lines == [
        "z.csv:2:2: onbekende eindterm '99'",
        "z.csv:3:3: waarde '7' voor huidig ligt buiten 1-5",
        "z.csv:3:4: waarde 'x' voor gewenst is geen heel getal van 1 tot en met 5",
        "z.csv:4:1: waarschuwing: respondent ontbreekt; geteld als 'zonder code (z.csv)'",
        "z.csv:5:3: rij heeft 2 velden, de kop heeft er 4",
        "a.csv:1:1: leeg bestand: de kop ontbreekt (verwacht: respondent,eindterm,huidig,gewenst)",
        report,
    ]
    assert result.err == f"5 fout(en), 1 waarschuwing(en); {SKIPPED}\n"
    # The one good row (without a respondent code) is still analysed.
    assert "Respondenten</dt><dd>1</dd>" in (tmp_path / report).read_text(encoding="utf-8")


@pytest.mark.usefixtures("loaded_once")
def test_blank_lines_and_empty_trailing_cells_are_not_problems(tmp_path: Path) -> None:
    export = write(
        tmp_path, "excel.csv", "respondent;eindterm;huidig;gewenst;\r\nr1;21;3;4;\r\n;;;;\r\n\r\nr2;21;2;;\r\n"
    )
    data = json.loads(run([export], as_json=True).out)
    assert [(i["eindterm"], i["n_huidig"], i["n_gewenst"]) for i in data["eindtermen"]] == [(21, 2, 1)]


@pytest.mark.usefixtures("loaded_once")
def test_other_columns_are_ignored_even_twice(tmp_path: Path) -> None:
    export = write(tmp_path, "t.csv", "opmerking,respondent,eindterm,huidig,gewenst,opmerking\nx,r1,21,3,4,y\n")
    result = run([export], as_json=True)
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out)["eindtermen"][0]["leerruimte"] == 1.0


def test_content_errors_stop_the_analysis(tmp_path: Path) -> None:
    root = copy_root(REPO, tmp_path / "kb")
    eindtermen = root / "content/eindtermen.yml"
    eindtermen.write_text(eindtermen.read_text(encoding="utf-8").replace("soort: schaal", "soort: scala", 1), "utf-8")
    result = run([write(tmp_path, "oost.csv", TINY)], as_json=True, root=root)
    assert result.code == 2
    assert result.out == ""
    assert "content/eindtermen.yml:" in result.err
    assert "kennisbank check" in result.err


def test_content_errors_in_a_lists_continuation_folder_stop_the_analysis(tmp_path: Path) -> None:
    """content/eindtermen/*.yml continues content/eindtermen.yml: its errors fail `check`, so they stop analyse too."""
    root = copy_root(REPO, tmp_path / "kb")
    (root / "content/eindtermen").mkdir(exist_ok=True)
    (root / "content/eindtermen/extra.yml").write_text(
        "- nummer: 99\n  tekst: Een extra eindterm.\n  soort: scala\n", encoding="utf-8"
    )
    _, problems = check(root)
    assert any(p.path == "content/eindtermen/extra.yml" and p.severity == "fout" for p in problems.items)
    result = run([write(tmp_path, "oost.csv", TINY)], as_json=True, root=root)
    assert result.code == 2
    assert result.out == ""
    assert "content/eindtermen/extra.yml:3:" in result.err


# --- the HTML report -------------------------------------------------------------------------------


def test_html_report_text(tmp_path: Path) -> None:
    report = tmp_path / "rapporten" / "oost.html"
    result = run([write(tmp_path, "oost.csv", TINY.replace("Wijkteam Oost", "Oost <&> Noord"))], report=report)
    assert (result.code, result.out, result.err) == (0, f"{report}\n", "")
    html = report.read_text(encoding="utf-8")
    assert '<html lang="nl">' in html
    assert "<title>Analyse digitale reflector: Oost &lt;&amp;&gt; Noord</title>" in html
    assert "<dt>Ingevuld</dt><dd>02-03-2026 t/m 03-03-2026</dd>" in html
    assert "Vertrouwelijk:" in html and "Het hoort\nniet in de kennisbank" in html
    for heading in ("Zo lees je dit rapport", "Per concept", "Per dimensie", "Per eindterm"):
        assert f">{heading}</h2>" in html
    assert "21. Ik maak gebruik van sociale netwerkstrategieën (SNS)." in html
    assert "Baken 7: Niet vrijblijvend, maar resultaatgericht" in html
    assert "zonder dimensie" in html and "zonder concept" in html
    # Numbers as text next to every bar, in Dutch notation, with 2015 and the difference.
    assert 'aria-label="Huidig: laag 50,0%, voldoende 25,0%, hoog 25,0%"' in html
    assert "Huidig: laag 50,0%, voldoende 25,0%, hoog 25,0% (n = 4)" in html
    assert "Gewenst: laag 0,0%, voldoende 0,0%, hoog 100,0% (n = 3)" in html
    assert "2015: 43,5%" in html and "2015: 73,3%" in html
    assert "+6,5\n/ +26,7" in html
    assert "−34,8\n/ −67,3" in html
    assert '<span class="signaal">laag gewaardeerd</span>' in html
    assert '<span class="signaal">weinig leerruimte</span>' in html
    assert "Boven de 30% is relevant voor lage waardes. Minder dan 70% is\nrelevant voor hoge waarden." in html
    assert "1 = in zeer geringe mate; 2 = in geringe mate" in html
    # Self-contained, no JavaScript, printable.
    for forbidden in ("<script", "http://", "https://", "src=", "<link", "@import", "url("):
        assert forbidden not in html, forbidden
    assert "@media print" in html


@pytest.mark.usefixtures("loaded_once")
def test_report_defaults_to_a_dated_file_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = write(tmp_path, "oost.csv", TINY)
    work = tmp_path / "werk"
    work.mkdir()
    monkeypatch.chdir(work)
    result = run([export])
    expected = f"analyse-{dt.date.today().isoformat()}.html"
    assert (result.code, result.out) == (0, f"{expected}\n")
    assert (work / expected).is_file()


def test_report_is_never_written_into_the_site(tmp_path: Path) -> None:
    export = write(tmp_path, "oost.csv", TINY)
    for folder in ("site", "build/docs"):
        target = REPO / folder / "analyse-test.html"
        result = run([export], report=target)
        assert result.code == 2, folder
        assert result.out == ""
        assert "mag niet in" in result.err
        assert not target.exists()


# --- the export format of the online form (CSV and JSON), several files, per-file problems ---------

NEW_HEADER = "respondent;reflector;team;datum;eindterm;tekst;huidig;gewenst;antwoord"
TEXT_21 = "Ik maak gebruik van sociale netwerkstrategieën (SNS)."
TEXT_24 = "Welke concrete actie onderneem je om op korte termijn nog beter te worden in Welzijn Nieuwe Stijl?"
# Six colleagues' scores on eindterm 21 and 22 (huidig, gewenst).
SIX = {
    "R1": ((1, 4), (3, 3)),
    "R2": ((2, 4), (3, 3)),
    "R3": ((2, 5), (3, 3)),
    "R4": ((3, 3), (3, 3)),
    "R5": ((4, 4), (3, 3)),
    "R6": ((5, 5), (3, 3)),
}
OPEN_TEXTS = {
    "R1": {"24": 'Vaker "SNS" inzetten; met de buurt', "actie": "Casus inbrengen in maart"},
    "R2": {"leerruimte": "Netwerken\nen loslaten"},
    "R3": {"24": "Een ecogram maken"},
}


def excel_export(code: str, day: int, reflector: str = "digitale-reflector") -> bytes:
    """One colleague's export as the online form writes it and Dutch Excel saves it: `;`, BOM, CRLF."""
    (h21, g21), (h22, g22) = SIX[code]
    datum = f"2026-11-{day:02d}"
    rows = [
        NEW_HEADER,
        f'{code};{reflector};Team Oost;{datum};21;"{TEXT_21}; extra";{h21};{g21};',
        f"{code};{reflector};Team Oost;{datum};22;tekst;{h22};{g22};",
    ]
    for key, text in OPEN_TEXTS.get(code, {}).items():
        quoted = text.replace('"', '""')
        rows.append(f'{code};{reflector};Team Oost;{datum};{key};vraag;;;"{quoted}"')
    return ("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8")


@pytest.fixture
def six(tmp_path: Path) -> list[Path]:
    return [
        write(tmp_path, f"reflector-digitale-reflector-{code.lower()}-2026-11-{20 + i}.csv", excel_export(code, 20 + i))
        for i, code in enumerate(SIX)
    ]


def cli(*args: str) -> Run:
    """`kennisbank ARGS` in-process, as the console script calls it."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


@pytest.mark.usefixtures("loaded_once")
def test_dutch_excel_exports_of_six_colleagues(six: list[Path]) -> None:
    result = run(six, as_json=True)
    assert (result.code, result.err) == (0, "")
    data = json.loads(result.out)
    item_21, item_22 = data["eindtermen"]
    assert item_21 == {
        "eindterm": 21,
        "concept": "welzijn-nieuwe-stijl",
        "dimensie": "baken-7",
        "n": 6,
        "n_huidig": 6,
        "n_gewenst": 6,
        "huidig": [16.7, 33.3, 16.7, 16.7, 16.7],
        "gewenst": [0.0, 0.0, 16.7, 50.0, 33.3],
        "driepuntschaal": {"huidig": [50.0, 16.7, 33.4], "gewenst": [0.0, 16.7, 83.3]},
        "laag_huidig": 50.0,
        "hoog_gewenst": 83.3,
        "signalen": ["laag gewaardeerd"],
        "leerruimte": 1.3,  # (3 + 2 + 3 + 0 + 0 + 0) / 6
        "n_leerruimte": 6,
        "basis_2015": {"laag_huidig": 43.5, "hoog_gewenst": 73.3, "leerruimte": 1.4},
        "verschil_2015": {"laag_huidig": 6.5, "hoog_gewenst": 10.0, "leerruimte": -0.1},
    }
    assert (item_22["leerruimte"], item_22["huidig"]) == (0.0, [0.0, 0.0, 100.0, 0.0, 0.0])
    assert (data["respondenten"], data["antwoorden"]) == (6, 12)
    assert (data["teams"], data["periode"]) == (["Team Oost"], {"van": "2026-11-20", "tot": "2026-11-25"})
    assert (data["reflector"], data["bespreek_eerst"], data["problemen"]) == ("digitale-reflector", [21, 22], [])


@pytest.mark.usefixtures("loaded_once")
def test_open_answers_are_listed_per_question_in_form_order_without_names(six: list[Path], tmp_path: Path) -> None:
    data = json.loads(run(six, as_json=True).out)
    assert data["open_antwoorden"] == [
        {"vraag": 24, "tekst": TEXT_24, "antwoorden": ['Vaker "SNS" inzetten; met de buurt', "Een ecogram maken"]},
        {
            "vraag": "leerruimte",
            "tekst": "Waar is mijn leerruimte het grootst?",
            "antwoorden": ["Netwerken\nen loslaten"],
        },
        {"vraag": "actie", "tekst": "Wat ga ik doen, en wanneer?", "antwoorden": ["Casus inbrengen in maart"]},
    ]
    report = tmp_path / "rapport.html"
    assert run(six, report=report).code == 0
    html = report.read_text(encoding="utf-8")
    section = html[html.index('<h2 id="open">') : html.index("</section>", html.index('<h2 id="open">'))]
    assert f"<h3>24. {TEXT_24}</h3>" in section
    assert "<li>Vaker &#34;SNS&#34; inzetten; met de buurt</li>" in section
    assert "<li>Netwerken\nen loslaten</li>" in section
    assert "<h3>Wat ga ik doen, en wanneer?</h3>" in section
    assert not any(code in section for code in SIX)  # no names next to the answers
    assert "<dd>12 (op 2 eindtermen), 4 open antwoorden</dd>" in html


@pytest.mark.usefixtures("loaded_once")
def test_an_open_answer_counts_a_respondent_and_an_answer_on_a_scale_item_is_ignored(tmp_path: Path) -> None:
    export = write(
        tmp_path,
        "open.csv",
        "respondent,eindterm,huidig,gewenst,antwoord\nA,21,2,4,genegeerd\nB,59,,,Meer overleg\nC,24,,,\n",
    )
    data = json.loads(run([export], as_json=True).out)
    assert (data["respondenten"], data["antwoorden"]) == (2, 1)  # C answered nothing
    assert [(q["vraag"], q["antwoorden"]) for q in data["open_antwoorden"]] == [(59, ["Meer overleg"])]


JSON_V2 = {
    "formaat": "kennisbank-reflector",
    "versie": 2,
    "reflector": "digitale-reflector",
    "respondent": "AB12",
    "team": "Team Oost",
    "datum": "2026-12-01",
    "antwoorden": [
        {"eindterm": 21, "tekst": TEXT_21, "huidig": 2, "gewenst": 4},
        {"eindterm": 22, "tekst": "…", "huidig": 3},
        {"eindterm": 24, "tekst": TEXT_24, "antwoord": "Netwerkkaart maken"},
        {"eindterm": "leerruimte", "tekst": "Waar is mijn leerruimte het grootst?", "antwoord": "SNS"},
    ],
}


@pytest.mark.usefixtures("loaded_once")
def test_a_json_export_of_version_2(tmp_path: Path) -> None:
    export = write(tmp_path, "reflector-digitale-reflector-ab12-2026-12-01.json", json.dumps(JSON_V2, indent=2))
    result = run([export], as_json=True)
    assert (result.code, result.err) == (0, "")
    data = json.loads(result.out)
    items = by_item(data)
    assert (items[21]["huidig"], items[21]["gewenst"], items[21]["leerruimte"]) == (
        [0.0, 100.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 100.0, 0.0],
        2.0,
    )
    assert (items[22]["n_huidig"], items[22]["n_gewenst"], items[22]["leerruimte"]) == (1, 0, None)
    assert (data["respondenten"], data["teams"], data["periode"]) == (
        1,
        ["Team Oost"],
        {"van": "2026-12-01", "tot": "2026-12-01"},
    )
    assert [(q["vraag"], q["antwoorden"]) for q in data["open_antwoorden"]] == [
        (24, ["Netwerkkaart maken"]),
        ("leerruimte", ["SNS"]),
    ]
    assert data["bespreek_eerst"] == [21]  # 22 has no pair


@pytest.mark.usefixtures("loaded_once")
def test_a_json_export_of_version_1(tmp_path: Path) -> None:
    old = {
        "reflector": "coachen-van-leerprocessen",
        "respondent": "Sanne",
        "team": "SWT Zuid",
        "datum": "2026-11-28",
        "antwoorden": [{"eindterm": 43, "huidig": 2, "gewenst": 5}, {"eindterm": 52, "huidig": 3, "gewenst": None}],
    }
    result = run([write(tmp_path, "sanne.json", json.dumps(old))], as_json=True)
    assert (result.code, result.err) == (0, "")
    data = json.loads(result.out)
    assert [(i["eindterm"], i["n_huidig"], i["n_gewenst"], i["leerruimte"]) for i in data["eindtermen"]] == [
        (43, 1, 1, 3.0),
        (52, 1, 0, None),
    ]
    assert (data["reflector"], data["respondenten"], data["teams"]) == ("coachen-van-leerprocessen", 1, ["SWT Zuid"])


BAD_JSON: dict[str, tuple[str, str]] = {
    "broken": ('{"antwoorden": [', "x.json:1:1: ongeldige JSON: het bestand is beschadigd of onvolledig"),
    "no list": ('{"respondent": "A"}', "x.json:1:1: geen export van de reflector: de lijst 'antwoorden' ontbreekt"),
    "other format": (
        '{"formaat": "iets", "antwoorden": []}',
        "x.json:1:1: onbekend formaat 'iets'; verwacht 'kennisbank-reflector'",
    ),
    "newer version": (
        '{"formaat": "kennisbank-reflector", "versie": 3, "antwoorden": []}',
        "x.json:1:1: versie '3' van het exportformaat is onbekend; gelezen worden 1 en 2",
    ),
    "empty list": ('{"respondent": "A", "antwoorden": []}', "x.json:1:1: geen gegevens: de lijst 'antwoorden' is leeg"),
    "nothing answered": (
        '{"respondent": "A", "antwoorden": [{"eindterm": 21, "huidig": null, "gewenst": null}]}',
        "x.json:1:1: geen antwoorden: in 'antwoorden' zijn huidig, gewenst en antwoord overal leeg",
    ),
}


@pytest.mark.usefixtures("loaded_once")
@pytest.mark.parametrize("case", BAD_JSON, ids=list(BAD_JSON))
def test_a_json_file_that_cannot_be_used(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content, expected = BAD_JSON[case]
    write(tmp_path, "x.json", content)
    monkeypatch.chdir(tmp_path)
    result = run([Path("x.json")])
    assert (result.code, result.lines) == (1, [expected])
    assert result.err == f"1 fout(en), 0 waarschuwing(en); {NOTHING_LEFT}\n"


@pytest.mark.usefixtures("loaded_once")
def test_a_json_entry_with_a_problem_is_named_by_its_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = {**JSON_V2, "antwoorden": [*JSON_V2["antwoorden"], {"eindterm": 23, "huidig": 7}, {"eindterm": 21}, 8]}
    write(tmp_path, "ab12.json", json.dumps(data))
    monkeypatch.chdir(tmp_path)
    result = run([Path("ab12.json")])
    assert result.code == 1
    assert result.lines[:-1] == [
        "ab12.json:1:1: antwoord 5: waarde '7' voor huidig ligt buiten 1-5",
        "ab12.json:1:1: antwoord 6: dubbele rij voor respondent 'AB12' en eindterm 21 (ook op ab12.json, antwoord 1)",
        "ab12.json:1:1: antwoord 7: geen geldig antwoord (verwacht een object met 'eindterm')",
    ]


@pytest.mark.usefixtures("loaded_once")
def test_the_same_file_twice_is_counted_once(six: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(six[0].parent)
    first, second = Path(six[0].name), Path(six[1].name)
    result = run([first, second, first], report=Path("team.html"))
    assert result.code == 1
    assert result.lines == [f"{first}:2:1: respondent 'R1' staat ook in {first}; één keer geteld", "team.html"]
    assert result.err == f"1 fout(en), 0 waarschuwing(en); {SKIPPED}\n"
    html = Path("team.html").read_text(encoding="utf-8")  # the analysis is still written
    assert "<dt>Respondenten</dt><dd>2</dd>" in html
    assert "<dt>Niet meegeteld</dt><dd>1 fout bij het inlezen; zie de meldingen van kennisbank analyse</dd>" in html
    data = json.loads(run([first, second, first], as_json=True).out)
    assert (data["respondenten"], by_item(data)[21]["n"]) == (2, 2)
    assert data["problemen"] == [
        {
            "pad": str(first),
            "regel": 2,
            "kolom": 1,
            "code": "KB512",
            "ernst": "fout",
            "melding": f"respondent 'R1' staat ook in {first}; één keer geteld",
        }
    ]


@pytest.mark.usefixtures("loaded_once")
def test_a_file_of_another_reflector_is_skipped(
    six: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "bakens.csv", excel_export("R6", 27, reflector="bakens-welzijn-nieuwe-stijl"))
    monkeypatch.chdir(tmp_path)
    files = [Path(six[0].name), Path("bakens.csv")]
    result = run(files, as_json=True)
    assert result.code == 1
    assert result.err.splitlines() == [
        "bakens.csv:2:2: dit bestand hoort bij reflector 'bakens-welzijn-nieuwe-stijl', niet bij 'digitale-reflector'",
        f"1 fout(en), 0 waarschuwing(en); {SKIPPED}",
    ]
    data = json.loads(result.out)
    assert (data["reflector"], data["respondenten"]) == ("digitale-reflector", 1)
    # The first file that names a reflector chooses it, so the order of the files decides which is foreign.
    assert json.loads(run(files[::-1], as_json=True).out)["reflector"] == "bakens-welzijn-nieuwe-stijl"


@pytest.mark.usefixtures("loaded_once")
def test_a_value_7_skips_only_its_row(six: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(six[0].parent)
    bad = Path(six[0].name)
    bad.write_bytes(bad.read_bytes().replace(b";1;4;", b";7;4;"))
    result = run([bad, Path(six[1].name)], as_json=True)
    assert result.code == 1
    assert result.err.splitlines()[0] == f"{bad}:2:7: waarde '7' voor huidig ligt buiten 1-5"
    data = json.loads(result.out)
    assert [(i["eindterm"], i["n"]) for i in data["eindtermen"]] == [(21, 1), (22, 2)]
    assert data["respondenten"] == 2  # R1's other answers still count


@pytest.mark.usefixtures("loaded_once")
def test_an_unreadable_file_among_good_ones(six: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(six[0].parent)
    latin = write(six[0].parent, "latin.csv", "respondent,eindterm,huidig,gewenst\nJosé,21,2,4\n".encode("latin-1"))
    result = run([Path(six[0].name), Path(latin.name), Path(six[1].name)], as_json=True)
    assert result.code == 1
    assert result.err.splitlines() == [
        "latin.csv:2:4: bestand is geen UTF-8 (byte 0xe9); sla het op als 'CSV UTF-8 (door komma's gescheiden)'",
        f"1 fout(en), 0 waarschuwing(en); {SKIPPED}",
    ]
    assert json.loads(result.out)["respondenten"] == 2


@pytest.mark.usefixtures("loaded_once")
def test_an_empty_respondent_is_counted_per_file_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "a.csv", HEADER + ",21,2,4\n,22,3,3\n")
    write(tmp_path, "b.csv", HEADER + ",21,3,3\n")
    monkeypatch.chdir(tmp_path)
    result = run([Path("a.csv"), Path("b.csv")], as_json=True)
    assert result.code == 0  # warnings alone
    assert result.err.splitlines() == [
        "a.csv:2:1: waarschuwing: respondent ontbreekt; geteld als 'zonder code (a.csv)'",
        "b.csv:2:1: waarschuwing: respondent ontbreekt; geteld als 'zonder code (b.csv)'",
        "0 fout(en), 2 waarschuwing(en); alle antwoorden zijn meegeteld",
    ]
    data = json.loads(result.out)
    assert (data["respondenten"], by_item(data)[21]["n"]) == (2, 2)
    assert data["problemen"][0]["ernst"] == "waarschuwing"
    assert data["problemen"][0]["melding"] == "respondent ontbreekt; geteld als 'zonder code (a.csv)'"


@pytest.mark.usefixtures("loaded_once")
def test_open_items_are_not_scored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "t.csv", "respondent,eindterm,huidig,gewenst,antwoord\nA,21,2,4,\nA,leerruimte,3,,x\nA,Actie,,,y\n")
    monkeypatch.chdir(tmp_path)
    result = run([Path("t.csv")], as_json=True)
    assert result.err.splitlines()[:2] == [
        "t.csv:3:2: eindterm 'leerruimte' wordt niet gescoord (soort 'open')",
        "t.csv:4:2: onbekende eindterm 'Actie'",  # the keys are written by the form, in lower case
    ]
    assert json.loads(result.out)["open_antwoorden"] == []


@pytest.mark.usefixtures("loaded_once")
def test_nothing_answered_in_any_file_means_no_analysis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.csv", HEADER + "A,21,9,9\n")
    monkeypatch.chdir(tmp_path)
    result = run([Path("a.csv")])
    assert (result.code, result.err) == (1, f"2 fout(en), 0 waarschuwing(en); {NOTHING_LEFT}\n")
    assert list(tmp_path.glob("*.html")) == []


@pytest.mark.usefixtures("loaded_once")
def test_a_file_over_20_mb_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "groot.csv"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    expected = "bestand is te groot (meer dan 20 MB); een export van de reflector is veel kleiner"
    for path in (big, Path("/dev/zero")):
        result = run([path], as_json=True)
        assert (result.code, result.err.splitlines()[0]) == (1, f"{path}:1:1: {expected}")


# --- --reflector -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("loaded_once")
def test_reflector_option_analyses_only_its_eindtermen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "t.csv", HEADER + "A,43,2,5\nA,21,2,4\nA,24,,\n")
    monkeypatch.chdir(tmp_path)
    result = cli("--root", str(REPO), "analyse", "t.csv", "--json", "--reflector", "coachen-van-leerprocessen")
    assert result.code == 1
    assert result.err.splitlines() == [
        "t.csv:3:2: eindterm 21 hoort niet bij deze reflector",
        "t.csv:4:2: eindterm 24 hoort niet bij deze reflector",
        f"2 fout(en), 0 waarschuwing(en); {SKIPPED}",
    ]
    data = json.loads(result.out)
    assert ([i["eindterm"] for i in data["eindtermen"]], data["reflector"]) == ([43], "coachen-van-leerprocessen")


@pytest.mark.usefixtures("loaded_once")
@pytest.mark.parametrize(
    ("reflector", "message"),
    [
        ("digitale-reflectr", "onbekende reflector 'digitale-reflectr'; bedoelde je 'digitale-reflector'?"),
        (
            "x",
            "onbekende reflector 'x'; kies uit: bakens-welzijn-nieuwe-stijl, coachen-van-leerprocessen, "
            "digitale-reflector, transitie-en-transformatiecompetenties, tt-competenties-vrijwilligerswerk",
        ),
        (
            "kantelen-met-dialogen",
            "reflector 'kantelen-met-dialogen' heeft geen eindtermen om te scoren (soort 'dialoog'); kies uit: "
            "bakens-welzijn-nieuwe-stijl, coachen-van-leerprocessen, digitale-reflector, "
            "transitie-en-transformatiecompetenties, tt-competenties-vrijwilligerswerk",
        ),
    ],
)
def test_an_unknown_reflector_is_a_clear_message(reflector: str, message: str, tmp_path: Path) -> None:
    export = write(tmp_path, "oost.csv", TINY)
    result = cli("--root", str(REPO), "analyse", str(export), "--reflector", reflector)
    assert (result.code, result.out, result.err) == (2, "", message + "\n")


@pytest.mark.usefixtures("loaded_once")
def test_a_file_naming_an_unknown_reflector_cannot_be_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.csv", "respondent,reflector,eindterm,huidig,gewenst\nA,,21,2,4\nA,digitale-reflectr,22,2,4\n")
    monkeypatch.chdir(tmp_path)
    result = run([Path("a.csv")])
    assert result.lines == ["a.csv:3:2: onbekende reflector 'digitale-reflectr'; bedoelde je 'digitale-reflector'?"]
    write(tmp_path, "b.json", json.dumps({**JSON_V2, "reflector": "kantelen-met-dialogen"}))
    assert (
        run([Path("b.json")])
        .lines[0]
        .startswith(
            "b.json:1:1: reflector 'kantelen-met-dialogen' heeft geen eindtermen om te scoren (soort 'dialoog')"
        )
    )


@pytest.mark.usefixtures("loaded_once")
def test_json_numbers_are_read_as_javascript_reads_them(tmp_path: Path) -> None:
    data = {**JSON_V2, "versie": 2.0, "antwoorden": [{"eindterm": 21.0, "huidig": 2.0, "gewenst": "4"}]}
    result = run([write(tmp_path, "x.json", json.dumps(data))], as_json=True)
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out)["eindtermen"][0]["leerruimte"] == 2.0
    data["antwoorden"] = [{"eindterm": 21, "huidig": 2.5, "gewenst": True}]
    result = run([write(tmp_path, "x.json", json.dumps(data))], as_json=True)
    assert result.err.splitlines()[:2] == [
        f"{tmp_path / 'x.json'}:1:1: antwoord 1: waarde '2.5' voor huidig is geen heel getal van 1 tot en met 5",
        f"{tmp_path / 'x.json'}:1:1: antwoord 1: waarde 'true' voor gewenst is geen heel getal van 1 tot en met 5",
    ]


# --- the figures the team discusses first, and 2015's leerruimte ------------------------------------


def test_2015_leerruimte_of_eindterm_21_by_hand(reference: Reference) -> None:
    result = reference.baseline[21]
    # Bijlage 7, Figuur "21": N = 46 for huidig; gewenst only fits 45 respondents (see its opmerking).
    assert (result.n, result.huidig, result.gewenst) == (46, [6.5, 37.0, 45.7, 10.9, 0.0], [2.2, 0.0, 24.4, 44.4, 28.9])
    # huidig: 3, 17, 21, 5, 0 of 46 (6,5% = 3/46 ...), Σ = 3 + 34 + 63 + 20 = 120
    # gewenst: 1, 0, 11, 20, 13 of 45, Σ = 1 + 33 + 80 + 65 = 179
    # 179/45 − 120/46 = (179·46 − 120·45) / (45·46) = 2834 / 2070 = 1,369… → 1,4
    assert analyse_compute._baseline_gap([21], [21], reference) == 14
    # Eindterm 13 has no 'in zeer hoge mate' bar: it gets the rest (2 and 15 of 45).
    # huidig 0, 2, 21, 20, 2: Σ 157; gewenst 0, 0, 5, 25, 15: Σ 190; (190 − 157) / 45 = 0,733… → 0,7
    assert analyse_compute._baseline_gap([13], [13], reference) == 7


@pytest.mark.usefixtures("loaded_once")
def test_basis_2015_leerruimte_per_eindterm_and_pooled_per_group(tmp_path: Path) -> None:
    # Eindterm 13 answered on both sides, 21 only on the desired side: the group's 2015 huidig pools 13 alone.
    export = write(tmp_path, "t.csv", HEADER + "A,13,2,4\nA,21,,5\n")
    data = json.loads(run([export], as_json=True).out)
    assert [(i["eindterm"], i["basis_2015"]["leerruimte"]) for i in data["eindtermen"]] == [(13, 0.7), (21, 1.4)]
    concept = data["concepten"][0]
    assert concept["eindtermen"] == [13, 21]
    # gewenst pooled over 13 and 21: (190 + 179) / (45 + 45) = 4,1; huidig over 13: 157 / 45 = 3,488…
    # (369·45 − 157·90) / (90·45) = 2475 / 4050 = 0,611… → 0,6
    assert concept["basis_2015"]["leerruimte"] == 0.6
    assert (concept["leerruimte"], concept["verschil_2015"]["leerruimte"]) == (2.0, 1.4)


@pytest.mark.usefixtures("loaded_once")
def test_bespreek_eerst_by_leerruimte_then_laag_huidig_then_number(tmp_path: Path) -> None:
    rows = [
        "A,8,1,3", "B,8,3,5",  # leerruimte 2,0, laag 50%
        "A,9,1,3", "B,9,1,3",  # 2,0, laag 100%
        "A,10,2,4",  # 2,0, laag 100%: after 9 by number
        "A,11,1,5",  # 4,0
        "A,12,3,3", "A,14,4,5", "A,15,2,3",  # 0,0 / 1,0 / 1,0
        "A,16,3,",  # no pair: never listed
    ]  # fmt: skip
    data = json.loads(run([write(tmp_path, "t.csv", HEADER + "\n".join(rows) + "\n")], as_json=True).out)
    assert data["bespreek_eerst"] == [11, 9, 10, 8, 15]


@pytest.mark.usefixtures("loaded_once")
def test_the_report_has_bespreek_eerst_and_charts_for_print_and_phones(six: list[Path], tmp_path: Path) -> None:
    report = tmp_path / "team.html"
    assert run(six, report=report).code == 0
    html = report.read_text(encoding="utf-8")
    assert "<title>Analyse Digitale reflector: Team Oost</title>" in html
    first = html[html.index('<h2 id="bespreek">') : html.index('<h2 id="lezen">')]
    assert html.index('<h2 id="bespreek">') < html.index('<h2 id="concepten">')
    assert f'<a href="#grafiek-21">21. {TEXT_21}</a>' in first
    assert (
        '<td class="getal">+1,3</td><td class="getal">+1,4</td>\n'
        '<td class="getal">50,0%</td><td class="getal">83,3%</td>'
    ) in first
    figure = html[
        html.index('<figure id="grafiek-21">') : html.index("</figure>", html.index('<figure id="grafiek-21">'))
    ]
    assert '<svg class="grafiek" viewBox="0 0 320 96" width="100%"' in figure
    for label in ("Huidig, team", "Huidig, 2015", "Gewenst, team", "Gewenst, 2015"):
        assert f">{label}</text>" in figure
        assert f'<th scope="row">{label}</th>' in figure  # the numbers in a table next to the chart
    assert figure.count('fill="#1c1c1c"') == 3  # laag is solid dark (gewenst of the team has no laag)
    assert figure.count('fill="#d9d9d9"') == 4 and "<path d=" in figure  # hoog light grey, voldoende hatched
    assert "<td>50,0%</td>" not in figure and '<td class="getal">33,4%</td>' in figure
    assert "Leerruimte: team +1,3 (n = 6),\n2015 +1,4." in figure
    assert "voldoende (3, gearceerd)" in html
    for forbidden in ("<script", "http://", "https://", "src=", "<link", "@import", "url("):
        assert forbidden not in html, forbidden
