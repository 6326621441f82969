"""What the page templates call: the filters, which turn content into safe Markdown or HTML on the
page being rendered, and the values every page sees, which give the knowledge base and helpers over it.

The filters are installed once in the environment (`install_filters`); a filter that needs the knowledge base
finds the render's `PageFilters` in the page's values (`page_filters`), so the environment itself is
never changed by a render."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from generator import changes
from generator.link import REFERENCE, Link, LinkedKnowledgeBase, field_ref
from generator.models import Begrip, Item
from generator.new import field_status
from generator.prose import ProseRenderer
from generator.registry import CONTENT_TYPES, ContentType
from generator.render.extras import ALL_REFLECTORS_PDF, companion_page
from generator.render.glossary import Glossary
from generator.render.pages import site_files
from generator.render.paths import page_of, relative, target_of
from generator.render.sections import SECTION_SIZE, sections
from generator.render.text import cell, escape_text, number_ranges
from generator.results2015 import template_globals as results_2015_globals
from generator.validate import Entry, KnowledgeBase

FILTERS = "page_filters"
"""The name of the render's PageFilters among a page's values."""


def install_filters(env: Environment) -> None:
    """Add the page filters to a new environment (generator.templating)."""
    env.filters.update(
        text=escape_text,
        cell=cell,
        number_ranges=number_ranges,
        dutch_date=changes.dutch_date,
        **{name: _on_page(name) for name in ("md", "md_inline", "md_list", "html_text", "link", "url")},
    )


def _on_page(name: str) -> Callable[..., str]:
    """A filter that calls PageFilters.<name>(page, …) of the render the page is in."""

    @pass_context
    def on_page(context: Context, *args: Any, **kwargs: Any) -> str:
        method: Callable[..., str] = getattr(context[FILTERS], name)
        return method(context["page"], *args, **kwargs)

    on_page.__name__ = name
    return on_page


class PageFilters:
    """The filters of one render, bound to its knowledge base; each is given the page it is on."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._files: set[str] | None = None
        self._glossary: Glossary | None = None
        self.prose = ProseRenderer(self._exists)

    @property
    def glossary(self) -> Glossary:
        """Built on first use: a page's tooltips cost what the page's words cost, not the glossary's size."""
        if self._glossary is None:
            self._glossary = Glossary(self.kb.items_of(Begrip))
        return self._glossary

    def md(self, page: str, text: str | None, lead: str = "", level: int = 3) -> str:
        """Prose as sanitised HTML blocks (generator.prose); `lead`: trusted HTML opening it; `level`:
        the level its highest heading gets (one below the heading the prose stands under)."""
        if not text:
            return ""
        return self.prose.block(self.references(text, page), page, self._terms, lead=lead, level=level)

    def md_inline(self, page: str, text: str | None) -> str:
        """Prose as sanitised HTML for inside an element of a raw HTML block (a table cell)."""
        if not text:
            return ""
        prose = self.references(text, page)
        return self.prose.inline(prose, page, self._terms(prose))

    def md_list(self, page: str, texts: list[str], ordered: bool = False) -> str:
        """A list of prose (steps, points) as one sanitised HTML block."""
        tag = "ol" if ordered else "ul"
        prose = [self.references(text, page) for text in texts]
        # Spaced as Markdown spaced it: items of more than a line (YAML blocks) in paragraphs, others tight.
        loose = any(text.endswith("\n") or "\n\n" in text.strip() for text in prose)
        items = "".join(f"<li>{self.prose.inline(text, page, self._terms(text), loose)}</li>\n" for text in prose)
        return f'<div class="kb-prose">\n<{tag}>\n{items}</{tag}>\n</div>'

    def html_text(self, page: str, value: Any) -> str:
        """Plain content text for inside a raw HTML block: escaped, with its glossary tooltips."""
        text = str(value)
        return self.prose.inline(escape_text(text), page, self._terms(text))

    @staticmethod
    def link(page: str, entry: Entry, label: str | None = None) -> str:
        return f"[{escape_text(label or entry.item.label)}]({relative(target_of(entry), page)})"

    @staticmethod
    def url(page: str, target: str) -> str:
        return relative(target, page)

    def references(self, text: str, page: str) -> str:
        """Prose with its `[[type:id]]` references as relative Markdown links (labels escaped)."""

        def replace(match: re.Match[str]) -> str:
            entry = self.kb.get(match.group(1).strip(), match.group(2).strip())
            if entry is None:  # the link stage reported it; never reached in a valid build
                return escape_text(match.group(0))
            label = match.group(3).strip() if match.group(3) else entry.item.label
            return f"[{escape_text(label)}]({relative(target_of(entry), page)})"

        return REFERENCE.sub(replace, text) if "[[" in text else text

    def _terms(self, text: str) -> dict[str, str]:
        """The glossary terms in `text`, for the tooltips of prose."""
        return self.glossary.meanings_for(" ".join(text.split()))

    def _exists(self, path: str) -> bool:
        if self._files is None:
            self._files = site_files(self.kb)
        return path in self._files


def page_values(linked: LinkedKnowledgeBase, site_url: str) -> dict[str, Any]:
    """The names every page template of one render sees besides its own values (but for FILTERS)."""
    kb = linked.kb
    changed: list[Callable[[Any], str]] = []

    def changed_on(item: Any) -> str:
        if not changed:  # the history's dates, read when a template first asks
            changed.append(changes.changed_on(kb))
        return changed[0](item)

    def links_to(entry: Entry) -> dict[ContentType, list[Entry]]:
        # Items shown on the target's own page (its 2015 results, say) are no "used in" for it.
        links = [
            ln
            for ln in linked.links_to(entry)
            if not (ln.source.type.shown_on and ln.source.type.page_type == entry.type.page_type)
        ]
        return _group(links, lambda ln: ln.source)

    def entries(type_name: str) -> list[Entry]:
        """Items in reading order: numbered ones by number, then the rest by title."""
        found = kb.of(type_name)
        if CONTENT_TYPES[type_name].layout != "pages":
            return found
        return sorted(found, key=lambda e: (getattr(e.item, "nummer", None) or 10_000, e.item.label.lower()))

    return {
        "kb": kb,
        "types": CONTENT_TYPES,
        "links_to": links_to,
        "field_rows": field_rows,
        "all_reflectors_pdf": ALL_REFLECTORS_PDF,
        "entries": entries,
        "ref_type": ref_type,
        "sections": sections,
        "team_page": companion_page,
        "changed_on": changed_on,
        **changes.page_values(kb, page_of, SECTION_SIZE),
        # The public address when mkdocs.yml sets one, else "": a copied link is then the page's own.
        "site_address": site_url if site_url.startswith(("http://", "https://")) else "",
        **results_2015_globals(kb),
    }


def field_rows(content_type: ContentType) -> list[tuple[str, str, str]]:
    """(field, verplicht/aanbevolen/optioneel, description) for the editor's guide."""
    rows = []
    for name, info in content_type.model.model_fields.items():
        status = field_status(info).strip(" ()") or "verplicht"
        rows.append((name, status, info.description or ""))
    return rows


def ref_type(item: Item, field_name: str) -> str:
    """The type a reference field of `item` refers to, from its `Ref` marker in models.py."""
    target = field_ref(type(item).model_fields[field_name])
    if target is None or target == "*":
        raise ValueError(f"{type(item).__name__}.{field_name} refers to no single type")
    return target


def _group(links: list[Link], pick: Any) -> dict[ContentType, list[Entry]]:
    grouped: dict[ContentType, list[Entry]] = defaultdict(list)
    for link_ in links:
        entry = pick(link_)
        if entry not in grouped[entry.type]:
            grouped[entry.type].append(entry)
    order = list(CONTENT_TYPES.values())
    return {t: grouped[t] for t in sorted(grouped, key=order.index)}
