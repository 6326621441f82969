"""Content text made safe for a Markdown page, and small formats the templates use."""

from __future__ import annotations

import functools
import html
import re
from typing import Any

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape_text(value: Any) -> str:
    """Plain content text, safe inside Markdown: no HTML, no Markdown syntax, one line."""
    return _escaped(str(value))


@functools.lru_cache(maxsize=65536)
def _escaped(text: str) -> str:
    # Cached: titles are escaped again for every link to them, thousands of times in a large build.
    text = " ".join(text.split())
    return MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False)).replace("\\&", "&")


def cell(value: Any) -> str:
    """A table cell: the escaped text, or a dash when there is none."""
    return escape_text(value) if value not in (None, "") else "–"


def plain(markdown_text: str) -> str:
    """Heading text as a reader sees it: no escapes, no emphasis markers."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown_text)).replace("**", "").replace("*", "")


def number_ranges(numbers: Any) -> str:
    """8, 9, 10, 12 -> '8–10, 12'."""
    spans: list[list[int]] = []
    for number in sorted(numbers):
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)
