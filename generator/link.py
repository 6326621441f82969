"""Link stage: resolve every reference (in fields and in prose) and compute backlinks.

Prose references use one syntax: `[[type:id]]` or `[[type:id|link text]]`, e.g. `[[methode:sonestra]]`
or `[[eindterm:21]]`. A reference to a missing item is an error naming the field and, when one is
close, the id that was probably meant.
"""

from __future__ import annotations

import difflib
import functools
import re
import weakref
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.load import Loc
from generator.models import Concept, Eindterm, ProseMark, Ref
from generator.problems import Problem, Problems
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
    touched: set[Entry] | None = None
    """After an update in place (the live preview): the edited entries and the entries they link
    with, both ways; every other entry shows exactly what it showed before. None: anything may differ."""

    def links_to(self, entry: Entry) -> list[Link]:
        return self.incoming.get((entry.type.name, entry.key), [])


def link(kb: KnowledgeBase, problems: Problems, previous: LinkedKnowledgeBase | None = None) -> LinkedKnowledgeBase:
    """Resolve every reference of every item, reporting the ones that point nowhere.

    previous: the last result for the same content root that had no errors (the live preview). When
    the edits since then changed no id and no reference, its links are reused with the edited entries
    swapped in.
    """
    linked = _relinked(previous, kb) if previous is not None else None
    if linked is None:
        linked = _linked(kb, problems)
    referred: set[tuple[str, str]] = set()  # by items with errors: not "nothing links here"
    for entry in kb.partial:  # items with errors: their other faults are reported in the same run
        for ref in _references(entry):
            if _resolve(linked, entry, ref, problems) is not None:
                referred.add((ref.type_name, ref.key))
    for entry in kb.of("eindterm"):
        _check_dimension(kb, entry, problems)
    _check_prose(kb, problems)
    _warn_incomplete(linked, problems, referred)
    return linked


def _linked(kb: KnowledgeBase, problems: Problems) -> LinkedKnowledgeBase:
    linked = LinkedKnowledgeBase(kb)
    for type_name, entries in kb.entries.items():
        for key, entry in entries.items():
            outgoing: list[Link] = []
            seen: set[tuple[Entry, str]] = set()
            for ref in _references(entry):
                target = _resolve(linked, entry, ref, problems)
                if target is not None and (target, ref.field) not in seen:
                    seen.add((target, ref.field))
                    new = Link(entry, ref.field, target, bool(ref.written))
                    outgoing.append(new)
                    linked.incoming[(target.type.name, target.key)].append(new)
            if outgoing:
                linked.outgoing[(type_name, key)] = outgoing
    return linked


def _relinked(previous: LinkedKnowledgeBase, kb: KnowledgeBase) -> LinkedKnowledgeBase | None:
    """`previous` updated to `kb` in place, or None when changed ids or references make that unsafe."""
    old_kb = previous.kb
    if kb.broken != old_kb.broken or list(kb.entries) != list(old_kb.entries):
        return None
    changed: list[tuple[Entry, Entry]] = []
    for type_name, entries in kb.entries.items():
        old_entries = old_kb.entries[type_name]
        if list(entries) != list(old_entries):
            return None
        changed.extend(
            (old, new) for old, new in zip(old_entries.values(), entries.values(), strict=True) if old is not new
        )
    for old, new in changed:
        if [(r.field, r.type_name, r.key) for r in _references(old)] != [
            (r.field, r.type_name, r.key) for r in _references(new)
        ]:
            return None
    touched = {new for _, new in changed}
    for _, new in changed:  # the same links; the edited entries take the place of the old ones
        key = (new.type.name, new.key)
        for link_ in list(previous.outgoing.get(key, [])):
            _swap(previous, link_, Link(new, link_.field, link_.target, link_.in_prose))
        for link_ in list(previous.incoming.get(key, [])):
            _swap(previous, link_, Link(link_.source, link_.field, new, link_.in_prose))
        touched.update(link_.target for link_ in previous.outgoing.get(key, []))
        touched.update(link_.source for link_ in previous.incoming.get(key, []))
    previous.kb = kb
    previous.touched = touched
    return previous


def _swap(linked: LinkedKnowledgeBase, old: Link, new: Link) -> None:
    """Put `new` where `old` stands, in its source's outgoing and its target's incoming list."""
    for links in (
        linked.outgoing[(old.source.type.name, old.source.key)],
        linked.incoming[(old.target.type.name, old.target.key)],
    ):
        links[next(i for i, link_ in enumerate(links) if link_ is old)] = new


@dataclass(frozen=True)
class _Reference:
    """One reference as written in an item: where, to what, and (for prose) the text written."""

    loc: Loc
    field: str
    type_name: str
    key: str
    position: tuple[int, int]
    written: str


# An item's references, found once per Entry: the live preview links unchanged (identical) entries again.
_REFERENCES: weakref.WeakKeyDictionary[Entry, list[_Reference]] = weakref.WeakKeyDictionary()


def _references(entry: Entry) -> list[_Reference]:
    found = _REFERENCES.get(entry)
    if found is not None:
        return found
    found = []
    for loc, value, target_type in _values(entry.item, ()):
        if target_type is not None:
            type_name, key = target_type, str(value)
            if type_name == "*":  # any type, written as "type:id"
                type_name, _, key = key.partition(":")
            found.append(_Reference(loc, _field_name(loc), type_name, key, entry.position(*loc), ""))
        elif isinstance(value, str) and "[[" in value:
            for match in REFERENCE.finditer(value):
                position = entry.document.text_position(entry.loc + loc, match.group(0))
                type_name, key = match.group(1).strip(), match.group(2).strip()
                found.append(_Reference(loc, _field_name(loc), type_name, key, position, f" in {match.group(0)}"))
    _REFERENCES[entry] = found
    return found


def _warn_incomplete(linked: LinkedKnowledgeBase, problems: Problems, referred: set[tuple[str, str]]) -> None:
    """Warnings, not errors: items with their own page that nothing links to, and empty recommended fields."""
    referable = _field_targets()
    for content_type in CONTENT_TYPES.values():
        if content_type.layout != "pages":
            continue
        for entry in linked.kb.of(content_type.name):
            unlinked = (
                content_type.name in referable
                and not linked.links_to(entry)
                and (content_type.name, entry.key) not in referred
            )
            kept = _WARNINGS.get(entry)
            if kept is None or kept[0] != unlinked:
                kept = _WARNINGS[entry] = (unlinked, _warnings(entry, unlinked))
            problems.items.extend(kept[1])


# An item's warnings, found once per Entry (and whether anything links to it).
_WARNINGS: weakref.WeakKeyDictionary[Entry, tuple[bool, list[Problem]]] = weakref.WeakKeyDictionary()


def _warnings(entry: Entry, unlinked: bool) -> list[Problem]:
    found = Problems()
    if unlinked:
        line, column = entry.position(entry.item.key_field)
        found.warn(entry.document.path, line, column, "KB310", f"niets verwijst naar {entry.type.name} '{entry.key}'")
    for name, info in type(entry.item).model_fields.items():
        extra = info.json_schema_extra
        if isinstance(extra, dict) and extra.get("aanbevolen") and not getattr(entry.item, name):
            line, column = entry.position()
            found.warn(entry.document.path, line, column, "KB311", f"aanbevolen veld '{name}' is leeg")
    return found.items


def field_ref(info: FieldInfo) -> str | None:
    """The type a field refers to, if it is a reference field (pydantic keeps top-level metadata apart)."""
    return ref_target(info.annotation) or next((m.target for m in info.metadata if isinstance(m, Ref)), None)


@functools.cache
def _field_targets() -> set[str]:
    """Types that some field of some model refers to: only for those is "nothing links here" worth a warning."""
    targets: set[str] = set()
    pending: list[type[BaseModel]] = [t.model for t in CONTENT_TYPES.values()]
    while pending:
        model = pending.pop()
        for info in model.model_fields.values():
            target = field_ref(info)
            if target:
                targets.add(target)
            pending.extend(nested_models(info.annotation))
    return targets


def nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for argument in get_args(annotation) for m in nested_models(argument)]


@functools.cache
def _model_refs(model: type[BaseModel]) -> tuple[tuple[str, str | None], ...]:
    """Every field of a model with, for a reference field, the type it refers to (worked out once per model)."""
    return tuple((name, field_ref(info)) for name, info in model.model_fields.items())


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


def _resolve(linked: LinkedKnowledgeBase, entry: Entry, ref: _Reference, problems: Problems) -> Entry | None:
    """The item `ref` points at, or None after reporting why that item does not exist."""
    target = linked.kb.get(ref.type_name, ref.key)
    if target is not None:
        return target
    where = f"veld '{ref.field}': "
    if ref.type_name not in CONTENT_TYPES:
        close = difflib.get_close_matches(ref.type_name, list(CONTENT_TYPES), n=1, cutoff=0.5)
        hint = f"bedoelde je '{close[0]}'?" if close else f"kies uit {', '.join(CONTENT_TYPES)}"
        problems.add(
            entry.document.path,
            *ref.position,
            "KB302",
            f"{where}onbekende soort '{ref.type_name}'{ref.written}; {hint}",
        )
    elif (ref.type_name, ref.key) not in linked.kb.broken:  # a broken file is reported itself
        problems.add(
            entry.document.path,
            *ref.position,
            "KB301",
            where + _missing(linked.kb, ref.type_name, ref.key, ref.written),
        )
    return None


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
            "KB303",
            f"veld 'dimensie': concept '{item.concept}' heeft geen dimensie '{item.dimensie}'; {hint}",
        )


# Prose that may hold a Markdown link or image: "](", "]:" or "][" once its [[type:id]] references are out.
_LINKISH = re.compile(r"\]\s*[(:\[]")


def _check_prose(kb: KnowledgeBase, problems: Problems) -> None:
    """Links and images in prose that the site cannot show as written: a relative link to a file the
    build does not make (MkDocs would stop the build with an English warning naming the generated
    page), an absolute path, an image from elsewhere. Reported at the link, in the YAML."""
    from generator.prose import ProseRenderer  # late: render imports this module
    from generator.render import page_of, site_files

    renderer: ProseRenderer | None = None
    partial: dict[Any, Entry] = {id(entry): entry for entry in kb.partial}
    for entries in [*kb.entries.values(), partial]:
        for entry in entries.values():
            for loc, text in _prose_leaves(entry.item, ()):
                plain = REFERENCE.sub(lambda m: m.group(3) or m.group(2), text) if "[[" in text else text
                if not _LINKISH.search(plain) and "![" not in plain:
                    continue
                if renderer is None:
                    files = site_files(kb)
                    renderer = ProseRenderer(files.__contains__)
                page_type = CONTENT_TYPES[entry.type.page_type]
                page = page_of(page_type, entry.key if page_type is entry.type else None)
                for finding in renderer.findings(plain, page):
                    line, column = entry.document.text_position(entry.loc + loc, finding.written or "](")
                    problems.add(
                        entry.document.path, line, column, "KB304", f"veld '{_field_name(loc)}': {finding.message}"
                    )


@functools.cache
def _model_prose(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """Every field of a model and whether it is prose (models.ProseMark), worked out once per model."""
    return tuple((name, _is_prose(info.annotation, info.metadata)) for name, info in model.model_fields.items())


def _is_prose(annotation: Any, metadata: list[Any] | tuple[Any, ...] = ()) -> bool:
    if any(isinstance(m, ProseMark) for m in metadata):
        return True
    if get_origin(annotation) is Annotated and any(isinstance(m, ProseMark) for m in annotation.__metadata__):
        return True
    return any(_is_prose(argument) for argument in get_args(annotation))


def _prose_leaves(model: BaseModel, loc: Loc) -> Iterator[tuple[Loc, str]]:
    for name, prose in _model_prose(type(model)):
        yield from _prose_of(getattr(model, name), (*loc, name), prose)


def _prose_of(value: Any, loc: Loc, prose: bool) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, BaseModel):
        yield from _prose_leaves(value, loc)
    elif isinstance(value, list):
        for index, element in enumerate(value):
            yield from _prose_of(element, (*loc, index), prose)
    elif prose and isinstance(value, str):
        yield loc, value
