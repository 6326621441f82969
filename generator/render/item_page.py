"""What every item page gets below its own template: "Zie ook" for the references the template does not
link, and the "Verwijzen" block (stable address, the page's anchors, a citation line)."""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown.extensions.toc import slugify

from generator.link import LinkedKnowledgeBase
from generator.registry import CONTENT_TYPES, ContentType
from generator.render.paths import item_url, relative, target_of
from generator.render.text import escape_text, plain
from generator.validate import Entry

HEADING = re.compile(r"^## (.+?)(?:\s*\{ #([\w-]+) \})?$", re.MULTILINE)
REPORT = "Evaluatierapport sociale wijkteams Nijmegen (2015)"
SEE_ALSO = re.compile(r"^## Zie ook$", re.MULTILINE)
BACKLINKS = '\n<div class="kb-gebruikt-in"'  # where _macros.md.j2's backlinks() begins


def with_see_also(linked: LinkedKnowledgeBase, entry: Entry, path: str, page: str) -> str:
    """The page with the items it refers to in fields that its template does not link, by type under
    "Zie ook": a reference field added to a model shows on the page without editing the template."""
    unplaced: dict[ContentType, list[Entry]] = {}
    for link_ in linked.outgoing.get((entry.type.name, entry.key), ()):
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


def citation(render: Callable[..., str], entry: Entry, path: str, page: str, site_url: str) -> str:
    """The "Verwijzen" block (templates/_verwijzen.md.j2) for `page`; render(template, path, **values)."""
    anchors = [(anchor or slugify(plain(heading), "-"), plain(heading)) for heading, anchor in HEADING.findall(page)]
    return render(
        "_verwijzen.md.j2",
        path,
        item=entry.item,
        anchors=anchors,
        address=f"{site_url}{item_url(entry)}",
        updated=entry.document.updated,
        report=REPORT,
    )
