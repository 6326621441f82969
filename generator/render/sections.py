"""Long listings cut into headed sections (by number range or first letter)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from markdown.extensions.toc import slugify

from generator.validate import Entry

# Listings longer than SECTION_THRESHOLD items get headings of at most SECTION_SIZE items each: search
# engines index per heading (Zensical refuses a section over 32 KB), and readers can jump to a letter.
SECTION_THRESHOLD = 40
SECTION_SIZE = 25


@dataclass(frozen=True)
class Section:
    """Part of a long listing: its heading, anchor, short name for the index, and items."""

    title: str
    anchor: str
    label: str
    entries: list[Entry]


def _initial(label: str) -> str:
    letter = unicodedata.normalize("NFKD", label.strip()[:1]).upper()[:1]
    return letter if "A" <= letter <= "Z" else "Overig"


def _short(label: str, width: int = 40) -> str:
    label = " ".join(label.split())
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def sections(entries: Any, anchor: str = "deel", in_order: bool = False, size: int = SECTION_SIZE) -> list[Section]:
    """A listing cut into headed sections of at most `size` items: numbered items in ranges of numbers,
    others by first letter (a long letter in parts that name their first and last title), or with
    in_order in the given order. Up to SECTION_THRESHOLD items (scaled with `size`) stay one section
    without heading (title ""); pass a smaller size for items that take much text."""
    entries = list(entries)
    if len(entries) <= SECTION_THRESHOLD * size // SECTION_SIZE:
        return [Section("", anchor, "", entries)]
    if all(getattr(e.item, "nummer", None) for e in entries) and not in_order:
        ordered = sorted(entries, key=lambda e: e.item.nummer)
        parts = [ordered[start : start + size] for start in range(0, len(ordered), size)]
        spans = [f"{part[0].item.nummer}–{part[-1].item.nummer}" for part in parts]
        keys = _unique([f"{anchor}-{span.replace('–', '-')}" for span in spans])
        return [Section(f"Nummers {span}", key, span, part) for span, key, part in zip(spans, keys, parts, strict=True)]
    groups: dict[str, list[Entry]] = {}
    if in_order:
        groups[""] = entries
    else:
        for entry in sorted(entries, key=lambda e: (_initial(e.item.label), e.item.label.casefold())):
            groups.setdefault(_initial(entry.item.label), []).append(entry)
    titled = []
    for letter, group in groups.items():
        for start in range(0, len(group), size):
            part = group[start : start + size]
            title = letter
            if len(group) > size:
                span = f"{_short(part[0].item.label)} – {_short(part[-1].item.label)}"
                title = f"{letter}: {span}" if letter else span
            titled.append((title, letter, part))
    keys = _unique([f"{anchor}-{slugify(letter, '-')}" if letter else anchor for _, letter, _ in titled])
    return [Section(title, key, letter, part) for (title, letter, part), key in zip(titled, keys, strict=True)]


def _unique(anchors: list[str]) -> list[str]:
    """a, a, b -> a, a-2, b."""
    seen: dict[str, int] = {}
    result = []
    for anchor in anchors:
        seen[anchor] = seen.get(anchor, 0) + 1
        result.append(anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}")
    return result
