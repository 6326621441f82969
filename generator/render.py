"""Render stage: turn the linked knowledge base into a tree of Markdown pages (path -> text).

Templates are found by the content type's name (`templates/<type>.md.j2`) and rendered with
StrictUndefined, so a template that asks for a missing value fails loudly instead of printing nothing.
Content text never reaches the page as markup of its own: plain fields are escaped, and prose is
rendered to sanitised HTML by `generator.prose` (its `[[type:id]]` references made relative links
first), which the page embeds as raw HTML blocks that MkDocs leaves alone.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import re
import traceback
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    pass_context,
)
from jinja2.runtime import Context
from markdown.extensions.toc import slugify

from generator import changes, forms, results2015, team
from generator.link import REFERENCE, Link, LinkedKnowledgeBase, field_ref
from generator.models import Begrip, Item
from generator.new import field_status
from generator.problems import one_line
from generator.prose import ProseRenderer
from generator.registry import CONTENT_TYPES, ContentType
from generator.results2015 import CSV_PATH as RESULTS_2015_CSV
from generator.results2015 import csv_text as results_2015_csv
from generator.results2015 import template_globals as results_2015_globals
from generator.validate import Entry, KnowledgeBase

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
HEADING = re.compile(r"^## (.+?)(?:\s*\{ #([\w-]+) \})?$", re.MULTILINE)
REPORT = "Evaluatierapport sociale wijkteams Nijmegen (2015)"
WORD = re.compile(r"\w+")
ALL_REFLECTORS_PDF = "pdf/alle-reflectoren.pdf"
SEE_ALSO = re.compile(r"^## Zie ook$", re.MULTILINE)
BACKLINKS = '\n<div class="kb-gebruikt-in"'  # where _macros.md.j2's backlinks() begins

# Site pages, with the content types each one shows (its cached text is reused while those are unchanged);
# COUNTS: the page shows only how many items each type has.
COUNTS = ("#",)
SITE_PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "index.md": ("home.md.j2", COUNTS),
    "start/sociaal-werker.md": ("start_sociaal_werker.md.j2", ("methode",)),
    "start/leercoach.md": ("start_leercoach.md.j2", ("leerarrangement", "methode", "reflector")),
    "start/trainer.md": ("start_trainer.md.j2", COUNTS),
    "redactie/index.md": ("redactie.md.j2", ()),
    "over-de-bronnen/index.md": ("over_de_bronnen.md.j2", ("methode",)),
    changes.PAGE: ("wat_is_er_nieuw.md.j2", ("leerarrangement", "kennisbron", "reflector", "methode", "module")),
}
FORM_BUILDERS = {"reflector": forms.reflector_form, "formulier": forms.formulier_form}
# Pages an item has besides its own: type -> (whether an item has one, its path, its template).
COMPANION_PAGES: dict[str, tuple[Callable[[Entry], bool], Callable[[Entry], str], str]] = {
    "reflector": (team.has_team_page, team.team_page, "reflector_team.md.j2"),
}
# Types on list pages (eindtermen, glossary, scale …): reference content that any page may show.
REFERENCE_TYPES = tuple(name for name, t in CONTENT_TYPES.items() if t.layout != "pages")


def _team_page(entry: Entry) -> str:
    """Docs-relative path of a reflector's team page, or '' when it has none."""
    return team.team_page(entry) if team.has_team_page(entry) else ""


def page_of(content_type: ContentType, key: str | None = None) -> str:
    """The Markdown file that holds an item (or, without key, the type's overview or list page)."""
    if content_type.layout == "pages" and key is not None:
        return f"{content_type.section}/{key}.md"
    return f"{content_type.section}/index.md"


@functools.lru_cache(maxsize=65536)
def target_of(entry: Entry) -> str:
    """Page and anchor of an item, as a docs-relative Markdown path."""
    if entry.type.layout == "pages":
        return page_of(entry.type, entry.key)
    return f"{page_of(entry.type)}#{entry.type.anchor(entry.key)}"


def site_files(kb: KnowledgeBase) -> set[str]:
    """Every docs-relative file a build of `kb` has: the files prose may link to (and check checks)."""
    files = set(SITE_PAGES) | set(_asset_paths())
    for content_type in CONTENT_TYPES.values():
        if not content_type.shown_on:
            files.add(page_of(content_type))
        if content_type.layout == "pages":
            files.update(page_of(content_type, entry.key) for entry in kb.of(content_type.name))
    for name, (has, path_of, _) in COMPANION_PAGES.items():
        files.update(path_of(entry) for entry in kb.of(name) if has(entry))
    reflectors = {entry.key for entry in kb.of("reflector")}
    files.update(f"pdf/{key}.pdf" for key in reflectors)
    files.update(f"pdf/formulier-{entry.key}.pdf" for entry in kb.of("formulier"))
    if reflectors:
        files.add(ALL_REFLECTORS_PDF)
    files.update(f"pdf/module-{entry.key}.pdf" for entry in kb.of("module"))  # generator/packs.py
    files.update(f"pdf/sessieplannen/{entry.key}.pdf" for entry in kb.of("leerarrangement"))
    if kb.of("resultaat"):
        files.add(RESULTS_2015_CSV)
    return files


@functools.cache
def _asset_paths() -> tuple[str, ...]:
    return tuple(f"assets/{p.relative_to(ASSETS).as_posix()}" for p in sorted(ASSETS.rglob("*")) if p.is_file())


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


def template_failure(error: TemplateError) -> str:
    """A template that fails to render as one line, `generator/templates/<name>:line: sjabloonfout: …`, at
    the innermost template line Jinja's traceback names (a new type's template asking for a missing field)."""
    where: tuple[str, int] | None = None
    if isinstance(error, TemplateSyntaxError) and error.filename:
        where = (error.filename, error.lineno)
    for frame, line in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename.endswith(".j2"):
            where = (frame.f_code.co_filename, line)
    message = one_line(error.message or type(error).__name__)
    if where is None:
        return f"sjabloonfout: {message}"
    path = Path(where[0])
    shown = path.relative_to(TEMPLATES.parents[1]).as_posix() if path.is_relative_to(TEMPLATES) else path.name
    return f"{shown}:{where[1]}: sjabloonfout: {message}"


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
    """A link from one docs-relative page to another (both normalised, as this module writes them);
    posixpath.relpath does the same but resolves both against the working directory, which is slow."""
    path, _, anchor = target.partition("#")
    parts, here = path.split("/"), page.split("/")[:-1]
    common = 0
    while common < len(here) and common < len(parts) - 1 and here[common] == parts[common]:
        common += 1
    link = "/".join([".."] * (len(here) - common) + parts[common:])
    return f"{link}#{anchor}" if anchor else link


def escape_text(value: Any) -> str:
    """Plain content text, safe inside Markdown: no HTML, no Markdown syntax, one line."""
    return _escaped(str(value))


@functools.lru_cache(maxsize=65536)
def _escaped(text: str) -> str:
    # Cached: titles are escaped again for every link to them, thousands of times in a large build.
    text = " ".join(text.split())
    return MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False)).replace("\\&", "&")


class Glossary:
    """The glossary as abbreviation definitions, looked up per page."""

    def __init__(self, begrippen: list[Entry[Begrip]]) -> None:
        self.definitions: dict[str, str] = {}
        self.meanings: dict[str, str] = {}
        self._meanings: dict[str, dict[str, str]] = {}
        """Term -> meaning as plain text, for the <abbr> elements of prose (generator.prose)."""
        for entry in begrippen:
            meaning = " ".join(entry.item.betekenis.split())
            for term in (entry.item.term, entry.item.afkorting):
                if term and term not in self.definitions:
                    self.definitions[term] = meaning.replace("]", ")")
                    self.meanings[term] = meaning
        # Per first word: the terms starting with it, each with the pairs of neighbouring words it needs.
        self.by_first_word: dict[str, list[tuple[str, frozenset[tuple[str, str]]]]] = {}
        for term in self.definitions:
            words = WORD.findall(term) or [term]
            self.by_first_word.setdefault(words[0], []).append((term, frozenset(itertools.pairwise(words))))

    def definitions_for(self, page: str) -> str:
        """`*[term]: meaning` lines for every term that stands in `page` as whole words, in page order."""
        used = self._used(page)
        # One block per definition: Markdown tests every block processor against the rest of a block
        # after each definition it takes, which is quadratic in a page's number of terms.
        return "".join(f"\n*[{term}]: {self.definitions[term]}\n" for term in used)

    def meanings_for(self, text: str) -> dict[str, str]:
        """Term -> meaning for every term that stands in `text` as whole words (kept per text: a
        piece of prose is looked up again for each page that shows it)."""
        found = self._meanings.get(text)
        if found is None:
            found = self._meanings[text] = {term: self.meanings[term] for term in self._used(text)}
        return found

    def _used(self, page: str) -> list[str]:
        """The terms that stand in `page` as whole words, in page order.

        The page's words and pairs of neighbouring words rule out almost every term at set speed;
        only terms whose words all stand next to each other in the page are looked for in the text."""
        if not self.definitions:
            return []
        words = WORD.findall(page)
        pairs = set(itertools.pairwise(words))
        found: dict[str, int] = {}
        for first in self.by_first_word.keys() & set(words):
            for term, needed in self.by_first_word[first]:
                if needed <= pairs:
                    at = _whole_word(page, term)
                    if at >= 0:
                        found[term] = at
        return sorted(found, key=lambda term: (found[term], -len(term)))


def _is_word_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def _whole_word(text: str, term: str) -> int:
    """Where `term` first stands in `text` not inside a longer word, or -1 (str.find: a regex with
    look-behind scans far slower)."""
    at = text.find(term)
    while at >= 0:
        if not _is_word_at(text, at - 1) and not _is_word_at(text, at + len(term)):
            return at
        at = text.find(term, at + 1)
    return -1


def number_ranges(numbers: Any) -> str:
    """8, 9, 10, 12 -> '8–10, 12'."""
    spans: list[list[int]] = []
    for number in sorted(numbers):
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def _page_environment(bytecode_cache: BytecodeCache | None) -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode_cache,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )


@dataclass
class RenderMemo:
    """Rendered pages and their fingerprints, kept between renders in one process (the live preview)."""

    pages: dict[str, tuple[tuple[Any, ...], str]] = field(default_factory=dict)
    environments: tuple[Environment, Environment] | None = None
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

    def keep_only(self, paths: dict[str, str]) -> None:
        for gone in set(self.pages) - set(paths):
            del self.pages[gone]


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


@dataclass(frozen=True)
class About:
    """What the footer says of a page: when its content last changed, and the one file it comes from."""

    updated: str
    """YYYY-MM-DD (load.Document.updated), or "" when the history does not know it (see _latest)."""
    source: str = ""
    """The content file, relative to the knowledge base ("" when the page comes from several)."""

    @classmethod
    def of(cls, entry: Entry, kb: KnowledgeBase) -> About:
        return cls(_latest([entry], kb), entry.document.path)

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


def _latest(entries: Any, kb: KnowledgeBase) -> str:
    """The latest date the entries' files changed, as far as the content's history knows it (the date
    "Laatst gewijzigd" shows, generator.changes); "" for none."""
    return max((e.document.updated for e in entries if kb.history.known(e.document.path)), default="")


class Renderer:
    """Renders pages for one linked knowledge base."""

    def __init__(self, linked: LinkedKnowledgeBase, site_url: str = "/", memo: RenderMemo | None = None) -> None:
        self.linked = linked
        self.kb = linked.kb
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.memo = memo or RenderMemo()
        self.versions = self.memo.versions_for(self.kb)
        self._forms: dict[Entry, forms.Form] = {}
        self._glossary: Glossary | None = None
        if self.memo.environments is None:
            # Compiled templates are kept in Jinja's own cache folder (in the temp dir, by the template's
            # checksum): compiling them costs ~0.5 s, as much as rendering 100 pages. One file pattern per
            # environment, since Jinja's cache key does not include the environment's options.
            self.memo.environments = (
                _page_environment(FileSystemBytecodeCache(pattern="kennisbank-pages-%s.cache")),
                forms.environment(FileSystemBytecodeCache(pattern="kennisbank-forms-%s.cache")),
            )
        self.env, self.form_env = self.memo.environments
        self._files: set[str] | None = None
        self._changed: Callable[[Any], str] | None = None
        self.prose = ProseRenderer(self._exists)
        self.env.filters.update(
            text=escape_text,
            md=self._prose,
            md_inline=self._prose_inline,
            md_list=self._prose_list,
            html_text=self._html_text,
            link=self._link,
            url=self._url,
            cell=self._cell,
            number_ranges=number_ranges,
            dutch_date=changes.dutch_date,
        )
        self.env.globals.update(
            kb=self.kb,
            types=CONTENT_TYPES,
            links_to=self._links_to,
            field_rows=field_rows,
            all_reflectors_pdf=ALL_REFLECTORS_PDF,
            entries=self._entries,
            ref_type=ref_type,
            sections=sections,
            team_page=_team_page,
            changed_on=self._changed_on,
            **self._changes(),
            # The public address when mkdocs.yml sets one, else "": a copied link is then the page's own.
            site_address=self.site_url if self.site_url.startswith(("http://", "https://")) else "",
            **results_2015_globals(self.kb),
        )
        self._reference = (self.site_url, *(self.versions[name] for name in REFERENCE_TYPES))
        # After an update in place, only touched entries can show anything new (link.LinkedKnowledgeBase).
        touched = linked.touched
        self._touched = touched if touched is not None and self.memo.reference == self._reference else None
        self.memo.reference = self._reference

    def unchanged(self, entry: Entry) -> bool:
        """Whether the entry's page and form certainly show what they showed at the last render."""
        return self._touched is not None and entry not in self._touched

    @property
    def form_entries(self) -> list[Entry]:
        """Every item with a printable form: the reflectors, then the formulieren."""
        return [entry for kind in FORM_BUILDERS for entry in self.kb.of(kind)]

    def form(self, entry: Entry) -> forms.Form | None:
        """The printable form of an item, or None for a type without forms (built once per render)."""
        build = FORM_BUILDERS.get(entry.type.name)
        if build is None:
            return None
        if entry not in self._forms:
            self._forms[entry] = build(entry, self.kb)
        return self._forms[entry]

    def fingerprint(self, entry: Entry) -> tuple[Any, ...]:
        """What an item's page (and form) shows: the item, the items it links with (by title), the
        reference content. Entries compare by identity, and an unchanged file keeps its Entry objects
        (validate.LoadCache), so an equal fingerprint means the same page."""
        return (entry, self._faces(entry), self._reference)

    def pages(self) -> dict[str, str]:
        """Every generated page, keyed by its docs-relative path.

        A page whose fingerprint (what it shows) equals the one it had in the memo keeps its text
        without rendering: the live preview re-renders only what an edit changed.
        """
        result: dict[str, str] = {}
        self.memo.rendered.clear()
        counts = tuple(len(entries) for entries in self.kb.entries.values())
        latest = _latest((entry for entries in self.kb.entries.values() for entry in entries.values()), self.kb)
        for path, (template, shows) in SITE_PAGES.items():
            shown = counts if shows == COUNTS else tuple(self.versions[name] for name in shows)
            fingerprint: tuple[Any, ...] = (path, shown, self._reference)
            result[path] = self._page(path, fingerprint, functools.partial(self._render, template, path), About(latest))
        for content_type in CONTENT_TYPES.values():
            if content_type.shown_on:
                continue
            overview = page_of(content_type)
            if content_type.layout == "pages":
                fingerprint = (overview, self.versions[content_type.name], self._reference)
                result[overview] = self._page(
                    overview,
                    fingerprint,
                    functools.partial(self._render, "overview.md.j2", overview, content_type=content_type),
                    About(_latest(self.kb.of(content_type.name), self.kb)),
                )
                for entry in self.kb.of(content_type.name):
                    path = page_of(content_type, entry.key)
                    result.update(self._companion_pages(entry))
                    kept = self.memo.pages.get(path)
                    if kept is not None and self.unchanged(entry):
                        result[path] = kept[1]
                        continue
                    result[path] = self._page(
                        path,
                        self.fingerprint(entry),
                        functools.partial(self._item_page, entry, path),
                        About.of(entry, self.kb),
                    )
            else:
                kept = self.memo.pages.get(overview)
                if kept is not None and self._touched is not None and self._same_faces(content_type):
                    result[overview] = kept[1]
                    continue
                faces = {entry: self._faces(entry) for entry in self.kb.of(content_type.name)}
                self.memo.faces.update((entry.face, shown) for entry, shown in faces.items())
                fingerprint = (overview, self._reference, tuple(faces.values()))
                shown_here = [
                    e
                    for t in CONTENT_TYPES.values()
                    if t is content_type or t.shown_on == content_type.name
                    for e in self.kb.of(t.name)
                ]
                sources = {entry.document.path for entry in self.kb.of(content_type.name)}
                result[overview] = self._page(
                    overview,
                    fingerprint,
                    functools.partial(self._render, content_type.template, overview, content_type=content_type),
                    About(_latest(shown_here, self.kb), sources.pop() if len(sources) == 1 else ""),
                )
        self.memo.keep_only(result)
        return result

    def _page(
        self,
        path: str,
        fingerprint: tuple[Any, ...],
        render: Callable[[], str | tuple[str, str]],
        about: About | None = None,
    ) -> str:
        """The page's text, rendered (render() gives the page, or the page and its Markdown without raw
        HTML, where the glossary's tooltips never apply) or, with the same fingerprint, from the memo.
        `about` goes into the page's front matter, for the footer (theme/partials/footer.html)."""
        fingerprint = (*fingerprint, about)
        kept = self.memo.pages.get(path)
        if kept is not None and kept[0] == fingerprint:
            return kept[1]
        rendered = render()
        page, markdown = rendered if isinstance(rendered, tuple) else (rendered, rendered)
        page = about.front_matter(page) if about else page
        page += self._glossary_for(markdown)
        self.memo.pages[path] = (fingerprint, page)
        self.memo.rendered.append(path)
        return page

    def _item_page(self, entry: Entry, path: str) -> tuple[str, str]:
        form = self.form(entry)
        form_html = forms.form_fragment(form, self.form_env) if form else ""
        online_html = forms.online_fragment(form, self.form_env) if form and form.scale else ""
        page = self._render(
            entry.type.template,
            path,
            entry=entry,
            item=entry.item,
            team_url=relative(_team_page(entry), path) if _team_page(entry) else "",
            form=form,
            form_html=form_html,
            online_html=online_html,
        )
        page = self._see_also(entry, path, page)
        page += self._citation(entry, path, page)
        markdown = page.replace(form_html, "").replace(online_html, "") if form_html else page
        return page, markdown

    def _see_also(self, entry: Entry, path: str, page: str) -> str:
        """The page with the items it refers to in fields that its template does not link, by type under
        "Zie ook": a reference field added to a model shows on the page without editing the template."""
        unplaced: dict[ContentType, list[Entry]] = {}
        for link_ in self.linked.outgoing.get((entry.type.name, entry.key), ()):
            if link_.in_prose or f"]({relative(target_of(link_.target), path)})" in page:
                continue
            targets = unplaced.setdefault(link_.target.type, [])
            if link_.target not in targets:
                targets.append(link_.target)
        if not unplaced:
            return page
        order = list(CONTENT_TYPES.values())
        block = "".join(
            f"\n### {escape_text(content_type.title)}\n\n"
            + "".join(f"- [{escape_text(t.item.label)}]({relative(target_of(t), path)})\n" for t in targets)
            for content_type, targets in sorted(unplaced.items(), key=lambda pair: order.index(pair[0]))
        )
        heading = SEE_ALSO.search(page)
        if heading:  # at the end of the template's own "Zie ook" section
            ends = [at for at in (page.find("\n## ", heading.end()), page.find(BACKLINKS, heading.end())) if at >= 0]
            at = min(ends, default=len(page))
        else:  # a section of its own, before "Gebruikt in"
            at = page.find(BACKLINKS) if BACKLINKS in page else len(page)
            block = "\n## Zie ook\n" + block
        return page[:at].rstrip("\n") + "\n" + block + page[at:]

    def _companion_pages(self, entry: Entry) -> dict[str, str]:
        """The item's companion page (a reflector's team page), if it has one."""
        companion = COMPANION_PAGES.get(entry.type.name)
        if companion is None or not companion[0](entry):
            return {}
        _, path_of, template = companion
        path = path_of(entry)
        fingerprint = (path, entry, self._reference)
        return {
            path: self._page(
                path, fingerprint, lambda: self._companion_page(entry, path, template), About.of(entry, self.kb)
            )
        }

    def _companion_page(self, entry: Entry, path: str, template: str) -> tuple[str, str]:
        data_script = team.data_script(team.team_data(entry, self.kb))
        page = self._render(
            template, path, entry=entry, item=entry.item, data_script=data_script, item_page=target_of(entry)
        )
        return page, page.replace(data_script, "")

    def _same_faces(self, content_type: ContentType) -> bool:
        """Whether the touched items of a list type link with the same items (by title) as before:
        the list page then shows what it showed (its other items are not touched)."""
        assert self._touched is not None
        return all(
            self.memo.faces.get(entry.face) == self._faces(entry)
            for entry in self._touched
            if entry.type is content_type
        )

    def _faces(self, entry: Entry) -> tuple[tuple[str, str, str], ...]:
        """What pages show of the items `entry` links with, both ways (Entry.face)."""
        key = (entry.type.name, entry.key)
        outgoing = (link_.target.face for link_ in self.linked.outgoing.get(key, ()))
        incoming = (link_.source.face for link_ in self.linked.incoming.get(key, ()))
        return (*outgoing, *incoming)

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
        """Data files offered for download on the site: the 2015 results as CSV for Dutch Excel, and the
        Atom feed of "Wat is er nieuw"."""
        # Jinja's globals are typed `object`; these two are set by results2015 and changes.
        figures = cast(Callable[[], results2015.Figures], self.env.globals["results_2015"])
        table = figures().rows
        files = {RESULTS_2015_CSV: results_2015_csv(table)} if table else {}
        rows = cast(list[changes.Row], self.env.globals["rows"])
        page_url = self.site_url + "wat-is-er-nieuw/"
        updated = rows[0].change.when if rows else "2015-01-01T00:00:00+00:00"
        files[changes.FEED] = changes.atom_feed(rows, self.site_url, page_url, updated)
        return files

    def _changes(self) -> dict[str, Any]:
        return changes.page_values(self.kb, page_of, SECTION_SIZE)

    def _changed_on(self, item: Any) -> str:
        if self._changed is None:
            self._changed = changes.changed_on(self.kb)
        return self._changed(item)

    def _glossary_for(self, page: str) -> str:
        """Abbreviation definitions for the glossary terms this page uses: tooltips on every page, at a
        cost that grows with the page, not with the glossary. Candidate terms come from the page's own
        words (one big alternation of all terms, or the whole glossary on every page, is quadratic)."""
        if self._glossary is None:
            self._glossary = Glossary(self.kb.items_of(Begrip))
        return self._glossary.definitions_for(page)

    def _entries(self, type_name: str) -> list[Entry]:
        """Items in reading order: numbered ones by number, then the rest by title."""
        entries = self.kb.of(type_name)
        if CONTENT_TYPES[type_name].layout != "pages":
            return entries
        return sorted(entries, key=lambda e: (getattr(e.item, "nummer", None) or 10_000, e.item.label.lower()))

    def _render(self, template: str, page: str, **values: Any) -> str:
        return self.env.get_template(template).render(page=page, **values)

    def _exists(self, path: str) -> bool:
        if self._files is None:
            self._files = site_files(self.kb)
        return path in self._files

    def _terms(self, text: str) -> dict[str, str]:
        """The glossary terms in `text`, for the tooltips of prose (see _glossary_for)."""
        if self._glossary is None:
            self._glossary = Glossary(self.kb.items_of(Begrip))
        return self._glossary.meanings_for(" ".join(text.split()))

    def _references(self, text: str, page: str) -> str:
        """Prose with its `[[type:id]]` references as relative Markdown links (labels escaped)."""

        def replace(match: re.Match[str]) -> str:
            entry = self.kb.get(match.group(1).strip(), match.group(2).strip())
            if entry is None:  # the link stage reported it; never reached in a valid build
                return escape_text(match.group(0))
            label = match.group(3).strip() if match.group(3) else entry.item.label
            return f"[{escape_text(label)}]({relative(target_of(entry), page)})"

        return REFERENCE.sub(replace, text) if "[[" in text else text

    @pass_context
    def _prose(self, context: Context, text: str | None, lead: str = "", level: int = 3) -> str:
        """Prose as sanitised HTML blocks (generator.prose); `lead`: trusted HTML opening it; `level`:
        the level its highest heading gets (one below the heading the prose stands under)."""
        if not text:
            return ""
        page = context["page"]
        return self.prose.block(self._references(text, page), page, self._terms, lead=lead, level=level)

    @pass_context
    def _prose_inline(self, context: Context, text: str | None) -> str:
        """Prose as sanitised HTML for inside an element of a raw HTML block (a table cell)."""
        if not text:
            return ""
        page = context["page"]
        prose = self._references(text, page)
        return self.prose.inline(prose, page, self._terms(prose))

    @pass_context
    def _prose_list(self, context: Context, texts: list[str], ordered: bool = False) -> str:
        """A list of prose (steps, points) as one sanitised HTML block."""
        page, tag = context["page"], "ol" if ordered else "ul"
        prose = [self._references(text, page) for text in texts]
        # Spaced as Markdown spaced it: items of more than a line (YAML blocks) in paragraphs, others tight.
        loose = any(text.endswith("\n") or "\n\n" in text.strip() for text in prose)
        items = "".join(f"<li>{self.prose.inline(text, page, self._terms(text), loose)}</li>\n" for text in prose)
        return f'<div class="kb-prose">\n<{tag}>\n{items}</{tag}>\n</div>'

    @pass_context
    def _html_text(self, context: Context, value: Any) -> str:
        """Plain content text for inside a raw HTML block: escaped, with its glossary tooltips."""
        text = str(value)
        return self.prose.inline(escape_text(text), context["page"], self._terms(text))

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
