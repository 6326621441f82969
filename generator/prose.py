"""Content prose rendered to sanitised HTML: what an editor writes can format text, never run or fetch.

Editors write Markdown. It is rendered here, not by MkDocs: by Python-Markdown with only `tables`
(no raw HTML, no attr_list, no abbr, no md_in_html, so no attributes or abbreviations of content's
own), and the result goes through nh3 (ammonia) with an allowlist of tags, attributes and URL schemes.
Whatever Markdown trick produced it, no tag, attribute or scheme outside the allowlist reaches a page.
The page embeds the result as a raw HTML block, which MkDocs leaves alone, so nothing after us
can turn text back into markup (MkDocs' own attr_list, abbr and md_in_html serve our templates only).

Because MkDocs does not touch that HTML, this module does what it would have done:
- links: `[[type:id]]` references (made relative `.md` links by the renderer) and relative links an
  editor writes are resolved against the site's files and written as the final relative URL of the
  served site (directory URLs). Each carries `data-kb` with its docs path, from which `offline_links`
  rewrites them for the offline copy (no directory URLs). A link to a file that does not exist is
  shown as text, and `problems` reports it for `check`. Only http, https and mailto leave the site.
- images only from the site itself; one from elsewhere is never shown (and `check` refuses it).
- glossary tooltips: terms in the text are wrapped in `<abbr title="meaning">` here, as MkDocs' abbr
  would (meanings are plain text by validation, and escaped).
- headings at the start of a line stay Markdown headings (escaped plain text), so MkDocs still gives
  them their anchor, permalink and table-of-contents entry.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor

SAFE_SCHEMES = ("http:", "https:", "mailto:")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
HEADING_LINE = re.compile(r"^(#{1,6})(.*?)#*[ \t]*$")
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
DOCS_PATH = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[\w./-]+(?:#[\w-]*)?$")

TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "abbr",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "data-kb"}, "img": {"src", "alt", "data-kb"}, "abbr": {"title"}, "ol": {"start"}}
CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)


# Braces and brackets as character references: the same text to a browser, but no Markdown pass after
# us can read content's text as syntax. md_in_html re-reads prose placed inside a template's
# `<div markdown>`, and attr_list then made `{: onclick=… }` or `{: style=… }` an attribute (issue 12).
_MARKDOWN_SYNTAX = str.maketrans({"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;"})


def sanitise(fragment: str) -> str:
    """HTML reduced to the allowlist (tags, attributes, URL schemes): the last step of every prose."""
    return CLEANER.clean(fragment).translate(_MARKDOWN_SYNTAX)


def escape_markdown(text: str) -> str:
    """Plain text, safe inside Markdown: no HTML, no Markdown syntax, one line."""
    text = " ".join(text.split())
    return MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False)).replace("\\&", "&")


# --- Where a link goes ---------------------------------------------------------------------------


def page_url(path: str) -> str:
    """A docs path's URL below the site root on the served site (directory URLs): 'methoden/x/'."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def offline_file(path: str) -> str:
    """A docs path's file in the offline copy (no directory URLs): 'methoden/x.html'."""
    return path[:-3] + ".html" if path.endswith(".md") else path


def _relative(target: str, base: str) -> str:
    """URL path `target` relative to the folder `base` (both below the site root, '' for the root)."""
    parts, here = target.split("/"), [part for part in base.split("/") if part]
    common = 0
    while common < len(here) and common < len(parts) - 1 and here[common] == parts[common]:
        common += 1
    link = "/".join([".."] * (len(here) - common) + parts[common:])
    return link or "./"


def served_url(target: str, page: str) -> str:
    """Relative URL on the served site from docs page `page` to docs path `target` (with #anchor)."""
    path, _, anchor = target.partition("#")
    link = _relative(page_url(path), page_url(page))
    return f"{link}#{anchor}" if anchor else link


def offline_url(target: str, page_file: str) -> str:
    """Relative URL in the offline copy from the HTML file `page_file` to docs path `target`."""
    path, _, anchor = target.partition("#")
    link = _relative(offline_file(path), posixpath.dirname(page_file))
    return f"{link}#{anchor}" if anchor else link


@dataclass(frozen=True)
class Finding:
    """A link or image in prose that cannot be shown as written, with what an editor should read."""

    written: str
    message: str


def resolve(url: str, page: str, exists: Callable[[str], bool]) -> tuple[str | None, str | None]:
    """(docs path with #anchor, None) for a relative link to a site file; (None, why not) when it is
    relative but goes nowhere; (None, None) for anything that is not a relative path."""
    if not url or url.startswith("#") or ":" in url.split("/", 1)[0] or url.startswith("//"):
        return None, None
    if url.startswith("/"):
        return None, "is een absoluut pad; dat werkt niet in de offline versie. Verwijs met [[soort:id]]"
    path, _, anchor = url.partition("#")
    path = path.partition("?")[0]
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined.startswith("../") or joined == "..":
        return None, "wijst buiten de site"
    candidates = [joined]
    if path.endswith("/") or not posixpath.splitext(joined)[1]:
        candidates = [f"{joined}.md", f"{joined}/index.md"] if joined != "." else ["index.md"]
    for candidate in candidates:
        if exists(candidate):
            return (f"{candidate}#{anchor}" if anchor else candidate), None
    return None, "wijst naar een bestand dat niet bestaat. Verwijs naar een item met [[soort:id]]"


# --- Rendering -----------------------------------------------------------------------------------


@dataclass
class _Context:
    page: str = "index.md"
    exists: Callable[[str], bool] = lambda path: False
    links: bool = True
    terms: Mapping[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


class _Links(Treeprocessor):
    """Every link and image to its final form (or text), every glossary term in an <abbr>."""

    def __init__(self, md: markdown.Markdown, context: _Context) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        context = self.context
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "a":
                    self._link(child)
                elif child.tag == "img":
                    self._image(parent, child)
        terms = {" ".join(term.split()): meaning for term, meaning in context.terms.items() if term.strip()}
        if terms:
            _wrap_terms(root, _terms_pattern(tuple(sorted(terms, key=lambda t: (-len(t), t)))), terms)

    def _link(self, element: etree.Element) -> None:
        element.attrib.pop("title", None)  # Material's tooltips would insert it as HTML
        href = self.md.postprocessors["amp_substitute"].run(element.get("href", "")).strip()
        unescape = cast(UnescapeTreeprocessor, self.md.treeprocessors["unescape"])
        href = html.unescape(unescape.unescape(href)) if href else href
        target, why = resolve(href, self.context.page, self.context.exists)
        if why:
            self.context.findings.append(Finding(href, f"link naar '{href}' {why}"))
        if target is not None and self.context.links:
            element.set("href", served_url(target, self.context.page))
            element.set("data-kb", target)
        elif (href.startswith("#") and self.context.links) or _leaves_the_site(href):
            element.set("href", href)
        else:
            element.attrib.pop("href", None)
            element.tag = "span"  # not in the allowlist: only its text is left

    def _image(self, parent: etree.Element, image: etree.Element) -> None:
        src = html.unescape(image.get("src", "")).strip()
        target, _ = resolve(src, self.context.page, self.context.exists)
        if target is not None and target.lower().endswith(IMAGE_SUFFIXES) and self.context.links:
            image.set("src", served_url(target, self.context.page))
            image.set("data-kb", target)
            image.attrib.pop("title", None)
            return
        if target is not None and not target.lower().endswith(IMAGE_SUFFIXES):
            why = "is geen afbeelding"
        else:
            why = "staat niet in de kennisbank; een afbeelding moet een bestand van de site zelf zijn"
        self.context.findings.append(Finding(src, f"afbeelding '{src}' {why}"))
        # Never shown: its alt text stands in its place.
        index = list(parent).index(image)
        text = image.get("alt", "") + (image.tail or "")
        parent.remove(image)
        if index == 0:
            parent.text = (parent.text or "") + text
        else:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + text


@functools.lru_cache(maxsize=4096)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the terms (longest first) as a whole word; a term may break over a line of the source."""
    alternatives = (r"\s+".join(map(re.escape, term.split())) for term in terms)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def _leaves_the_site(href: str) -> bool:
    """A web or e-mail address written plainly (no spaces, quotes or backslashes)."""
    return href.lower().startswith(SAFE_SCHEMES) and not re.search(r"[\s<>\"'\\]", href)


def _wrap_terms(root: etree.Element, pattern: re.Pattern[str], terms: Mapping[str, str]) -> None:
    """Glossary terms in text (not in code or an abbr) wrapped in <abbr title="meaning">, as abbr does."""

    def split(text: str) -> list[str | etree.Element]:
        pieces: list[str | etree.Element] = []
        at = 0
        for match in pattern.finditer(text):
            pieces.append(text[at : match.start()])
            abbr = etree.Element("abbr", {"title": terms[" ".join(match.group(0).split())]})
            abbr.text = match.group(0)
            pieces.append(abbr)
            at = match.end()
        pieces.append(text[at:])
        return pieces

    def place(parent: etree.Element, index: int, pieces: list[str | etree.Element]) -> None:
        """pieces[0] stays where the text was; each element goes in at `index` with its tail."""
        for piece in pieces[1:]:
            if isinstance(piece, str):
                parent[index - 1].tail = piece
            else:
                parent.insert(index, piece)
                index += 1

    def visit(element: etree.Element) -> None:
        if element.tag in ("code", "pre", "abbr"):
            return
        for child in list(element):
            visit(child)
            if child.tail and pattern.search(child.tail):
                pieces = split(child.tail)
                child.tail = pieces[0]  # type: ignore[assignment]
                place(element, list(element).index(child) + 1, pieces)
        if element.text and pattern.search(element.text):
            pieces = split(element.text)
            element.text = pieces[0]  # type: ignore[assignment]
            place(element, 0, pieces)

    visit(root)


class ProseRenderer:
    """One Python-Markdown instance for content prose (see the module docstring), reused per page."""

    def __init__(self, exists: Callable[[str], bool] = lambda path: False) -> None:
        self.exists = exists
        self.context = _Context(exists=exists)
        self.md = markdown.Markdown(extensions=["tables"], output_format="html")
        # No raw HTML from content: `<b>` is text. (Autolinks such as <https://…> keep working.)
        self.md.preprocessors.deregister("html_block")
        self.md.inlinePatterns.deregister("html")
        self.md.treeprocessors.register(_Links(self.md, self.context), "kb_links", 1)

    def html(
        self,
        text: str,
        page: str = "index.md",
        terms: Mapping[str, str] | None = None,
        links: bool = True,
        lead: str = "",
    ) -> str:
        """Sanitised HTML of one piece of prose. `lead` (trusted HTML of a template) opens its first
        paragraph; links=False: relative links become text (paper forms)."""
        self.context.page, self.context.links, self.context.terms = page, links, terms or {}
        self.context.findings = []
        self.md.reset()
        rendered = self.md.convert(text)
        if lead:
            rendered = rendered[3:] if rendered.startswith("<p>") else "</p>" + rendered
            rendered = f"<p>{lead} {rendered}"
        return sanitise(rendered)

    def findings(self, text: str, page: str) -> list[Finding]:
        """Links and images in `text` that go nowhere or elsewhere than the site allows (for check)."""
        self.html(text, page)
        found, self.context.findings = self.context.findings, []
        return found

    def block(
        self,
        text: str,
        page: str,
        terms: Callable[[str], Mapping[str, str]] | None = None,
        lead: str = "",
        level: int = 3,
    ) -> str:
        """Prose for a page: sanitised HTML blocks, and its headings as Markdown headings of plain text.

        The headings are placed in the page's outline: the prose's highest heading becomes `level`
        (the level below the heading the prose stands under) and none goes more than one level
        deeper than the one before it, whatever levels the editor typed."""
        out: list[str] = []
        segments = list(_segments(text))
        typed = [len(hashes) for hashes, _ in segments if hashes is not None]
        shift = level - min(typed) if typed else 0
        previous = level - 1
        for hashes, chunk in segments:
            if hashes is not None:
                title = chunk
                depth = max(level, min(len(hashes) + shift, previous + 1, 6))
                previous = depth
                plain = html.unescape(nh3.clean(self.html(title, page, links=False), tags=set()))
                out.append(f"{'#' * depth} {escape_markdown(plain)}")
            else:
                body = self.html(chunk, page, terms(chunk) if terms else None, lead=lead)
                lead = ""
                if body.strip():
                    out.append(f'<div class="kb-prose">\n{body.strip()}\n</div>')
        return "\n\n".join(out)

    def inline(self, text: str, page: str, terms: Mapping[str, str] | None = None, loose: bool = False) -> str:
        """Sanitised HTML for inside an HTML element (a list item, a table cell): a single paragraph
        unwrapped, unless `loose`."""
        body = self.html(text, page, terms).strip()
        if not loose and body.startswith("<p>") and body.endswith("</p>") and body.count("<p>") == 1:
            body = body[3:-4]
        return body


def _segments(text: str) -> Iterator[tuple[str | None, str]]:
    """The prose cut at its headings, in order: (hashes, heading text) and (None, Markdown of a body)."""
    body: list[str] = []
    for line in text.splitlines():
        match = HEADING_LINE.match(line)
        if match and match.group(2).strip():
            if body:
                yield None, "\n".join(body)
                body = []
            yield match.group(1), match.group(2).strip()
        else:
            body.append(line)
    if body:
        yield None, "\n".join(body)


# --- The offline copy ----------------------------------------------------------------------------

LINKED_TAG = re.compile(r'<(?:a|img)\b[^>]*\bdata-kb="([^"]*)"[^>]*>')
URL_ATTRIBUTE = re.compile(r'\b(href|src)="[^"]*"')


def offline_links(folder: Path) -> None:
    """Rewrite the prose links of a build without directory URLs (the offline copy) to its files."""
    for path in folder.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if 'data-kb="' not in text:
            continue
        page_file = path.relative_to(folder).as_posix()

        def rewrite(match: re.Match[str], page_file: str = page_file) -> str:
            target = html.unescape(match.group(1))
            if not DOCS_PATH.match(target):
                return URL_ATTRIBUTE.sub("", match.group(0))
            url = html.escape(offline_url(target, page_file))
            return URL_ATTRIBUTE.sub(lambda m: f'{m.group(1)}="{url}"', match.group(0), count=1)

        path.write_text(LINKED_TAG.sub(rewrite, text), encoding="utf-8")
