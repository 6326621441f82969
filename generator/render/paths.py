"""Where things are on the site: the page of an item or type, links between pages, shipped assets."""

from __future__ import annotations

import functools
from pathlib import Path

from generator.registry import ContentType
from generator.validate import Entry

ASSETS = Path(__file__).parents[1] / "assets"


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


def item_url(entry: Entry) -> str:
    """The item's URL below the site root (directory URLs), e.g. 'methoden/sonestra/'."""
    path, _, anchor = target_of(entry).partition("#")
    url = path.removesuffix("index.md").removesuffix(".md")
    url = url if url.endswith("/") or not url else url + "/"
    return f"{url}#{anchor}" if anchor else url


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


@functools.cache
def asset_paths() -> tuple[str, ...]:
    return tuple(f"assets/{p.relative_to(ASSETS).as_posix()}" for p in sorted(ASSETS.rglob("*")) if p.is_file())


def assets() -> dict[str, bytes]:
    """Static files shipped with the generator, keyed by docs-relative path."""
    return {
        f"assets/{p.relative_to(ASSETS).as_posix()}": p.read_bytes() for p in sorted(ASSETS.rglob("*")) if p.is_file()
    }
