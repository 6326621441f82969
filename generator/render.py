"""Render stage: turn the linked knowledge base into a tree of Markdown pages (path -> text).

Templates are found by the content type's name (`templates/<type>.md.j2`) and rendered with
StrictUndefined, so a template that asks for a missing value fails loudly instead of printing nothing.
Content text never reaches the page as HTML: plain fields are escaped, prose keeps its Markdown but
loses raw HTML, and `[[type:id]]` references become relative links.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markdown.extensions.toc import slugify

from generator import forms
from generator.link import REFERENCE, Link, LinkedKnowledgeBase
from generator.new import field_status
from generator.prose import safe_markdown
from generator.registry import CONTENT_TYPES, ContentType
from generator.validate import Entry

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
HEADING = re.compile(r"^## (.+?)(?:\s*\{ #([\w-]+) \})?$", re.MULTILINE)
REPORT = "Evaluatierapport sociale wijkteams Nijmegen (2015)"
WORD = re.compile(r"\w+")
ALL_REFLECTORS_PDF = "pdf/alle-reflectoren.pdf"

# List fields named after the type they refer to.
FIELD_TYPES = {
    "kennisbronnen": "kennisbron",
    "methoden": "methode",
    "reflectoren": "reflector",
    "eindtermen": "eindterm",
    "leerarrangementen": "leerarrangement",
}

SITE_PAGES = {
    "start/sociaal-werker.md": "start_sociaal_werker.md.j2",
    "start/leercoach.md": "start_leercoach.md.j2",
    "start/trainer.md": "start_trainer.md.j2",
    "redactie/index.md": "redactie.md.j2",
}


def page_of(content_type: ContentType, key: str | None = None) -> str:
    """The Markdown file that holds an item (or, without key, the type's overview or list page)."""
    if content_type.layout == "pages" and key is not None:
        return f"{content_type.section}/{key}.md"
    return f"{content_type.section}/index.md"


def target_of(entry: Entry) -> str:
    """Page and anchor of an item, as a docs-relative Markdown path."""
    if entry.type.layout == "pages":
        return page_of(entry.type, entry.key)
    return f"{page_of(entry.type)}#{entry.type.anchor(entry.key)}"


def field_rows(content_type: ContentType) -> list[tuple[str, str, str]]:
    """(field, verplicht/aanbevolen/optioneel, description) for the editor's guide."""
    rows = []
    for name, info in content_type.model.model_fields.items():
        status = field_status(info).strip(" ()") or "verplicht"
        rows.append((name, status, info.description or ""))
    return rows


def item_url(entry: Entry) -> str:
    """The item's URL below the site root (directory URLs), e.g. 'methoden/sonestra/'."""
    path, _, anchor = target_of(entry).partition("#")
    url = path.removesuffix("index.md").removesuffix(".md")
    url = url if url.endswith("/") or not url else url + "/"
    return f"{url}#{anchor}" if anchor else url


def _plain(markdown_text: str) -> str:
    """Heading text as a reader sees it: no escapes, no emphasis markers."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown_text)).replace("**", "").replace("*", "")


def relative(target: str, page: str) -> str:
    path, _, anchor = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return f"{link}#{anchor}" if anchor else link


def escape_text(value: Any) -> str:
    """Plain content text, safe inside Markdown: no HTML, no Markdown syntax, one line."""
    text = " ".join(str(value).split())
    return MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False)).replace("\\&", "&")


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


def number_ranges(numbers: Any) -> str:
    """8, 9, 10, 12 -> '8–10, 12'."""
    spans: list[list[int]] = []
    for number in sorted(numbers):
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


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


class Renderer:
    """Renders pages for one linked knowledge base."""

    def __init__(self, linked: LinkedKnowledgeBase, site_url: str = "/") -> None:
        self.linked = linked
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.forms = {(form.kind, form.id): form for form in forms.all_forms(linked.kb)}
        self._glossary: tuple[dict[str, str], dict[str, list[str]]] | None = None
        self.form_env = forms.environment()
        self.kb = linked.kb
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,
        )
        self.env.filters.update(
            text=escape_text,
            md=self._prose,
            link=self._link,
            url=self._url,
            cell=self._cell,
            number_ranges=number_ranges,
        )
        self.env.globals.update(
            kb=self.kb,
            types=CONTENT_TYPES,
            links_to=self._links_to,
            field_rows=field_rows,
            all_reflectors_pdf=ALL_REFLECTORS_PDF,
            entries=self._entries,
            field_types=FIELD_TYPES,
            sections=sections,
        )

    def pages(self) -> dict[str, str]:
        """Every generated page, keyed by its docs-relative path."""
        result: dict[str, str] = {"index.md": self._render("home.md.j2", "index.md")}
        for path, template in SITE_PAGES.items():
            result[path] = self._render(template, path)
        for content_type in CONTENT_TYPES.values():
            if content_type.shown_on:
                continue
            overview = page_of(content_type)
            if content_type.layout == "pages":
                result[overview] = self._render("overview.md.j2", overview, content_type=content_type)
                for entry in self.kb.of(content_type.name):
                    path = page_of(content_type, entry.key)
                    form = self.forms.get((content_type.name, entry.key))
                    form_html = forms.form_fragment(form, self.form_env) if form else ""
                    online_html = forms.online_fragment(form, self.form_env) if form and form.scale else ""
                    page = self._render(
                        content_type.template,
                        path,
                        entry=entry,
                        item=entry.item,
                        form=form,
                        form_html=form_html,
                        online_html=online_html,
                    )
                    result[path] = page + self._citation(entry, path, page)
            else:
                result[overview] = self._render(content_type.template, overview, content_type=content_type)
        return {path: page + self._glossary_for(page) for path, page in result.items()}

    def _citation(self, entry: Entry, path: str, page: str) -> str:
        """The "Verwijzen" block: stable address, the page's anchors and a citation line."""
        anchors = [
            (anchor or slugify(_plain(heading), "-"), _plain(heading)) for heading, anchor in HEADING.findall(page)
        ]
        address = f"{self.site_url}{item_url(entry)}"
        return self._render(
            "_verwijzen.md.j2",
            path,
            item=entry.item,
            anchors=anchors,
            address=address,
            updated=entry.document.updated,
            report=REPORT,
        )

    def downloads(self) -> dict[str, str]:
        """Data files offered for download on the site."""
        rows = [
            "eindterm,n,huidig_1,huidig_2,huidig_3,huidig_4,huidig_5,gewenst_1,gewenst_2,gewenst_3,gewenst_4,gewenst_5"
        ]
        for entry in self.kb.of("resultaat"):
            item = entry.item
            values = [item.eindterm, item.n, *item.huidig, *item.gewenst]
            rows.append(",".join("" if v is None else str(v) for v in values))
        return {"downloads/resultaten-2015.csv": "\n".join(rows) + "\n"} if len(rows) > 1 else {}

    def _glossary_for(self, page: str) -> str:
        """Abbreviation definitions for the glossary terms this page uses: tooltips on every page, at a
        cost that grows with the page, not with the glossary. Terms are looked up by their first word
        (one big alternation of all terms, or the whole glossary on every page, is quadratic)."""
        if self._glossary is None:
            definitions: dict[str, str] = {}
            for entry in self.kb.of("begrip"):
                meaning = " ".join(entry.item.betekenis.split()).replace("]", ")")
                for term in (entry.item.term, entry.item.afkorting):
                    if term and term not in definitions:
                        definitions[term] = meaning
            by_first_word: dict[str, list[str]] = {}
            for term in sorted(definitions, key=len, reverse=True):  # longest first, as the abbr extension
                first = WORD.search(term)
                by_first_word.setdefault(first.group(0) if first else term, []).append(term)
            self._glossary = (definitions, by_first_word)
        definitions, by_first_word = self._glossary
        used: dict[str, None] = {}
        taken_until = -1
        for word in WORD.finditer(page):
            start = word.start()
            if start < taken_until:
                continue
            for term in by_first_word.get(word.group(0), ()):
                end = start + len(term)
                if page.startswith(term, start) and not (end < len(page) and _is_word(page[end])):
                    used[term] = None
                    taken_until = end
                    break
        return "".join(f"\n*[{term}]: {definitions[term]}" for term in used) + ("\n" if used else "")

    def _entries(self, type_name: str) -> list[Entry]:
        """Items in reading order: numbered ones by number, then the rest by title."""
        entries = self.kb.of(type_name)
        if CONTENT_TYPES[type_name].layout != "pages":
            return entries
        return sorted(entries, key=lambda e: (getattr(e.item, "nummer", None) or 10_000, e.item.label.lower()))

    def _render(self, template: str, page: str, **values: Any) -> str:
        return self.env.get_template(template).render(page=page, **values)

    @pass_context
    def _prose(self, context: Context, text: str | None) -> str:
        if not text:
            return ""
        page = context["page"]
        safe = safe_markdown(text)

        def replace(match: re.Match[str]) -> str:
            entry = self.kb.get(match.group(1).strip(), match.group(2).strip())
            if entry is None:  # the link stage reported it; never reached in a valid build
                return escape_text(match.group(0))
            label = match.group(3).strip() if match.group(3) else entry.item.label
            return f"[{escape_text(label)}]({relative(target_of(entry), page)})"

        return REFERENCE.sub(replace, safe)

    @pass_context
    def _link(self, context: Context, entry: Entry, label: str | None = None) -> str:
        return f"[{escape_text(label or entry.item.label)}]({relative(target_of(entry), context['page'])})"

    @pass_context
    def _url(self, context: Context, target: str) -> str:
        return relative(target, context["page"])

    @staticmethod
    def _cell(value: Any) -> str:
        return escape_text(value) if value not in (None, "") else "–"

    def _links_to(self, entry: Entry) -> dict[ContentType, list[Entry]]:
        # Items shown on the target's own page (its 2015 results, say) are no "used in" for it.
        links = [
            ln
            for ln in self.linked.links_to(entry)
            if not (ln.source.type.shown_on and ln.source.type.page_type == entry.type.page_type)
        ]
        return _group(links, lambda ln: ln.source)


def _group(links: list[Link], pick: Any) -> dict[ContentType, list[Entry]]:
    grouped: dict[ContentType, list[Entry]] = defaultdict(list)
    for link_ in links:
        entry = pick(link_)
        if entry not in grouped[entry.type]:
            grouped[entry.type].append(entry)
    order = list(CONTENT_TYPES.values())
    return {t: grouped[t] for t in sorted(grouped, key=order.index)}


def assets() -> dict[str, bytes]:
    """Static files shipped with the generator, keyed by docs-relative path."""
    return {
        f"assets/{p.relative_to(ASSETS).as_posix()}": p.read_bytes() for p in sorted(ASSETS.rglob("*")) if p.is_file()
    }
