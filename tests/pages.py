"""Reading built pages as a user sees them: visible text, without markup."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    """The text of an HTML page with whitespace folded, as a reader would see it."""
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


def article_text(path: Path) -> str:
    """Only the main article of a Material page (no navigation)."""
    html = path.read_text(encoding="utf-8")
    start = html.index('<article class="md-content__inner')
    end = html.index("</article>", start)
    parser = _Text()
    parser.feed(html[start:end])
    return " ".join("".join(parser.parts).split())
