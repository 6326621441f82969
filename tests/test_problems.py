"""Problems as data: every kind has a stable, documented code, and `--format json` says what the text says."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.problems import CODES, Problem
from tests.conftest import REPO, Run, copy_root, run_cli
from tests.test_analyse import BAD_EXPORTS, EXPORT_CODES, loaded_once, reference  # noqa: F401 (fixtures)
from tests.test_cli import BAD_INPUTS, BAKENS, ECOGRAM, EINDTERMEN, ROLLEN, SONESTRA

README = (REPO / "README.md").read_text(encoding="utf-8")


def kennisbank(*args: str) -> Run:
    """`kennisbank ARGS` in-process, capturing what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


def as_line(problem: dict[str, Any]) -> str:
    """A problem of the JSON document as the text reporter writes it."""
    prefix = "waarschuwing: " if problem["severity"] == "warning" else ""
    return f"{problem['path']}:{problem['line']}:{problem['column']}: {prefix}{problem['message']}"


def test_every_code_is_documented_and_used() -> None:
    documented = dict(re.findall(r"^\| `(KB\d{3})` \| (.+?) \|$", README, flags=re.MULTILINE))
    assert documented == CODES  # the README's table is the list, word for word and in order
    assert list(documented) == list(CODES)
    used: set[str] = set()
    for path in (REPO / "generator").rglob("*.py"):
        if path.name != "problems.py":
            used |= set(re.findall(r"\"(KB\d{3})\"", path.read_text(encoding="utf-8")))
    assert used == set(CODES)
    assert all(re.fullmatch(r"KB[1-5]\d\d", code) for code in CODES)


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError, match="KB999"):
        Problem("content/x.yml", 1, 1, "melding", "KB999")


# The code of each of test_cli's bad inputs: a code never changes for the same kind of problem.
CHECK_CODES = {
    "yaml syntax": "KB110",
    "tab": "KB112",
    "duplicate key": "KB119",
    "unknown field": "KB203",
    "wrong type": "KB204",
    "missing field": "KB202",
    "wrong choice": "KB206",
    "empty file": "KB107",
    "not utf-8": "KB105",
    "anchor": "KB114",
    "alias": "KB114",
    "duplicate id": "KB212",
    "id not a slug": "KB205",
    "id that walks out of its folder": "KB205",
    "field over its length limit": "KB207",
    "file over the size limit": "KB104",
    "file name differs from id": "KB210",
    "missing reference in a field": "KB301",
    "missing reference in prose": "KB301",
    "unknown type in prose": "KB302",
    "dimension outside its concept": "KB303",
    "collection that is not a list": "KB201",
    "unsafe link": "KB208",
    "stray file": "KB106",
}


def test_every_bad_input_has_its_code() -> None:
    assert set(CHECK_CODES) == set(BAD_INPUTS)


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_each_bad_input_has_a_stable_code_in_json(mini_root: Path, case: str) -> None:
    path, content, expected = BAD_INPUTS[case]
    target = mini_root / path
    target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content, encoding="utf-8")
    result = kennisbank("--root", str(mini_root), "check", "--format", "json")
    assert result.code == 1
    found = {as_line(p): p["code"] for p in json.loads(result.out)["problems"]}
    assert found[expected] == CHECK_CODES[case]


def broken(root: Path) -> None:
    """Nine errors in seven files at once (and the warnings of the mini knowledge base)."""
    methods = root / "content/methoden"
    (methods / "ecogram.yml").write_text(
        ECOGRAM.replace("samenvatting:", "samenvating:").replace("status: vastgesteld", "status: klaar"),
        encoding="utf-8",
    )
    (methods / "sonestra.yml").write_text(SONESTRA.replace("methoden: [ecogram]", "methoden: [ecogramm]"))
    (root / "content/bakens.yml").write_text(BAKENS + BAKENS.split("\n", 1)[1], encoding="utf-8")
    (root / "content/rollen.yml").write_text(ROLLEN.replace("id: leercoach", "id: Leer Coach"), encoding="utf-8")
    (root / "content/eindtermen.yml").write_text(EINDTERMEN.replace("dimensie: baken-7", "dimensie: baken-8"))
    (root / "content/bakenz.yml").write_text("- nummer: 1\n", encoding="utf-8")


def test_check_json_says_what_the_text_says(mini_root: Path) -> None:
    broken(mini_root)
    text = kennisbank("--root", str(mini_root), "check")
    result = kennisbank("--root", str(mini_root), "check", "--format", "json")
    assert (text.code, result.code) == (1, 1)
    assert result.err == text.err  # the count, on stderr in both
    document = json.loads(result.out)
    assert set(document) == {"version", "problems", "count"}
    assert (document["version"], document["count"]) == (1, len(document["problems"]))
    problems = document["problems"]
    assert [as_line(p) for p in problems] == text.lines  # the same problems, in the same order
    assert all(list(p) == ["path", "line", "column", "code", "severity", "message"] for p in problems)
    errors = [(p["path"], p["code"]) for p in problems if p["severity"] == "error"]
    assert errors == [
        ("content/bakens.yml", "KB212"),
        ("content/bakenz.yml", "KB106"),
        ("content/eindtermen.yml", "KB303"),
        ("content/methoden/ecogram.yml", "KB202"),  # 'samenvatting' is missing, as it is misspelt
        ("content/methoden/ecogram.yml", "KB203"),
        ("content/methoden/ecogram.yml", "KB206"),
        ("content/methoden/sonestra.yml", "KB301"),
        ("content/rollen.yml", "KB205"),
        ("leerarrangementen/lerend-team.yml", "KB301"),  # to the role whose id is no longer 'leercoach'
    ]
    warnings = {p["code"] for p in problems if p["severity"] == "warning"}
    assert warnings and warnings <= {"KB310", "KB311"}
    assert f"{len(errors)} fout(en), {len(problems) - len(errors)} waarschuwing(en)" in text.err


def test_check_json_of_valid_content_lists_the_warnings_and_exits_0(mini_root: Path) -> None:
    result = kennisbank("--root", str(mini_root), "check", "--format", "json")
    assert result.code == 0
    problems = json.loads(result.out)["problems"]
    assert problems and {p["severity"] for p in problems} == {"warning"}
    assert ("content/methoden/ecogram.yml", 2, 1, "KB311") in [
        (p["path"], p["line"], p["column"], p["code"]) for p in problems
    ]
    assert kennisbank("--root", str(mini_root), "check", "--format", "json", "--strict").code == 1


def test_check_json_without_problems_is_an_empty_document() -> None:
    result = kennisbank("--root", str(REPO), "check", "--format", "json")
    assert (result.code, json.loads(result.out), result.err) == (0, {"version": 1, "problems": [], "count": 0}, "")


def test_a_file_name_with_a_line_break_or_no_utf8_is_one_line_in_text_and_valid_json(mini_root: Path) -> None:
    methods = os.fsencode(mini_root / "content/methoden")
    for name in (b"x\xff.yml", "a\u2028b.yml".encode()):
        Path(os.fsdecode(os.path.join(methods, name))).write_text("id: x\n", encoding="utf-8")
    text = run_cli(mini_root, "check")  # a real stdout, which writes a lone surrogate as its byte
    result = run_cli(mini_root, "check", "--format", "json")
    assert (text.code, result.code) == (1, 1)
    problems = json.loads(result.out)["problems"]  # run_cli decoded stdout as UTF-8, and it is JSON
    assert [as_line(p) for p in problems] == text.lines
    paths = {p["path"] for p in problems if p["severity"] == "error"}
    assert paths == {"content/methoden/x\\udcff.yml", "content/methoden/a\\u2028b.yml"}


def test_build_json_gives_the_same_document_and_keeps_the_old_site(mini_root: Path) -> None:
    broken(mini_root)
    (mini_root / "site").mkdir()
    (mini_root / "site/index.html").write_text("vorige site", encoding="utf-8")
    check = kennisbank("--root", str(mini_root), "check", "--format", "json")
    result = kennisbank("--root", str(mini_root), "build", "--format", "json")
    assert result.code == 1
    assert json.loads(result.out) == json.loads(check.out)
    assert result.err.endswith("Niet gebouwd: de vorige site is ongewijzigd.\n")
    assert (mini_root / "site/index.html").read_text(encoding="utf-8") == "vorige site"


def test_build_json_of_a_failure_outside_the_content_is_an_empty_document(mini_root: Path) -> None:
    (mini_root / "site").write_text("geen map", encoding="utf-8")
    result = kennisbank("--root", str(mini_root), "build", "--format", "json")
    assert (result.code, json.loads(result.out)) == (1, {"version": 1, "problems": [], "count": 0})
    assert result.err.splitlines() == [
        f"{mini_root}/site is een bestand, geen map; verwijder of hernoem het",
        "Niet gebouwd: de vorige site is ongewijzigd.",
    ]


def test_build_json_of_a_build_that_succeeds_is_an_empty_document(
    mini_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import site

    built: list[Path] = []
    monkeypatch.setattr(site, "build", lambda root: built.append(root) or root / "site")  # MkDocs: test_site.py
    result = kennisbank("--root", str(mini_root), "build", "--format", "json")
    assert (result.code, json.loads(result.out), built) == (0, {"version": 1, "problems": [], "count": 0}, [mini_root])
    assert result.err.startswith(f"Site gebouwd in {mini_root}/site (")


def test_a_format_that_does_not_exist_is_a_usage_error() -> None:
    result = kennisbank("check", "--format", "xml")
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        "kennisbank check: fout: --format: onbekende keuze 'xml' (kies uit 'text', 'json')"
    )


@pytest.mark.usefixtures("loaded_once")
def test_every_bad_export_has_its_code() -> None:
    assert set(EXPORT_CODES) == set(BAD_EXPORTS)


@pytest.mark.usefixtures("loaded_once")
@pytest.mark.parametrize("case", BAD_EXPORTS, ids=list(BAD_EXPORTS))
def test_each_bad_export_has_a_stable_code_in_json(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content, expected = BAD_EXPORTS[case]
    path = tmp_path / "team.csv"
    path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8", newline="")
    monkeypatch.chdir(tmp_path)
    text = kennisbank("--root", str(REPO), "analyse", "team.csv", "--rapport", "a.html")
    result = kennisbank("--root", str(REPO), "analyse", "team.csv", "--rapport", "b.html", "--format", "json")
    assert (text.code, result.code) == (1, 1)
    document = json.loads(result.out)  # stdout is the document alone; the report's path is on stderr
    assert [(as_line(p), p["code"]) for p in document["problems"]] == [(expected, EXPORT_CODES[case])]
    assert [line for line in text.lines if not line.endswith(".html")] == [expected]
    assert (tmp_path / "a.html").is_file() == (tmp_path / "b.html").is_file()
    assert ("b.html" in result.err.splitlines()) == (tmp_path / "b.html").is_file()


@pytest.mark.usefixtures("loaded_once")
def test_analyse_json_of_good_exports_is_empty_and_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "team.csv").write_text("respondent,eindterm,huidig,gewenst\nr1,21,3,4\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = kennisbank("--root", str(REPO), "analyse", "team.csv", "--rapport", "r.html", "--format", "json")
    assert (result.code, json.loads(result.out)) == (0, {"version": 1, "problems": [], "count": 0})
    assert result.err.splitlines() == ["r.html"]


def test_analyse_json_names_the_content_errors_that_stop_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_root(REPO, tmp_path / "kb")
    eindtermen = root / "content/eindtermen.yml"
    eindtermen.write_text(eindtermen.read_text(encoding="utf-8") + "- nummer: [1]\n", encoding="utf-8")
    (tmp_path / "team.csv").write_text("respondent,eindterm,huidig,gewenst\nr1,21,3,4\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = kennisbank("--root", str(root), "analyse", "team.csv", "--format", "text")
    result = kennisbank("--root", str(root), "analyse", "team.csv", "--format", "json")
    assert (text.code, result.code) == (2, 2)
    problems = json.loads(result.out)["problems"]
    assert problems and all(p["path"] == "content/eindtermen.yml" for p in problems)
    assert [as_line(p) for p in problems] == text.err.splitlines()[:-1]
    assert not list(tmp_path.glob("analyse-*.html"))


def test_analyse_json_and_format_json_do_not_go_together(tmp_path: Path) -> None:
    result = kennisbank("--root", str(REPO), "analyse", str(tmp_path / "x.csv"), "--json", "--format", "json")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("--json en --format json gaan niet samen")
