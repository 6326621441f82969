"""JSON Schemas of the content types for the editor (VS Code's YAML extension, yaml-language-server).

Made from the pydantic models, so they say what `check` says about fields, types, required fields and
allowed values, in Dutch, and they offer the ids of existing items for reference fields. What a schema
cannot know (does the id exist, is it used twice, where exactly) stays with `check`.
`kennisbank schema` writes them to schemas/ and maps them in .vscode/settings.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.link import field_ref, nested_models
from generator.models import SLUG_PATTERN
from generator.registry import CONTENT_TYPES, ContentType
from generator.validate import KnowledgeBase

SCHEMA_DIR = "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
VSCODE_SETTINGS = ".vscode/settings.json"


def schema_name(content_type: ContentType) -> str:
    return f"{content_type.name}.schema.json"


def schema_path(root: Path, content_type: ContentType) -> Path:
    return root / SCHEMA_DIR / schema_name(content_type)


def modeline(content_type: ContentType, file: str) -> str:
    """The first line of a content file (root-relative `file`) that names its schema for yaml-language-server."""
    depth = file.count("/")
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{schema_name(content_type)}"


def content_schemas(kb: KnowledgeBase) -> dict[str, str]:
    """Every schema file (path below schemas/ → JSON text) for the content in `kb`."""
    return {schema_name(t): _dump(_type_schema(t, kb)) for t in CONTENT_TYPES.values()}


def vscode_settings(existing: dict[str, Any] | None = None) -> str:
    """.vscode/settings.json with `yaml.schemas` mapping each content folder and list file to its schema;
    other settings already there are kept."""
    settings = dict(existing or {})
    mapping: dict[str, list[str]] = {}
    for content_type in CONTENT_TYPES.values():
        if content_type.per_file:
            patterns = [f"{content_type.source}/*.yml", f"{content_type.source}/*.yaml"]
        else:
            patterns = [content_type.source, f"{content_type.parts}/*.yml", f"{content_type.parts}/*.yaml"]
        mapping[f"./{SCHEMA_DIR}/{schema_name(content_type)}"] = patterns
    settings["yaml.schemas"] = mapping
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def write_schemas(root: Path, kb: KnowledgeBase) -> list[Path]:
    """Write the schemas and .vscode/settings.json; returns the files whose text changed."""
    files = {root / SCHEMA_DIR / name: text for name, text in content_schemas(kb).items()}
    settings_path = root / VSCODE_SETTINGS
    try:
        existing = json.loads(settings_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        existing = {}
    files[settings_path] = vscode_settings(existing if isinstance(existing, dict) else {})
    written = []
    for path, text in files.items():
        try:
            if path.read_text(encoding="utf-8") == text:
                continue
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _type_schema(content_type: ContentType, kb: KnowledgeBase) -> dict[str, Any]:
    model = content_type.model
    item = model.model_json_schema()
    definitions = item.pop("$defs", {})
    models = {m.__name__: m for m in _all_models(model)}
    for name, definition in definitions.items():
        _dutch(definition, models[name], kb, f"Onderdeel: {name.lower()}")
    _dutch(item, model, kb, f"Eén {content_type.name}")
    if content_type.per_file:
        item.pop("title")
        schema = {
            "$schema": DRAFT,
            "title": f"{content_type.title}: één {content_type.name} per bestand",
            "description": f"Eén {content_type.name} in {content_type.source}/<id>.yml; de id is de bestandsnaam.",
            **item,
        }
    else:
        where = f"{content_type.source} (en {content_type.parts}/*.yml)"
        schema = {
            "$schema": DRAFT,
            "title": f"{content_type.title}: een lijst van items van soort '{content_type.name}'",
            "description": f"De items van soort '{content_type.name}' in {where}, elk beginnend met '- '.",
            "type": "array",
            "items": item,
        }
    if definitions:
        schema["$defs"] = definitions
    _dutch_errors(schema)
    return schema


def _dutch_errors(node: Any) -> None:
    """Dutch messages for yaml-language-server (it has no Dutch of its own) where one rule decides: an
    enum and an id pattern. Other validators ignore these keywords."""
    if isinstance(node, list):
        for element in node:
            _dutch_errors(element)
    if not isinstance(node, dict):
        return
    if isinstance(node.get("enum"), list):
        node["errorMessage"] = "niet toegestaan; kies uit " + ", ".join(str(value) for value in node["enum"])
    if node.get("pattern") == SLUG_PATTERN:
        node["patternErrorMessage"] = "geen geldige id; gebruik kleine letters, cijfers en koppeltekens"
    for value in node.values():
        _dutch_errors(value)


def _all_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    found, pending = [], [model]
    while pending:
        current = pending.pop()
        if current in found:
            continue
        found.append(current)
        for info in current.model_fields.values():
            pending.extend(nested_models(info.annotation))
    return found


def _dutch(schema: dict[str, Any], model: type[BaseModel], kb: KnowledgeBase, title: str) -> None:
    """Replace the model's English docstring by a Dutch title, mark recommended fields and offer the ids
    of existing items as suggestions in reference fields (as `examples`: completion, never a rule)."""
    schema.pop("description", None)
    schema["title"] = title
    for name, info in model.model_fields.items():
        prop = schema["properties"][name]
        prop["title"] = name
        if prop.pop("aanbevolen", False):  # from models.field(recommended=True)
            prop["description"] = f"{info.description} (aanbevolen)"
        target = field_ref(info)
        if target and target in kb.entries:
            _suggest(prop, _ids(kb, target))


def _ids(kb: KnowledgeBase, type_name: str) -> list[str | int]:
    keys = list(kb.entries.get(type_name, {}))
    return [int(key) if key.isdigit() else key for key in keys]


def _suggest(node: dict[str, Any], ids: list[str | int]) -> None:
    """Put `ids` as examples on the scalar schemas of a reference field (in a list, or beside null)."""
    if "items" in node:
        _suggest(node["items"], ids)
    for branch in node.get("anyOf", []):
        if branch.get("type") != "null":
            _suggest(branch, ids)
    if node.get("type") in ("string", "integer"):
        node["examples"] = [i for i in ids if isinstance(i, int) == (node["type"] == "integer")]
