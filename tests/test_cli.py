"""What an editor sees from `kennisbank check`: one exact line per problem, all at once, exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.registry import CONTENT_TYPES
from tests.conftest import MINI, REPO, copy_root, run_cli
from tests.test_analyse import cli

ECOGRAM = (MINI / "content/methoden/ecogram.yml").read_text(encoding="utf-8")
SONESTRA = (MINI / "content/methoden/sonestra.yml").read_text(encoding="utf-8")
BAKENS = (MINI / "content/bakens.yml").read_text(encoding="utf-8")
ROLLEN = (MINI / "content/rollen.yml").read_text(encoding="utf-8")
EINDTERMEN = (MINI / "content/eindtermen.yml").read_text(encoding="utf-8")

COLLECTION_FILES = ", ".join(sorted(t.source for t in CONTENT_TYPES.values() if not t.per_file))

# (file, new content, the exact line `check` must print)
BAD_INPUTS: dict[str, tuple[str, str | bytes, str]] = {
    "yaml syntax": (
        "content/methoden/ecogram.yml",
        "id: ecogram\ntitel: [Ecogram\nsoort: methode\n",
        "content/methoden/ecogram.yml:3:6: YAML-syntaxfout: "
        "verwacht ',' of ']' in een lijst tussen [ ], gevonden ':'; "
        "sluit de lijst met ']' of zet de tekst tussen aanhalingstekens",
    ),
    "tab": (
        "content/methoden/ecogram.yml",
        "id: ecogram\nwat:\n\tEen tab\n",
        "content/methoden/ecogram.yml:3:1: tab in inspringing; gebruik spaties",
    ),
    "duplicate key": (
        "content/methoden/ecogram.yml",
        ECOGRAM + "titel: Nogmaals\n",
        "content/methoden/ecogram.yml:10:1: sleutel 'titel' staat er twee keer (eerst op regel 3)",
    ),
    "unknown field": (
        "content/methoden/ecogram.yml",
        ECOGRAM.replace("samenvatting:", "samenvating:"),
        "content/methoden/ecogram.yml:5:1: onbekend veld 'samenvating'; bedoelde je 'samenvatting'?",
    ),
    "wrong type": (
        "content/methoden/ecogram.yml",
        ECOGRAM.replace("titel: Ecogram", "titel: [Ecogram]"),
        "content/methoden/ecogram.yml:3:8: veld 'titel': verwacht tekst, gevonden een lijst",
    ),
    "missing field": (
        "content/methoden/ecogram.yml",
        ECOGRAM.replace("soort: methode\n", ""),
        "content/methoden/ecogram.yml:2:1: verplicht veld 'soort' ontbreekt",
    ),
    "wrong choice": (
        "content/methoden/ecogram.yml",
        ECOGRAM.replace("soort: methode", "soort: techniek"),
        "content/methoden/ecogram.yml:4:8: veld 'soort': 'techniek' is niet toegestaan; "
        "verwacht 'methode' of 'leerinstrument'",
    ),
    "empty file": (
        "content/methoden/ecogram.yml",
        "# leeg\n",
        "content/methoden/ecogram.yml:1:1: bestand is leeg",
    ),
    "not utf-8": (
        "content/methoden/ecogram.yml",
        b"id: ecogram\ntitel: Eco\xe9gram\n",
        "content/methoden/ecogram.yml:2:11: bestand is geen geldige UTF-8; sla het op als UTF-8",
    ),
    "anchor": (
        "content/methoden/ecogram.yml",
        ECOGRAM.replace("titel: Ecogram", "titel: &t Ecogram"),
        "content/methoden/ecogram.yml:3:8: ankers (&naam) zijn niet toegestaan; schrijf de waarde uit",
    ),
    "alias": (
        "content/methoden/ecogram.yml",
        ECOGRAM.replace("titel: Ecogram", "titel: *t"),
        "content/methoden/ecogram.yml:3:8: aliassen (*naam) zijn niet toegestaan; schrijf de waarde uit",
    ),
    "duplicate id": (
        "content/bakens.yml",
        BAKENS + BAKENS.split("\n", 1)[1],
        "content/bakens.yml:10:11: baken '7' bestaat al (content/bakens.yml:5)",
    ),
    "id not a slug": (
        "content/rollen.yml",
        ROLLEN.replace("id: leercoach", "id: Leer Coach"),
        "content/rollen.yml:2:7: veld 'id': 'Leer Coach' is geen geldige id; gebruik kleine letters, cijfers "
        "en koppeltekens (bijvoorbeeld 'mijn-methode')",
    ),
    "id that walks out of its folder": (
        "content/rollen.yml",
        ROLLEN.replace("id: leercoach", "id: ../../x"),
        "content/rollen.yml:2:7: veld 'id': '../../x' is geen geldige id; gebruik kleine letters, cijfers "
        "en koppeltekens (bijvoorbeeld 'mijn-methode')",
    ),
    "field over its length limit": (
        "content/methoden/ecogram.yml",
        ECOGRAM.replace("samenvatting: Het sociale netwerk in één oogopslag.", "samenvatting: " + "x" * 301),
        "content/methoden/ecogram.yml:5:15: veld 'samenvatting': tekst is te lang (301 tekens; maximaal 300)",
    ),
    "file over the size limit": (
        "content/methoden/ecogram.yml",
        ECOGRAM + "# " + "x" * 600_000 + "\n",
        "content/methoden/ecogram.yml:1:1: bestand is te groot (586 KB; maximaal 512 KB)",
    ),
    "file name differs from id": (
        "content/methoden/ecogram.yml",
        ECOGRAM.replace("id: ecogram", "id: eco-gram"),
        "content/methoden/ecogram.yml:2:5: id 'eco-gram' hoort in bestand 'eco-gram.yml'; "
        "hernoem het bestand of pas de id aan",
    ),
    "missing reference in a field": (
        "content/methoden/sonestra.yml",
        SONESTRA.replace("methoden: [ecogram]", "methoden: [ecogramm]"),
        "content/methoden/sonestra.yml:11:12: veld 'methoden': verwijzing naar onbekende methode 'ecogramm'; "
        "bedoelde je 'ecogram'?",
    ),
    "missing reference in prose": (
        "content/methoden/sonestra.yml",
        SONESTRA.replace("[[methode:ecogram]]", "[[methode:ecogrm]]"),
        "content/methoden/sonestra.yml:10:66: veld 'wat': verwijzing naar onbekende methode 'ecogrm' in "
        "[[methode:ecogrm]]; bedoelde je 'ecogram'?",
    ),
    "unknown type in prose": (
        "content/methoden/sonestra.yml",
        SONESTRA.replace("[[methode:ecogram]]", "[[methodes:ecogram]]"),
        "content/methoden/sonestra.yml:10:66: veld 'wat': onbekende soort 'methodes' in [[methodes:ecogram]]; "
        "bedoelde je 'methode'?",
    ),
    "dimension outside its concept": (
        "content/eindtermen.yml",
        EINDTERMEN.replace("dimensie: baken-7", "dimensie: baken-8"),
        "content/eindtermen.yml:7:13: veld 'dimensie': concept 'welzijn-nieuwe-stijl' heeft geen dimensie "
        "'baken-8'; bedoelde je 'baken-7'?",
    ),
    "collection that is not a list": (
        "content/bakens.yml",
        "nummer: 7\n",
        "content/bakens.yml:1:1: verwacht een lijst van items van soort 'baken' (regels met '- ')",
    ),
    "unsafe link": (
        "content/methoden/ecogram.yml",
        ECOGRAM + "website: javascript:alert(1)\n",
        "content/methoden/ecogram.yml:10:10: veld 'website': een link moet beginnen met http:// of https:// "
        "en mag geen spaties bevatten",
    ),
    "stray file": (
        "content/bakenz.yml",
        "- nummer: 1\n",
        "content/bakenz.yml:1:1: onbekend inhoudsbestand; verwacht een van: " + COLLECTION_FILES,
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_prints_the_exact_line(mini_root: Path, case: str) -> None:
    path, content, expected = BAD_INPUTS[case]
    target = mini_root / path
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    result = run_cli(mini_root, "check")
    assert result.code == 1
    assert expected in result.lines, result.out
    assert "Traceback" not in result.err


def test_a_broken_file_is_reported_once_not_again_by_every_reference(mini_root: Path) -> None:
    (mini_root / "content/methoden/ecogram.yml").write_text("id: ecogram\ntitel: [\n", encoding="utf-8")
    result = run_cli(mini_root, "check")
    assert result.code == 1
    errors = [line for line in result.lines if ": waarschuwing: " not in line]
    assert errors and all(line.startswith("content/methoden/ecogram.yml:") for line in errors), result.out


def test_every_problem_is_reported_at_once(mini_root: Path) -> None:
    (mini_root / "content/methoden/ecogram.yml").write_text(ECOGRAM.replace("soort: methode\n", ""))
    (mini_root / "content/rollen.yml").write_text(ROLLEN.replace("taken:", "taak:"))
    result = run_cli(mini_root, "check")
    assert result.code == 1
    assert "content/methoden/ecogram.yml:2:1: verplicht veld 'soort' ontbreekt" in result.lines
    assert "content/rollen.yml:5:3: onbekend veld 'taak'; bedoelde je 'taken'?" in result.lines
    assert "content/rollen.yml:2:3: verplicht veld 'taken' ontbreekt" in result.lines
    assert "3 fout(en)" in result.err


def test_a_file_with_an_unknown_field_still_gets_its_references_and_prose_checked(mini_root: Path) -> None:
    # Five faults in one file: before, `check` named the first two and hid the rest until they were fixed.
    (mini_root / "content/methoden/ecogram.yml").write_text(
        ECOGRAM.replace("samenvatting:", "samenvattng:")
        .replace("status: vastgesteld", "status: klaar")
        .replace("herkomst: Bijlage 9\n", "herkomst: Bijlage 9\nmethoden: [sonestraa]\neindtermen: [999]\n")
        .replace("Een ecogram laat", "Een ecogram [[methode:nope]] laat"),
        encoding="utf-8",
    )
    result = run_cli(mini_root, "check")
    assert result.code == 1
    errors = [line for line in result.lines if ": waarschuwing: " not in line]
    assert errors == [
        "content/methoden/ecogram.yml:2:1: verplicht veld 'samenvatting' ontbreekt",
        "content/methoden/ecogram.yml:5:1: onbekend veld 'samenvattng'; bedoelde je 'samenvatting'?",
        "content/methoden/ecogram.yml:6:9: veld 'status': 'klaar' is niet toegestaan; "
        "verwacht 'vastgesteld' of 'concept'",
        "content/methoden/ecogram.yml:8:12: veld 'methoden': verwijzing naar onbekende methode 'sonestraa'; "
        "bedoelde je 'sonestra'?",
        "content/methoden/ecogram.yml:9:14: veld 'eindtermen': verwijzing naar onbekende eindterm '999'",
        "content/methoden/ecogram.yml:11:15: veld 'wat': verwijzing naar onbekende methode 'nope' in [[methode:nope]]",
    ], result.out
    assert "6 fout(en)" in result.err
    # What the broken item refers to is not "niets verwijst naar" on top.
    assert "niets verwijst naar methode 'sonestra'" not in result.out


def test_every_message_is_printed_once(mini_root: Path) -> None:
    (mini_root / "content/methoden/ecogram.yml").write_text(ECOGRAM.replace("titel:", "titl:"), encoding="utf-8")
    result = run_cli(mini_root, "check")
    assert result.code == 1 and any(": onbekend veld 'titl'" in line for line in result.lines), result.out
    assert len(result.lines) == len(set(result.lines)), result.out


def test_version_and_dutch_help() -> None:
    version = cli("--version")
    assert version.code == 0 and version.out.startswith("kennisbank 0.")
    help_text = cli("--help").out
    assert help_text.startswith("gebruik: kennisbank ")
    assert "opties:" in help_text and "toon deze hulp en stop" in help_text and "opdrachten:" in help_text
    assert "usage" not in help_text and "show this help" not in help_text
    assert "gebruik: kennisbank new [-h] [--root MAP] [--nog-een] soort titel" in cli("new", "--help").out


@pytest.mark.parametrize(
    ("args", "line"),
    [
        ((), "kennisbank: fout: dit ontbreekt nog: OPDRACHT"),
        (
            ("bouw",),
            "kennisbank: fout: OPDRACHT: onbekende keuze 'bouw' "
            "(kies uit 'check', 'build', 'new', 'analyse', 'schema', 'serve')",
        ),
        (("check", "--strikt"), "kennisbank: fout: onbekend: --strikt (zie kennisbank --help)"),
        (("check", "--root"), "kennisbank check: fout: --root: hier hoort een waarde achter"),
        (("new", "methode"), "kennisbank new: fout: dit ontbreekt nog: titel"),
    ],
)
def test_usage_errors_are_dutch(args: tuple[str, ...], line: str) -> None:
    result = cli(*args)
    assert result.code == 2
    assert result.err.splitlines()[-1] == line
    assert result.err.startswith("gebruik: kennisbank")


def test_valid_content_passes_with_warnings_only(mini_root: Path) -> None:
    result = run_cli(mini_root, "check")
    assert result.code == 0
    assert all(": waarschuwing: " in line for line in result.lines), result.out


def test_warnings_name_unlinked_items_and_empty_recommended_fields(mini_root: Path) -> None:
    result = run_cli(mini_root, "check")
    assert "leerarrangementen/lerend-team.yml:2:5: waarschuwing: niets verwijst naar leerarrangement 'lerend-team'" in (
        result.lines
    )
    assert "content/methoden/ecogram.yml:2:1: waarschuwing: aanbevolen veld 'stappen' is leeg" in result.lines
    assert "0 fout(en)" in result.err


def test_strict_makes_warnings_fail(mini_root: Path) -> None:
    assert run_cli(mini_root, "check", "--strict").code == 1


def test_the_repository_content_has_no_problems() -> None:
    result = run_cli(REPO, "check")
    assert (result.code, result.out) == (0, ""), result.out


def test_a_yaml_bomb_is_refused_quickly(mini_root: Path) -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b]\n'
    (mini_root / "content/methoden/ecogram.yml").write_text(bomb)
    result = run_cli(mini_root, "check")
    assert (
        "content/methoden/ecogram.yml:1:4: ankers (&naam) zijn niet toegestaan; schrijf de waarde uit" in result.lines
    )


def test_deep_nesting_is_refused(mini_root: Path) -> None:
    (mini_root / "content/methoden/ecogram.yml").write_text("a: " + "[" * 40 + "]" * 40 + "\n")
    result = run_cli(mini_root, "check")
    assert result.code == 1
    assert "te diep genest" in result.out
    assert "Traceback" not in result.err


def test_missing_root_is_a_clear_message(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "check")
    assert result.code == 2
    assert "geen mkdocs.yml gevonden" in result.err


def test_a_list_continues_in_the_folder_of_its_name(mini_root: Path) -> None:
    """A glossary of thousands of terms does not fit one file of 512 KB: content/begrippen/*.yml go on with it."""
    parts = mini_root / "content" / "begrippen"
    parts.mkdir()
    term = "- id: wijkteam\n  term: wijkteam\n  status: vastgesteld\n  herkomst: Bijlage 9\n"
    (parts / "extra.yml").write_text(term + "  betekenis: Team in de wijk.\n", encoding="utf-8")
    assert run_cli(mini_root, "build").code == 0
    glossary = (mini_root / "site" / "begrippen" / "index.html").read_text(encoding="utf-8")
    assert "Team in de wijk." in glossary and "Sociale NetwerkStrategieën" in glossary

    (parts / "dubbel.yml").write_text(term + "  betekenis: Nog eens.\n", encoding="utf-8")
    result = run_cli(mini_root, "check")
    assert result.code == 1
    assert (
        "content/begrippen/extra.yml:1:7: begrip 'wijkteam' bestaat al (content/begrippen/dubbel.yml:1)" in result.out
    )


# --- where the knowledge base is, and where the options stand ---------------------------------------

EXPORT = "respondent,eindterm,huidig,gewenst\nr1,21,1,4\n"


@pytest.fixture
def quick_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    """Check REPO's content once for these tests, not on every in-process call."""
    from generator import analyse

    found, errors = analyse.load_reference(REPO)
    assert found is not None, errors
    real = analyse.load_reference
    monkeypatch.setattr(analyse, "load_reference", lambda root: (found, []) if root == REPO else real(root))


def test_analyse_from_a_subfolder_uses_the_knowledge_base_above(
    mini_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_root(REPO, mini_root.parent / "echt")
    (root / "exports").mkdir()
    (root / "exports" / "oost.csv").write_text(EXPORT, encoding="utf-8")
    monkeypatch.chdir(root / "content" / "methoden")
    result = cli("analyse", "--json", "../../exports/oost.csv")  # relative to the current folder
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out)["eindtermen"][0]["laag_huidig"] == 100.0
    assert cli("check").code == 0  # every command looks upwards


@pytest.mark.usefixtures("quick_reference")
def test_analyse_from_an_unrelated_folder_uses_the_installed_knowledge_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "oost.csv").write_text(EXPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("analyse", "oost.csv", "--rapport", "rapport.html")
    assert (result.code, result.out, result.err) == (0, "rapport.html\n", "")
    assert (tmp_path / "rapport.html").is_file()
    # The other commands change or build a knowledge base: they do not guess which one.
    result = cli("check")
    assert result.code == 2
    assert result.err == (
        f"{tmp_path}: geen mkdocs.yml gevonden, ook niet in een bovenliggende map; "
        "geef de map van de kennisbank met --root\n"
    )


@pytest.mark.usefixtures("quick_reference")
def test_options_may_stand_before_or_after_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "oost.csv").write_text(EXPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    outputs = {
        cli(*args).out
        for args in (
            ("analyse", "--root", str(REPO), "oost.csv", "--json"),
            ("--root", str(REPO), "analyse", "oost.csv", "--json"),
            ("analyse", "--json", "oost.csv", "--root", str(REPO)),
            ("--root", str(tmp_path), "analyse", "--root", str(REPO), "--json", "oost.csv"),  # the later one wins
        )
    }
    assert len(outputs) == 1
    assert json.loads(outputs.pop())["respondenten"] == 1


def test_root_after_check_and_new(mini_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini_root.parent)
    assert cli("check", "--root", str(mini_root)).code == 0
    result = cli("new", "methode", "Mijn methode", "--root", str(mini_root))
    assert (result.code, result.out) == (0, "content/methoden/mijn-methode.yml\n")


def test_mkdocs_warnings_reach_the_editor_in_dutch(mini_root: Path) -> None:
    mkdocs_yml = mini_root / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    mkdocs_yml.write_text(text.replace("  - Start:\n", "  - Start:\n      - Weg: start/bestaat-niet.md\n", 1))
    result = run_cli(mini_root, "build")
    assert result.code == 1
    assert result.err.splitlines()[-3:] == [
        "MkDocs-waarschuwing: het menu (nav in mkdocs.yml) noemt 'start/bestaat-niet.md', maar die pagina bestaat niet",
        "MkDocs-build mislukt: gestopt na 1 waarschuwing(en) (strikte modus)",
        "Niet gebouwd: de vorige site is ongewijzigd.",
    ]
    assert "WARNING" not in result.err and "Aborted" not in result.err


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        (
            "Doc file 'methoden/x.md' contains a link '../y.md', but the target 'y.md' is not found among "
            "documentation files.",
            "pagina 'methoden/x.md' linkt naar '../y.md', maar die pagina of dat bestand bestaat niet in de site",
        ),
        ("Aborted with 2 warnings in strict mode!", "gestopt na 2 waarschuwing(en) (strikte modus)"),
        ("Something new", "Something new (melding van MkDocs)"),
    ],
)
def test_mkdocs_messages_are_translated(english: str, dutch: str) -> None:
    from generator.problems import mkdocs_message

    assert mkdocs_message(english) == dutch
