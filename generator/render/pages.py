"""The page list: the site pages with their templates, and every file a build has."""

from __future__ import annotations

from generator import changes
from generator.registry import CONTENT_TYPES
from generator.render.extras import EXTRAS
from generator.render.paths import asset_paths, page_of
from generator.validate import KnowledgeBase

COUNTS = ("#",)
"""In SITE_PAGES: the page shows only how many items each type has."""
SITE_PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "index.md": ("home.md.j2", COUNTS),
    "start/sociaal-werker.md": ("start_sociaal_werker.md.j2", ("methode",)),
    "start/leercoach.md": ("start_leercoach.md.j2", ("leerarrangement", "methode", "reflector")),
    "start/trainer.md": ("start_trainer.md.j2", COUNTS),
    "redactie/index.md": ("redactie.md.j2", ()),
    "over-de-bronnen/index.md": ("over_de_bronnen.md.j2", ("methode",)),
    changes.PAGE: ("wat_is_er_nieuw.md.j2", ("leerarrangement", "kennisbron", "reflector", "methode", "module")),
}
"""Site pages, with the content types each one shows (its memo'd text is reused while those are unchanged)."""


def site_files(kb: KnowledgeBase) -> set[str]:
    """Every docs-relative file a build of `kb` has: the files prose may link to (and check checks)."""
    files = set(SITE_PAGES) | set(asset_paths())
    for content_type in CONTENT_TYPES.values():
        if not content_type.shown_on:
            files.add(page_of(content_type))
        if content_type.layout == "pages":
            files.update(page_of(content_type, entry.key) for entry in kb.of(content_type.name))
    for name, extras in EXTRAS.items():
        entries = kb.of(name)
        companion = extras.companion
        if companion is not None:
            files.update(companion.path_of(entry) for entry in entries if companion.has(entry))
        for entry in entries:
            files.update(extras.files(entry))
        if entries:
            files.update(extras.type_files)
    return files
