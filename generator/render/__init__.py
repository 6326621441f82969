"""Render stage: turn the linked knowledge base into a tree of Markdown pages (path -> text).

Templates are found by the content type's name (`templates/<type>.md.j2`) and rendered in the one
Jinja environment (generator.templating). Content text never reaches the page as markup of its own:
plain fields are escaped, and prose is rendered to sanitised HTML by `generator.prose` (its
`[[type:id]]` references made relative links first), which the page embeds as raw HTML blocks that
MkDocs leaves alone.

The package, from the bottom up: `paths` (where a page or item is, links between pages), `text`
(escaping), `glossary` (tooltips), `sections` (long listings in parts), `extras` (what some types
have besides their page: a form, a companion page, PDFs), `pages` (the site pages and every file a
build has), `filters` (what templates call), `memo` (pages kept between renders, and their
fingerprints), `item_page` ("Zie ook" and "Verwijzen"), and `renderer` (the Renderer, which puts
them together).
"""

from generator.render.extras import ALL_REFLECTORS_PDF, EXTRAS, Extras, companion_page
from generator.render.memo import About, RenderMemo
from generator.render.pages import COUNTS, SITE_PAGES, site_files
from generator.render.paths import assets, item_url, page_of, relative, target_of
from generator.render.renderer import Renderer
from generator.render.sections import SECTION_SIZE, Section, sections
from generator.render.text import escape_text, number_ranges
from generator.templating import template_failure

__all__ = [
    "ALL_REFLECTORS_PDF",
    "COUNTS",
    "EXTRAS",
    "SECTION_SIZE",
    "SITE_PAGES",
    "About",
    "Extras",
    "RenderMemo",
    "Renderer",
    "Section",
    "assets",
    "companion_page",
    "escape_text",
    "item_url",
    "number_ranges",
    "page_of",
    "relative",
    "sections",
    "site_files",
    "target_of",
    "template_failure",
]
