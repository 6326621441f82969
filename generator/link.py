"""Link stage: resolve every reference (in fields and in prose) and compute backlinks.

Prose references use one syntax: `[[type:id]]` or `[[type:id|link text]]`, e.g. `[[methode:sonestra]]`
or `[[eindterm:21]]`. A reference to a missing item is an error naming the field and, when one is
close, the id that was probably meant. Checks that are not about resolving a reference are the
validate stage's (validate.check_items).
"""

from __future__ import annotations

import difflib
import functools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.load import Loc
from generator.models import REFERENCE, Ref
from generator.problems import Problems
from generator.registry import CONTENT_TYPES
from generator.validate import Entry, KnowledgeBase, field_name


@dataclass(frozen=True)
class Link:
    """One reference from an item (in `field`) to another item."""

    source: Entry
    field: str
    target: Entry
    in_prose: bool


@dataclass(frozen=True)
class Reference:
    """One reference as written in an item: where, to what, and (for prose) the text written."""

    loc: Loc
    field: str
    type_name: str
    key: str
    position: tuple[int, int]
    written: str


@dataclass
class LinkedKnowledgeBase:
    """The knowledge base with every reference resolved, in both directions."""

    kb: KnowledgeBase
    outgoing: dict[tuple[str, str], list[Link]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[tuple[str, str], list[Link]] = field(default_factory=lambda: defaultdict(list))
    touched: set[Entry] | None = None
    """When linked from a previous result (the live preview): the entries edited since, and the entries
    they link with, both ways; every other entry shows exactly what it showed then. None: anything may differ."""
    references: dict[Entry, list[Reference]] = field(default_factory=dict)
    """Every item's references as written (the items with errors too), found once per Entry object."""

    def links_to(self, entry: Entry) -> list[Link]:
        return self.incoming.get((entry.type.name, entry.key), [])


def link(kb: KnowledgeBase, problems: Problems, previous: LinkedKnowledgeBase | None = None) -> LinkedKnowledgeBase:
    """Resolve every reference of every item, reporting the ones that point nowhere; a new result each time.

    previous: the result the site last showed, for the same content root (the live preview); it is read,
    never changed. Entries it had (unchanged files keep their Entry objects) keep their references as found
    then, and when the edits since changed no id and no reference, its links are reused with the edited
    entries swapped in.
    """
    references = _all_references(kb, previous.references if previous is not None else {})
    linked = _relinked(previous, kb, references) if previous is not None else None
    if linked is None:
        linked = _linked(kb, problems, references)
    referred: set[tuple[str, str]] = set()  # by items with errors: not "nothing links here"
    for entry in kb.partial:  # items with errors: their other faults are reported in the same run
        for ref in references[entry]:
            if _resolve(linked, entry, ref, problems) is not None:
                referred.add((ref.type_name, ref.key))
    _warn_unlinked(linked, problems, referred)
    return linked


def _all_references(kb: KnowledgeBase, known: dict[Entry, list[Reference]]) -> dict[Entry, list[Reference]]:
    """The references of every entry of `kb`, taken from `known` for the entries it has."""
    found: dict[Entry, list[Reference]] = {}
    for entries in kb.entries.values():
        for entry in entries.values():
            kept = known.get(entry)
            found[entry] = _references(entry) if kept is None else kept
    for entry in kb.partial:
        kept = known.get(entry)
        found[entry] = _references(entry) if kept is None else kept
    return found


def _linked(kb: KnowledgeBase, problems: Problems, references: dict[Entry, list[Reference]]) -> LinkedKnowledgeBase:
    linked = LinkedKnowledgeBase(kb, references=references)
    for type_name, entries in kb.entries.items():
        for key, entry in entries.items():
            outgoing: list[Link] = []
            seen: set[tuple[Entry, str]] = set()
            for ref in references[entry]:
                target = _resolve(linked, entry, ref, problems)
                if target is not None and (target, ref.field) not in seen:
                    seen.add((target, ref.field))
                    new = Link(entry, ref.field, target, bool(ref.written))
                    outgoing.append(new)
                    linked.incoming[(target.type.name, target.key)].append(new)
            if outgoing:
                linked.outgoing[(type_name, key)] = outgoing
    return linked


def _relinked(
    previous: LinkedKnowledgeBase, kb: KnowledgeBase, references: dict[Entry, list[Reference]]
) -> LinkedKnowledgeBase | None:
    """`previous`'s links carried over to `kb` (in new lists), or None when changed ids or references
    make that unsafe."""
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
        if [(r.field, r.type_name, r.key) for r in previous.references[old]] != [
            (r.field, r.type_name, r.key) for r in references[new]
        ]:
            return None
    linked = LinkedKnowledgeBase(kb, references=references)
    linked.outgoing.update((key, list(links)) for key, links in previous.outgoing.items())
    linked.incoming.update((key, list(links)) for key, links in previous.incoming.items())
    touched = {new for _, new in changed}
    for _, new in changed:  # the same links; the edited entries take the place of the old ones
        key = (new.type.name, new.key)
        for link_ in list(linked.outgoing.get(key, [])):
            _swap(linked, link_, Link(new, link_.field, link_.target, link_.in_prose))
        for link_ in list(linked.incoming.get(key, [])):
            _swap(linked, link_, Link(link_.source, link_.field, new, link_.in_prose))
        touched.update(link_.target for link_ in linked.outgoing.get(key, []))
        touched.update(link_.source for link_ in linked.incoming.get(key, []))
    linked.touched = touched
    return linked


def _swap(linked: LinkedKnowledgeBase, old: Link, new: Link) -> None:
    """Put `new` where `old` stands, in its source's outgoing and its target's incoming list."""
    for links in (
        linked.outgoing[(old.source.type.name, old.source.key)],
        linked.incoming[(old.target.type.name, old.target.key)],
    ):
        links[next(i for i, link_ in enumerate(links) if link_ is old)] = new


def _references(entry: Entry) -> list[Reference]:
    found = []
    for loc, value, target_type in _values(entry.item, ()):
        if target_type is not None:
            type_name, key = target_type, str(value)
            if type_name == "*":  # any type, written as "type:id"
                type_name, _, key = key.partition(":")
            found.append(Reference(loc, field_name(loc), type_name, key, entry.position(*loc), ""))
        elif isinstance(value, str) and "[[" in value:
            for match in REFERENCE.finditer(value):
                position = entry.document.text_position(entry.loc + loc, match.group(0))
                type_name, key = match.group(1).strip(), match.group(2).strip()
                found.append(Reference(loc, field_name(loc), type_name, key, position, f" in {match.group(0)}"))
    return found


def _warn_unlinked(linked: LinkedKnowledgeBase, problems: Problems, referred: set[tuple[str, str]]) -> None:
    """A warning, not an error: an item with its own page that nothing links to (when some field could)."""
    referable = _field_targets()
    for content_type in CONTENT_TYPES.values():
        if content_type.layout != "pages" or content_type.name not in referable:
            continue
        for entry in linked.kb.of(content_type.name):
            if not linked.links_to(entry) and (content_type.name, entry.key) not in referred:
                line, column = entry.position(entry.item.key_field)
                problems.warn(
                    entry.document.path, line, column, "KB310", f"niets verwijst naar {entry.type.name} '{entry.key}'"
                )


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


def _missing(kb: KnowledgeBase, target_type: str, key: str, where: str = "") -> str:
    message = f"verwijzing naar onbekende {target_type} '{key}'{where}"
    close = difflib.get_close_matches(key, list(kb.entries.get(target_type, {})), n=1, cutoff=0.6)
    return message + (f"; bedoelde je '{close[0]}'?" if close else "")


def _resolve(linked: LinkedKnowledgeBase, entry: Entry, ref: Reference, problems: Problems) -> Entry | None:
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
