"""Link stage: resolve every reference (in fields and in prose) and compute backlinks.

Prose references use one syntax: `[[type:id]]` or `[[type:id|link text]]`, e.g. `[[methode:sonestra]]`
or `[[eindterm:21]]`. A reference to a missing item is an error naming the field and, when one is
close, the id that was probably meant.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.load import Loc
from generator.models import Concept, Eindterm, Ref
from generator.problems import Problems
from generator.registry import CONTENT_TYPES
from generator.validate import Entry, KnowledgeBase

REFERENCE = re.compile(r"\[\[([^\[\]:|\n]*):([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")


@dataclass(frozen=True)
class Link:
    """One reference from an item (in `field`) to another item."""

    source: Entry
    field: str
    target: Entry
    in_prose: bool


@dataclass
class LinkedKnowledgeBase:
    """The knowledge base with every reference resolved, in both directions."""

    kb: KnowledgeBase
    outgoing: dict[tuple[str, str], list[Link]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[tuple[str, str], list[Link]] = field(default_factory=lambda: defaultdict(list))
    made: set[tuple[str, str, int, str]] = field(default_factory=set, repr=False)
    """(source type, source id, id() of the target entry, field) of every link made, so each is made once."""

    def links_to(self, entry: Entry) -> list[Link]:
        return self.incoming.get((entry.type.name, entry.key), [])


def link(kb: KnowledgeBase, problems: Problems) -> LinkedKnowledgeBase:
    """Resolve every reference of every item, reporting the ones that point nowhere."""
    linked = LinkedKnowledgeBase(kb)
    for entries in kb.entries.values():
        for entry in entries.values():
            for loc, value, target_type in _values(entry.item, ()):
                if target_type is not None:
                    _resolve_field(linked, entry, loc, target_type, str(value), problems)
                elif isinstance(value, str):
                    for match in REFERENCE.finditer(value):
                        _resolve_prose(linked, entry, loc, match, problems)
    for entry in kb.of("eindterm"):
        _check_dimension(kb, entry, problems)
    _warn_incomplete(linked, problems)
    return linked


def _warn_incomplete(linked: LinkedKnowledgeBase, problems: Problems) -> None:
    """Warnings, not errors: items with their own page that nothing links to, and empty recommended fields."""
    referable = _field_targets()
    for content_type in CONTENT_TYPES.values():
        if content_type.layout != "pages":
            continue
        for entry in linked.kb.of(content_type.name):
            if content_type.name in referable and not linked.links_to(entry):
                line, column = entry.position(entry.item.key_field)
                problems.warn(
                    entry.document.path, line, column, f"niets verwijst naar {content_type.name} '{entry.key}'"
                )
            for name, info in type(entry.item).model_fields.items():
                extra = info.json_schema_extra
                if isinstance(extra, dict) and extra.get("aanbevolen") and not getattr(entry.item, name):
                    line, column = entry.position()
                    problems.warn(entry.document.path, line, column, f"aanbevolen veld '{name}' is leeg")


def _field_ref(info: FieldInfo) -> str | None:
    """The type a field refers to, if it is a reference field (pydantic keeps top-level metadata apart)."""
    return ref_target(info.annotation) or next((m.target for m in info.metadata if isinstance(m, Ref)), None)


def _field_targets() -> set[str]:
    """Types that some field of some model refers to: only for those is "nothing links here" worth a warning."""
    targets: set[str] = set()
    pending: list[type[BaseModel]] = [t.model for t in CONTENT_TYPES.values()]
    while pending:
        model = pending.pop()
        for info in model.model_fields.values():
            target = _field_ref(info)
            if target:
                targets.add(target)
            pending.extend(_nested_models(info.annotation))
    return targets


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for argument in get_args(annotation) for m in _nested_models(argument)]


@functools.cache
def _model_refs(model: type[BaseModel]) -> tuple[tuple[str, str | None], ...]:
    """Every field of a model with, for a reference field, the type it refers to (worked out once per model)."""
    return tuple((name, _field_ref(info)) for name, info in model.model_fields.items())


def _values(model: BaseModel, loc: Loc) -> Iterator[tuple[Loc, Any, str | None]]:
    """Every leaf value of a model with its location and, for references, the target type."""
    for name, target in _model_refs(type(model)):
        yield from _leaves(getattr(model, name), (*loc, name), target)


def _leaves(value: Any, loc: Loc, target: str | None) -> Iterator[tuple[Loc, Any, str | None]]:
    if isinstance(value, BaseModel):
        yield from _values(value, loc)
    elif isinstance(value, list):
        for index, element in enumerate(value):
            yield from _leaves(element, (*loc, index), target)
    elif value is not None:
        yield loc, value, target


def ref_target(annotation: Any) -> str | None:
    if get_origin(annotation) is Annotated:
        found = [m.target for m in annotation.__metadata__ if isinstance(m, Ref)]
        if found:
            return found[0]
    for argument in get_args(annotation):
        target = ref_target(argument)
        if target:
            return target
    return None


def _field_name(loc: Loc) -> str:
    return ".".join(str(part) for part in loc if isinstance(part, str))


def _missing(kb: KnowledgeBase, target_type: str, key: str, where: str = "") -> str:
    message = f"verwijzing naar onbekende {target_type} '{key}'{where}"
    close = difflib.get_close_matches(key, list(kb.entries.get(target_type, {})), n=1, cutoff=0.6)
    return message + (f"; bedoelde je '{close[0]}'?" if close else "")


def _add(linked: LinkedKnowledgeBase, source: Entry, loc: Loc, target: Entry, in_prose: bool) -> None:
    name = _field_name(loc)
    made = (source.type.name, source.key, id(target), name)
    if made not in linked.made:
        linked.made.add(made)
        new = Link(source, name, target, in_prose)
        linked.outgoing[(source.type.name, source.key)].append(new)
        linked.incoming[(target.type.name, target.key)].append(new)


def _resolve_field(
    linked: LinkedKnowledgeBase, entry: Entry, loc: Loc, target_type: str, key: str, problems: Problems
) -> None:
    if target_type == "*":  # any type, written as "type:id"
        target_type, _, key = key.partition(":")
    line, column = entry.position(*loc)
    _resolve(linked, entry, loc, target_type, key, (line, column), "", problems)


def _resolve_prose(
    linked: LinkedKnowledgeBase, entry: Entry, loc: Loc, match: re.Match[str], problems: Problems
) -> None:
    position = entry.document.text_position(entry.loc + loc, match.group(0))
    type_name, key = match.group(1).strip(), match.group(2).strip()
    _resolve(linked, entry, loc, type_name, key, position, f" in {match.group(0)}", problems)


def _resolve(
    linked: LinkedKnowledgeBase,
    entry: Entry,
    loc: Loc,
    type_name: str,
    key: str,
    position: tuple[int, int],
    written: str,
    problems: Problems,
) -> None:
    """Link `entry` to the item `type_name:key`, or report why that item does not exist."""
    if type_name not in CONTENT_TYPES:
        close = difflib.get_close_matches(type_name, list(CONTENT_TYPES), n=1, cutoff=0.5)
        hint = f"bedoelde je '{close[0]}'?" if close else f"kies uit {', '.join(CONTENT_TYPES)}"
        message = f"veld '{_field_name(loc)}': onbekende soort '{type_name}'{written}; {hint}"
        problems.add(entry.document.path, *position, message)
        return
    target = linked.kb.get(type_name, key)
    if target is None and (type_name, key) in linked.kb.broken:
        return  # the broken file itself is reported; its id is not missing
    if target is None:
        message = f"veld '{_field_name(loc)}': " + _missing(linked.kb, type_name, key, written)
        problems.add(entry.document.path, *position, message)
        return
    _add(linked, entry, loc, target, in_prose=bool(written))


def _check_dimension(kb: KnowledgeBase, entry: Entry, problems: Problems) -> None:
    item = entry.item
    assert isinstance(item, Eindterm)
    concept = kb.get("concept", item.concept) if item.concept else None
    if item.dimensie is None or concept is None:
        return
    assert isinstance(concept.item, Concept)
    known = [dimension.id for dimension in concept.item.dimensies]
    if item.dimensie not in known:
        line, column = entry.position("dimensie")
        close = difflib.get_close_matches(item.dimensie, known, n=1, cutoff=0.6)
        hint = f"bedoelde je '{close[0]}'?" if close else f"kies uit {', '.join(known)}"
        problems.add(
            entry.document.path,
            line,
            column,
            f"veld 'dimensie': concept '{item.concept}' heeft geen dimensie '{item.dimensie}'; {hint}",
        )
