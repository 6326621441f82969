"""The JSON Schemas for the editor: fresh, Dutch, and in agreement with `check` (checked with check-jsonschema)."""

from __future__ import annotations

import fnmatch
import functools
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import site
from generator.registry import CONTENT_TYPES
from generator.schema import DRAFT, SCHEMA_DIR, VSCODE_SETTINGS, content_schemas, vscode_settings
from generator.validate import KnowledgeBase, source_files
from tests.conftest import MINI, REPO, run_cli

CHECK_JSONSCHEMA = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
ECOGRAM = (MINI / "content/methoden/ecogram.yml").read_text(encoding="utf-8")
STALE = "schemas/ is niet bij: draai `kennisbank schema` en commit schemas/ en .vscode/settings.json"


@functools.cache
def repo_kb() -> KnowledgeBase:
    linked, problems = site.check(REPO)
    assert not problems.errors
    return linked.kb


def schema_file(name: str) -> Path:
    return REPO / SCHEMA_DIR / f"{name}.schema.json"


def validate(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    if CHECK_JSONSCHEMA is None:
        pytest.fail("check-jsonschema ontbreekt: installeer de dev-extra's (make .venv/.installed)")
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(schema), *map(str, files)], capture_output=True, text=True, timeout=120
    )


def test_the_committed_schemas_are_fresh() -> None:
    expected = content_schemas(repo_kb())
    committed = {path.name: path.read_text(encoding="utf-8") for path in (REPO / SCHEMA_DIR).glob("*.json")}
    assert committed == expected, STALE
    settings = json.loads((REPO / VSCODE_SETTINGS).read_text(encoding="utf-8"))
    assert (REPO / VSCODE_SETTINGS).read_text(encoding="utf-8") == vscode_settings(settings), STALE


def test_every_schema_is_2020_12_with_dutch_titles_and_descriptions() -> None:
    for content_type in CONTENT_TYPES.values():
        schema = json.loads(schema_file(content_type.name).read_text(encoding="utf-8"))
        assert schema["$schema"] == DRAFT
        assert content_type.name in schema["title"] and content_type.name in schema["description"]
        item = schema if content_type.per_file else schema["items"]
        for name, info in content_type.model.model_fields.items():
            assert item["properties"][name]["title"] == name
            assert item["properties"][name]["description"].startswith(info.description)
        # The models' docstrings are English: none of them reaches an editor.
        text = json.dumps(schema, ensure_ascii=False)
        assert (content_type.model.__doc__ or "").strip() not in text


def test_reference_fields_suggest_the_ids_of_existing_items() -> None:
    methode = json.loads(schema_file("methode").read_text(encoding="utf-8"))
    assert set(methode["properties"]["methoden"]["items"]["examples"]) == set(repo_kb().entries["methode"])
    eindtermen = methode["properties"]["eindtermen"]["items"]
    assert eindtermen["type"] == "integer" and 21 in eindtermen["examples"]
    assert "enum" not in methode["properties"]["methoden"]["items"]  # a suggestion, never a rule


def test_vscode_maps_every_content_file_to_its_schema() -> None:
    mapping = json.loads((REPO / VSCODE_SETTINGS).read_text(encoding="utf-8"))["yaml.schemas"]
    for content_type in CONTENT_TYPES.values():
        patterns = mapping[f"./{SCHEMA_DIR}/{content_type.name}.schema.json"]
        files = source_files(REPO, content_type)
        assert files
        for file in files:
            shown = file.relative_to(REPO).as_posix()
            assert any(fnmatch.fnmatch(shown, pattern) for pattern in patterns), shown
        assert (REPO / SCHEMA_DIR / f"{content_type.name}.schema.json").is_file()


@pytest.mark.parametrize("type_name", list(CONTENT_TYPES))
def test_every_real_content_file_validates_against_its_schema(type_name: str) -> None:
    files = source_files(REPO, CONTENT_TYPES[type_name])
    result = validate(schema_file(type_name), *files)
    assert result.returncode == 0, result.stdout + result.stderr


BAD = {
    "unknown field": (
        ECOGRAM.replace("samenvatting:", "samenvattng:") + "samenvatting: x\n",
        "onbekend veld 'samenvattng'; bedoelde je 'samenvatting'?",
        "Additional properties are not allowed ('samenvattng' was unexpected)",
    ),
    "wrong type": (
        ECOGRAM.replace("titel: Ecogram", "titel: [Ecogram]"),
        "veld 'titel': verwacht tekst",
        "is not of type",
    ),
    "missing required": (
        ECOGRAM.replace("soort: methode\n", ""),
        "verplicht veld 'soort' ontbreekt",
        "'soort' is a required",
    ),
    "bad enum": (
        ECOGRAM.replace("status: vastgesteld", "status: klaar"),
        "'klaar' is niet toegestaan",
        "is not one of",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_check_and_the_schema_both_reject(mini_root: Path, case: str) -> None:
    text, check_says, schema_says = BAD[case]
    path = mini_root / "content/methoden/ecogram.yml"
    path.write_text(text, encoding="utf-8")
    checked = run_cli(mini_root, "check")
    assert checked.code == 1 and check_says in checked.out, checked.out
    result = validate(schema_file("methode"), path)
    assert result.returncode == 1 and schema_says in result.stdout, result.stdout


def test_a_new_skeleton_names_its_schema_and_validates(mini_root: Path) -> None:
    made = run_cli(mini_root, "new", "kennisbron", "Een nieuwe bron")
    assert made.code == 0, made.err
    path = mini_root / made.out.strip()
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/kennisbron.schema.json"
    assert (path.parent / first.split("=", 1)[1]).resolve().parent.name == SCHEMA_DIR
    assert validate(schema_file("kennisbron"), path).returncode == 0


def test_schema_writes_what_is_missing_and_then_nothing(mini_root: Path) -> None:
    first = run_cli(mini_root, "schema")
    assert first.code == 0
    assert f"{SCHEMA_DIR}/methode.schema.json" in first.lines and VSCODE_SETTINGS in first.lines
    second = run_cli(mini_root, "schema")
    assert (second.code, second.out) == (0, "") and "De schema's waren al bij." in second.err


def test_yaml_language_server_underlines_completes_and_explains() -> None:
    """What VS Code's YAML extension shows, from the committed .vscode/settings.json and schemas."""
    from tests import yaml_language_server

    if yaml_language_server.server_command() is None:
        pytest.skip(
            "yaml-language-server niet geïnstalleerd (npm install yaml-language-server; YAML_LANGUAGE_SERVER=...)"
        )
    settings = json.loads((REPO / VSCODE_SETTINGS).read_text(encoding="utf-8"))
    text = (
        "id: Proef_1\ntitel: Proef\nsoort: methode\nsamenvattng: Een proef.\nstatus: klaar\nherkomst: Bijlage 9\n"
        "wat: Iets.\nmethoden:\n  - \n"
    )
    result = yaml_language_server.ask(REPO, "content/methoden/proef.yml", text, (8, 4), (1, 2), settings)
    assert "1:5: geen geldige id; gebruik kleine letters, cijfers en koppeltekens" in result.diagnostics
    assert "5:9: niet toegestaan; kies uit vastgesteld, concept" in result.diagnostics
    assert "4:1: Property samenvattng is not allowed." in result.diagnostics
    assert '1:1: Missing property "samenvatting".' in result.diagnostics
    assert set(repo_kb().entries["methode"]) <= set(result.completions)
    assert "Titel zoals lezers hem zien" in result.hover


def test_the_editors_guide_shows_file_names_and_table_headers(mini_root: Path) -> None:
    result = run_cli(mini_root, "build")
    assert result.code == 0, result.err
    guide = (mini_root / "site/redactie/index.html").read_text(encoding="utf-8")
    assert "Bron: <code>leerarrangementen/&lt;id&gt;.yml</code>, één bestand per item." in guide
    assert "<th></th>" not in guide and "<th>Nodig</th>" in guide
    assert "kennisbank schema" in guide and "Opgelost" in guide


def test_new_offers_the_new_id_in_the_schemas_at_once(mini_root: Path) -> None:
    assert run_cli(mini_root, "schema").code == 0
    assert run_cli(mini_root, "new", "methode", "Buurtkaart").code == 0
    schema = json.loads((mini_root / SCHEMA_DIR / "methode.schema.json").read_text(encoding="utf-8"))
    assert "buurtkaart" in schema["properties"]["methoden"]["items"]["examples"]
    assert (run_cli(mini_root, "schema").code, run_cli(mini_root, "schema").out) == (0, "")
