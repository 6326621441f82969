"""`kennisbank new`: write a valid, commented YAML skeleton for a new item.

The skeleton is made from the model: every field appears with its Dutch description; required
fields get a placeholder that passes validation, optional ones are left as comments to fill in.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.link import ref_target
from generator.load import is_inside, os_error_message
from generator.models import LINE_MAX, Item
from generator.registry import CONTENT_TYPES, ContentType
from generator.schema import modeline
from generator.validate import KnowledgeBase

PLACEHOLDER = "Nog in te vullen."
# Values that make a fresh skeleton pass the models' own rules (a reflector needs questions or eindtermen).
STARTING_VALUES: dict[str, dict[str, Any]] = {"reflector": {"soort": "dialoog", "vragen": ["Nog in te vullen?"]}}
FIRST_FIELDS = ("id", "nummer", "titel")
LAST_FIELDS = ("status", "statusnoot", "herkomst")


class NewItemError(Exception):
    """The item cannot be created (unknown type, a file that exists, a collection type)."""


def slugify(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:60].strip("-") or "item"


def free_id(title: str, taken: set[str]) -> str:
    base = slugify(title)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def new_item(root: Path, type_name: str, title: str, kb: KnowledgeBase, another: bool = False) -> Path:
    """Write the skeleton file and return its path; never overwrites, never follows a link.

    another: make the item even when one of this type already has this title (or its id).
    """
    content_type = CONTENT_TYPES.get(type_name)
    if content_type is None:
        kinds = ", ".join(name for name, t in CONTENT_TYPES.items() if t.per_file)
        raise NewItemError(f"onbekende soort '{type_name}'; kies uit {kinds}")
    if not content_type.per_file:
        raise NewItemError(f"'{type_name}' staat in één lijst ({content_type.source}); voeg daar een item toe")
    title = " ".join(title.split())
    if not title:
        raise NewItemError('de titel is leeg; geef een titel, bijvoorbeeld kennisbank new methode "Mijn methode"')
    if len(title) > LINE_MAX:
        raise NewItemError(f"de titel is te lang ({len(title)} tekens; maximaal {LINE_MAX}); kies een kortere titel")
    folder = root / content_type.source
    _check_folder(root, folder)
    existing = None if another else _same_title(root, content_type, title, kb, folder)
    if existing is not None:
        raise NewItemError(
            f"{existing}: er is al een {type_name} met deze titel; pas dat bestand aan, "
            "of maak met --nog-een toch een tweede"
        )
    taken = set(kb.entries.get(type_name, {})) | {Path(name).stem for name in _names(folder)}
    item_id = free_id(title, taken)
    why = content_type.reserved(item_id)
    if why:
        raise NewItemError(f"id '{item_id}' (uit de titel) is gereserveerd: {why}; kies een andere titel")
    path = folder / f"{item_id}.yml"
    shown = path.relative_to(root).as_posix()
    if os.path.lexists(path):
        raise NewItemError(f"{shown} bestaat al; kies een andere titel")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as file:  # O_EXCL: not through a link that appeared since
            file.write(skeleton(content_type, item_id, title, kb))
    except FileExistsError:
        raise NewItemError(f"{shown} bestaat al; kies een andere titel") from None
    except OSError as error:
        raise NewItemError(f"{shown}:1:1: kan niet worden geschreven: {_write_fault(error)}") from None
    return path


def _same_title(root: Path, content_type: ContentType, title: str, kb: KnowledgeBase, folder: Path) -> str | None:
    """Where an item of this type with this title (case and accents aside) or its id stands, if any:
    'path:line:column' of its title."""
    wanted = slugify(title)
    for entry in kb.of(content_type.name):
        if entry.key == wanted or slugify(str(getattr(entry.item, "titel", ""))) == wanted:
            line, column = entry.position("titel")
            return f"{entry.document.path}:{line}:{column}"
    for name in _names(folder):  # a file that does not validate now still holds the item
        # Only a file that can be read: a broken link or a FIFO of that name holds no item (new picks -2).
        if Path(name).stem == wanted and Path(name).suffix in (".yml", ".yaml") and _is_plain_file(folder / name):
            return f"{(folder / name).relative_to(root).as_posix()}:1:1"
    return None


def _is_plain_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # a broken or looping link
        return False


def _names(folder: Path) -> list[str]:
    try:
        return [entry.name for entry in os.scandir(folder)]
    except OSError:
        return []


def _check_folder(root: Path, folder: Path) -> None:
    """Refuse a type's folder that is not one, cannot be read or leads out of the knowledge base."""
    for place in [folder, *folder.parents]:  # the nearest part of the path that is there
        if os.path.lexists(place) or place == root:
            break
    try:
        mode = os.stat(place).st_mode
    except OSError as error:
        problem = os_error_message(error, link=os.path.islink(place), folder=True)
        raise NewItemError(f"{place.relative_to(root).as_posix()}:1:1: {problem}") from None
    if not is_inside(place, root):
        # Name the link that leads out: the first folder on the way down that lies outside.
        below = [p for p in reversed(place.parents) if p != root and p.is_relative_to(root)]
        outside = next(p for p in [*below, place] if not is_inside(p, root))
        raise NewItemError(
            f"{outside.relative_to(root).as_posix()}:1:1: symbolische link verwijst naar een map buiten de "
            "kennisbank; kopieer de map hierheen"
        )
    if not stat.S_ISDIR(mode):
        raise NewItemError(
            f"{place.relative_to(root).as_posix()}:1:1: is geen map; hier hoort een map met YAML-bestanden"
        )


def _write_fault(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "geen schrijfrecht in deze map"
    if error.errno == errno.ENOSPC:
        return "de schijf is vol"
    return f"systeemfout {errno.errorcode.get(error.errno or 0, 'onbekend')}"


def skeleton(content_type: ContentType, item_id: str, title: str, kb: KnowledgeBase) -> str:
    model = content_type.model
    fields = model.model_fields
    order = [*(n for n in FIRST_FIELDS if n in fields)]
    order += [n for n in fields if n not in FIRST_FIELDS and n not in LAST_FIELDS]
    order += [n for n in LAST_FIELDS if n in fields]
    known = {
        "id": item_id,
        "titel": title,
        "nummer": _next_number(kb, content_type),
        "status": "concept",
        "statusnoot": "Nieuw item; nog niet vergeleken met het rapport.",
        "herkomst": "Nog in te vullen",
        **STARTING_VALUES.get(content_type.name, {}),
    }
    lines = [
        modeline(content_type, f"{content_type.source}/{item_id}.yml"),
        f"# Nieuw item van soort '{content_type.name}'. Regels met # zijn uitleg; haal # weg om een veld te gebruiken.",
    ]
    for name in order:
        info = fields[name]
        lines.append(f"# {info.description}{field_status(info, shown=name in known)}")
        value = known[name] if name in known else _placeholder(info, kb) if info.is_required() else None
        if value is None:
            lines.append(f"# {name}:")
        else:
            lines.append(yaml.safe_dump({name: value}, allow_unicode=True, sort_keys=False, width=100).rstrip())
    return "\n".join(lines) + "\n"


def field_status(info: FieldInfo, shown: bool = False) -> str:
    """' (aanbevolen)' or ' (optioneel)' for fields an editor may leave out; '' for required ones."""
    if info.is_required() or shown:
        return ""
    extra = info.json_schema_extra
    return " (aanbevolen)" if isinstance(extra, dict) and extra.get("aanbevolen") else " (optioneel)"


def _next_number(kb: KnowledgeBase, content_type: ContentType) -> int | None:
    if "nummer" not in content_type.model.model_fields:
        return None
    numbers = [getattr(e.item, "nummer", None) or 0 for e in kb.of(content_type.name)]
    return max(numbers, default=0) + 1


def _placeholder(info: FieldInfo, kb: KnowledgeBase) -> Any:
    annotation = info.annotation
    if get_origin(annotation) is list:
        element = get_args(annotation)[0]
        return [_single(element, kb)]
    return _single(annotation, kb)


def _single(annotation: Any, kb: KnowledgeBase) -> Any:
    target = ref_target(annotation)
    if target and target != "*":
        first = next(iter(kb.entries.get(target, {})), None)
        return int(first) if first and first.isdigit() else first
    if get_origin(annotation) is Literal:
        return get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and not issubclass(annotation, Item):
        return {name: _placeholder(sub, kb) for name, sub in annotation.model_fields.items() if sub.is_required()}
    if annotation is int:
        return 1
    return PLACEHOLDER
