"""The render memo: pages kept between renders in one process (the live preview), and the fingerprints
that say whether a kept page still shows what it would show now."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment

from generator.link import LinkedKnowledgeBase
from generator.registry import CONTENT_TYPES, ContentType
from generator.validate import Entry, KnowledgeBase

REFERENCE_TYPES = tuple(name for name, t in CONTENT_TYPES.items() if t.layout != "pages")
"""Types on list pages (eindtermen, glossary, scale …): reference content that any page may show."""


@dataclass
class RenderMemo:
    """Rendered pages and their fingerprints, kept between renders in one process (the live preview)."""

    pages: dict[str, tuple[tuple[Any, ...], str]] = field(default_factory=dict)
    environment: Environment | None = None
    """The Jinja environment (generator.templating), kept for its compiled templates."""
    reference: tuple[Any, ...] = ()
    faces: dict[tuple[str, str, str], tuple[tuple[str, str, str], ...]] = field(default_factory=dict)
    """For items on list pages (by Entry.face): the faces of the items they link with, as last rendered."""
    rendered: list[str] = field(default_factory=list)
    """Pages the last `Renderer.pages` rendered (not taken from the memo)."""
    _seen: dict[str, list[Entry]] = field(default_factory=dict)
    _seen_dicts: dict[str, Any] = field(default_factory=dict)
    _versions: dict[str, int] = field(default_factory=dict)

    def versions_for(self, kb: KnowledgeBase) -> dict[str, int]:
        """A number per content type that changes whenever any of its items is new, gone or edited."""
        for name in CONTENT_TYPES:
            if self._seen_dicts.get(name) is kb.entries.get(name):
                continue  # the very same items (validate.LoadCache reuses a type whose files are unchanged)
            self._seen_dicts[name] = kb.entries.get(name)
            current, seen = kb.of(name), self._seen.get(name)
            if seen is None or len(seen) != len(current) or any(a is not b for a, b in zip(seen, current, strict=True)):
                self._versions[name] = self._versions.get(name, 0) + 1
                self._seen[name] = current
        return dict(self._versions)

    def kept(self, path: str, fingerprint: tuple[Any, ...] | None = None) -> str | None:
        """The page's text as last rendered (with a fingerprint: only if it was rendered with that one)."""
        kept = self.pages.get(path)
        if kept is None or (fingerprint is not None and kept[0] != fingerprint):
            return None
        return kept[1]

    def keep(self, path: str, fingerprint: tuple[Any, ...], page: str) -> None:
        self.pages[path] = (fingerprint, page)
        self.rendered.append(path)

    def keep_only(self, paths: dict[str, str]) -> None:
        for gone in set(self.pages) - set(paths):
            del self.pages[gone]


class Fingerprints:
    """What a page shows, to compare with the memo: the same fingerprint means the same page.

    Entries compare by identity, and an unchanged file keeps its Entry objects (validate.LoadCache)."""

    def __init__(self, linked: LinkedKnowledgeBase, site_url: str, memo: RenderMemo) -> None:
        self.linked = linked
        self.memo = memo
        self.versions = memo.versions_for(linked.kb)
        self.reference = (site_url, *(self.versions[name] for name in REFERENCE_TYPES))
        """What every page may show: the site's address and the reference content."""
        # Linked from the result last rendered: only touched entries can show anything new (link.LinkedKnowledgeBase).
        touched = linked.touched
        self.touched = touched if touched is not None and memo.reference == self.reference else None
        memo.reference = self.reference

    def unchanged(self, entry: Entry) -> bool:
        """Whether the entry's page and form certainly show what they showed at the last render."""
        return self.touched is not None and entry not in self.touched

    def of_item(self, entry: Entry) -> tuple[Any, ...]:
        """What an item's page (and form) shows: the item, the items it links with (by title), the
        reference content."""
        return (entry, self.faces(entry), self.reference)

    def of_types(self, path: str, names: tuple[str, ...]) -> tuple[Any, ...]:
        """A page that shows (all items of) the types `names`."""
        return (path, tuple(self.versions[name] for name in names), self.reference)

    def faces(self, entry: Entry) -> tuple[tuple[str, str, str], ...]:
        """What pages show of the items `entry` links with, both ways (Entry.face)."""
        key = (entry.type.name, entry.key)
        outgoing = (link_.target.face for link_ in self.linked.outgoing.get(key, ()))
        incoming = (link_.source.face for link_ in self.linked.incoming.get(key, ()))
        return (*outgoing, *incoming)

    def same_faces(self, content_type: ContentType) -> bool:
        """Whether the touched items of a list type link with the same items (by title) as before:
        the list page then shows what it showed (its other items are not touched)."""
        assert self.touched is not None
        return all(
            self.memo.faces.get(entry.face) == self.faces(entry) for entry in self.touched if entry.type is content_type
        )


@dataclass(frozen=True)
class About:
    """What the footer says of a page: when its content last changed, and the one file it comes from."""

    updated: str
    """YYYY-MM-DD (load.Document.updated), or "" when the history does not know it (see latest)."""
    source: str = ""
    """The content file, relative to the knowledge base ("" when the page comes from several)."""

    @classmethod
    def of(cls, entry: Entry, kb: KnowledgeBase) -> About:
        return cls(latest([entry], kb), entry.document.path)

    def front_matter(self, page: str) -> str:
        """The page with `bijgewerkt` and `bron` in its front matter (added to the one it has, if any)."""
        fields = "".join(
            f"{key}: {json.dumps(value)}\n"
            for key, value in (("bijgewerkt", self.updated), ("bron", self.source))
            if value
        )
        if not fields:
            return page
        if page.startswith("---\n"):
            return f"---\n{fields}{page[4:]}"
        return f"---\n{fields}---\n{page}"


def latest(entries: Any, kb: KnowledgeBase) -> str:
    """The latest date the entries' files changed, as far as the content's history knows it (the date
    "Laatst gewijzigd" shows, generator.changes); "" for none."""
    return max((e.document.updated for e in entries if kb.history.known(e.document.path)), default="")
