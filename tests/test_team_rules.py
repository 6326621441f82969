"""One rule, two implementations: team.js in Chromium and `kennisbank analyse` read the same messy files alike.

Seeded sets of exports in every format the site writes or a colleague's Excel makes, with the faults
a real team produces (the same file twice, a colleague in two files, an empty code, a value out of
range, a background question, another reflector's file, a broken file). The page's script and the CLI
must agree on every figure, every respondent, the "bespreek eerst" list, the open answers and every
problem (file, line, column, message).
"""

from __future__ import annotations

import contextlib
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.conftest import REPO

REFLECTOR = "coachen-van-leerprocessen"
ITEMS = [43, 46, 47, 49, 50, 51, 52, 53, 54, 57]
PAGE = f"reflectoren/{REFLECTOR}/team/"
NEW_HEADER = ["respondent", "reflector", "team", "datum", "eindterm", "tekst", "huidig", "gewenst", "antwoord"]


def _value(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.04:
        return rng.choice(["7", "0", "x", "2,5"])
    if roll < 0.1:
        return ""
    return str(rng.randint(1, 5))


def _rows(rng: random.Random, code: str) -> list[dict[str, str]]:
    rows = []
    for number in ITEMS:
        if rng.random() < 0.1:
            continue
        rows.append({"eindterm": str(number), "huidig": _value(rng), "gewenst": _value(rng), "antwoord": ""})
    if rng.random() < 0.3:
        rows.append({"eindterm": rng.choice(["3", "999", "8", "24"]), "huidig": "2", "gewenst": "3", "antwoord": ""})
    if rng.random() < 0.2 and rows:
        rows.append(dict(rows[0]))  # the same eindterm twice
    if rng.random() < 0.6:
        rows.append({"eindterm": rng.choice(["leerruimte", "actie"]), "huidig": "", "gewenst": "", "antwoord": code})
    return rows


def _csv(rows: list[dict[str, str]], code: str, day: str, *, excel: bool, reflector: str) -> bytes:
    if excel:
        lines = [";".join(NEW_HEADER)]
        for row in rows:
            cells = [code, reflector, "Team Zuid", day, row["eindterm"], "tekst; met puntkomma", row["huidig"]]
            cells += [row["gewenst"], row["antwoord"]]
            lines.append(";".join(f'"{c}"' if ";" in c else c for c in cells))
        return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    lines = ["respondent,eindterm,huidig,gewenst,team,datum"]
    lines += [f"{code},{r['eindterm']},{r['huidig']},{r['gewenst']},Team Zuid,{day}" for r in rows if not r["antwoord"]]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _json(rows: list[dict[str, str]], code: str, day: str, *, reflector: str) -> bytes:
    def number(text: str) -> int | None:
        return int(text) if text.isdigit() else None

    answers: list[dict[str, Any]] = []
    for row in rows:
        key: int | str = int(row["eindterm"]) if row["eindterm"].isdigit() else row["eindterm"]
        entry: dict[str, Any] = {"eindterm": key, "tekst": "t"}
        if row["antwoord"]:
            entry["antwoord"] = row["antwoord"]
        else:
            entry.update(huidig=number(row["huidig"]), gewenst=number(row["gewenst"]))
        answers.append(entry)
    data = {"formaat": "kennisbank-reflector", "versie": 2, "reflector": reflector, "respondent": code}
    data.update(team="Team Zuid", datum=day, antwoorden=answers)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def messy_team(seed: int) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    files: list[tuple[str, bytes]] = []
    for index in range(rng.randint(4, 9)):
        code = rng.choice(["", "A1", "B2", "C3", "D4", "E5", "F6", "G7", "anoniem-k3x9", f"R{index}"])
        day = rng.choice(["2026-11-02", "03-11-2026", "2026-11-04"])
        rows = _rows(rng, code)
        reflector = REFLECTOR if rng.random() < 0.9 else "digitale-reflector"
        kind = rng.choice(["excel", "excel", "old", "json"])
        name = f"export-{index}.{'json' if kind == 'json' else 'csv'}"
        if kind == "json":
            data = _json(rows, code, day, reflector=reflector)
        else:
            data = _csv(rows, code, day, excel=kind == "excel", reflector=reflector)
        files.append((name, data))
    if rng.random() < 0.5:
        files.append((f"kopie-{files[0][0]}", files[0][1]))
    if rng.random() < 0.3:
        broken = [
            b"",
            b"respondent;eindterm\nA;8\n",
            b"respondnet;eindterm;huidig;gewenst\nA;43;2;3\n",
            b"respondent;eindterm;huidig;gewenst;huidig\nA;43;2;3;1\n",
            b"respondent,eindterm,huidig,gewenst\nA,43,2\nA,46,2,3,4\n",
            "respondent,eindterm,huidig,gewenst\nJosé,43,2,3\n".encode("latin-1"),
            b"{",
            b'{"antwoorden": [1, {"eindterm": 43, "huidig": 2.0, "gewenst": true}]}',
        ]
        files.append(("kapot.csv", rng.choice(broken)))
    return files


def _cli(folder: Path, names: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(folder)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main(["--root", str(REPO), "analyse", "--reflector", REFLECTOR, "--json", *names])
    if out.getvalue().strip():
        return json.loads(out.getvalue())
    # Nothing answered in any file: no analysis, only the problem lines (on stderr with --json).
    lines = [line.split(":", 3) for line in err.getvalue().splitlines()[:-1]]
    return {"problemen": [{"pad": p, "regel": int(r), "kolom": int(k), "melding": m.strip()} for p, r, k, m in lines]}


def _page(page: Any, files: list[tuple[str, bytes]]) -> dict[str, Any]:
    return page.evaluate(
        """files => {
        const T = window.kennisbankTeam
        const reference = T.prepare(JSON.parse(document.querySelector('.kb-team-data').textContent))
        const read = T.readAll(files.map(f => ({ name: f[0], bytes: new Uint8Array(f[1]) })), reference)
        const problems = []
        for (const f of read.files) {
            for (const p of f.problems) problems.push([f.name, p.line, p.column, p.severity, p.message])
        }
        return { result: read.answers.length || read.open.length ? T.analyse(read, reference) : null, problems }
        }""",
        [[name, list(data)] for name, data in files],
    )


def _tenths(value: float | None) -> int | None:
    return None if value is None else round(value * 10)


def _figures(item: dict[str, Any]) -> dict[str, Any]:
    """The CLI's figures in the page's units (whole tenths)."""
    return {
        "huidig": [_tenths(v) for v in item["huidig"]],
        "gewenst": [_tenths(v) for v in item["gewenst"]],
        "laag_huidig": _tenths(item["laag_huidig"]),
        "hoog_gewenst": _tenths(item["hoog_gewenst"]),
        "leerruimte": _tenths(item["leerruimte"]),
        "signalen": item["signalen"],
        "n": (item["n_huidig"], item["n_gewenst"], item["n_leerruimte"]),
        "basis": {key: _tenths(item["basis_2015"][key]) for key in ("laag_huidig", "hoog_gewenst", "leerruimte")},
    }


def _page_figures(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "huidig": item["huidig"],
        "gewenst": item["gewenst"],
        "laag_huidig": item["laag_huidig"],
        "hoog_gewenst": item["hoog_gewenst"],
        "leerruimte": item["leerruimte"],
        "signalen": item["signalen"],
        "n": (item["n_huidig"], item["n_gewenst"], item["n_leerruimte"]),
        "basis": {key: item["basis"][key] for key in ("laag_huidig", "hoog_gewenst", "leerruimte")},
    }


@pytest.mark.parametrize("seed", range(12))
def test_page_and_cli_read_a_messy_team_alike(
    seed: int, site_in_browser: tuple[Any, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser, base = site_in_browser
    files = messy_team(seed)
    for name, data in files:
        (tmp_path / name).write_bytes(data)
    expected = _cli(tmp_path, [name for name, _ in files], monkeypatch)
    page = browser.new_page()
    page.goto(base + PAGE)
    shown = _page(page, files)
    page.close()

    with_severity = all("ernst" in p for p in expected["problemen"])
    cli_problems = [[p["pad"], p["regel"], p["kolom"], p.get("ernst"), p["melding"]] for p in expected["problemen"]]
    page_problems = [
        [name, line, column, severity if with_severity else None, message]
        for name, line, column, severity, message in shown["problems"]
    ]
    assert page_problems == cli_problems  # the same messages, in the same order
    result = shown["result"]
    if not expected.get("eindtermen") and result is None:
        return
    assert result["respondenten"] == expected["respondenten"]
    assert result["antwoorden"] == expected["antwoorden"]
    assert result["teams"] == expected["teams"]
    assert result["periode"] == expected["periode"]
    assert result["bespreek_eerst"] == expected["bespreek_eerst"]
    assert [q["antwoorden"] for q in result["open_antwoorden"]] == [
        q["antwoorden"] for q in expected["open_antwoorden"] if q["antwoorden"]
    ]
    assert [e["eindterm"] for e in result["eindtermen"]] == [e["eindterm"] for e in expected["eindtermen"]]
    for mine, theirs in zip(result["eindtermen"], expected["eindtermen"], strict=True):
        assert _page_figures(mine) == _figures(theirs), mine["eindterm"]
    for key in ("dimensies", "concepten"):
        assert [g["titel"] for g in result[key]] == [g["titel"] for g in expected[key]]
        for mine, theirs in zip(result[key], expected[key], strict=True):
            assert mine["eindtermen"] == theirs["eindtermen"]
            assert _page_figures(mine) == _figures(theirs), (key, mine["titel"])
