"""What changed in the content, from git: the page "Wat is er nieuw", its Atom feed and each item's
"laatst gewijzigd".

One `git log --name-status` per build reads every commit that touched a content file (and one
`git status` the files edited since). Without git, or in a shallow clone (whose oldest commit seems to
add every file), the history is marked incomplete and the page says so.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from xml.sax.saxutils import escape, quoteattr

from generator.registry import CONTENT_TYPES, ContentType

if TYPE_CHECKING:
    from generator.validate import KnowledgeBase

Kind = Literal["nieuw", "gewijzigd", "verwijderd"]
KINDS: dict[str, Kind] = {"A": "nieuw", "M": "gewijzigd", "D": "verwijderd", "T": "gewijzigd"}
YAML_SUFFIXES = (".yml", ".yaml")
PAGE = "wat-is-er-nieuw/index.md"
FEED = "wat-is-er-nieuw/feed.xml"
MAX_CHANGES = 300
MAX_FEED_COMMITS = 50
GIT_TIMEOUT = 60
NO_GIT = "deze build is niet gemaakt uit een git-repository"
# Per commit: hash, date and the editor's note for readers; then its files. The note is the commit's
# "Toelichting:" trailer (a last paragraph "Toelichting: …"), not its subject: commit messages are English,
# and what readers see is Dutch.
NOTE_TRAILER = "Toelichting"
LOG_FORMAT = f"%x1e%H%x1f%cI%x1f%(trailers:key={NOTE_TRAILER},valueonly,unfold,separator=%x20)"
MONTHS = (
    *("januari", "februari", "maart", "april", "mei", "juni"),
    *("juli", "augustus", "september", "oktober", "november", "december"),
)


@dataclass(frozen=True)
class Change:
    """One content file changed in one commit."""

    commit: str
    when: str
    """The commit's date and time (ISO 8601, with offset)."""
    message: str
    """The editor's note for readers: the commit's "Toelichting:" trailer, or empty."""
    path: str
    kind: Kind

    @property
    def date(self) -> str:
        return self.when[:10]


@dataclass
class History:
    """The content's history as far as this checkout knows it."""

    changes: list[Change] = field(default_factory=list)
    """Newest first."""
    dates: dict[str, str] = field(default_factory=dict)
    """Per file: the date (YYYY-MM-DD) of its last commit; not for files edited since or known only
    from the oldest commit of a shallow clone."""
    edited: set[str] = field(default_factory=set)
    """Files edited since their last commit (or never committed): their own date counts."""
    missing: str = ""
    """Why the history is not complete (in Dutch), or '' when it is."""

    @property
    def from_git(self) -> bool:
        return bool(self.changes or self.dates or self.edited) or not self.missing.startswith(NO_GIT)

    def known(self, path: str) -> bool:
        """Whether the date of `path` is its real last change (a commit, or an edit since)."""
        return path in self.dates or path in self.edited


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=GIT_TIMEOUT, check=True
    ).stdout


def is_content(path: str) -> bool:
    return path.endswith(YAML_SUFFIXES) and content_type_of(path) is not None


def content_type_of(path: str) -> ContentType | None:
    return next((t for t in CONTENT_TYPES.values() if t.owns(path)), None)


def read_history(root: Path) -> History:
    """The history of the content files under `root` (two git calls; none of it outside git)."""
    try:
        inside = _git(root, "rev-parse", "--is-shallow-repository", "--git-path", "shallow", "--show-prefix")
        log = _git(root, "log", "--no-renames", f"--format={LOG_FORMAT}", "--name-status", "--relative", "--", ".")
        edited = _git(root, "status", "--porcelain", "--untracked-files=all", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return History(missing=f"{NO_GIT}, dus de geschiedenis ontbreekt")
    is_shallow, shallow_path, prefix = [*inside.split("\n"), "", ""][:3]
    history = History()
    shallow: set[str] = set()
    if is_shallow.strip() == "true":
        history.missing = (
            "deze build is gemaakt uit een onvolledige kopie van de repository (shallow clone), dus oudere "
            "wijzigingen ontbreken"
        )
        shallow_file = Path(shallow_path.strip())
        shallow_file = shallow_file if shallow_file.is_absolute() else root / shallow_file
        with contextlib.suppress(OSError):
            shallow = set(shallow_file.read_text(encoding="utf-8").split())
    for record in log.split("\x1e"):
        head, _, names = record.partition("\n")
        parts = head.split("\x1f")
        if len(parts) != 3:
            continue
        commit, when, message = parts
        for line in names.splitlines():
            status, _, path = line.partition("\t")
            kind = KINDS.get(status[:1])
            if kind is None or not is_content(path):
                continue
            if commit in shallow:  # its diff is against nothing: every file seems new
                continue
            history.changes.append(Change(commit, when, message.strip(), path, kind))
            history.dates.setdefault(path, when[:10])
    for line in edited.splitlines():  # edited since the last commit: the file's own date counts
        path = line[3:].strip('"').removeprefix(prefix.strip())  # status names paths from the repository's top
        history.dates.pop(path, None)
        history.edited.add(path)
    return history


def dutch_date(date: str) -> str:
    """'2026-12-01' as '1 december 2026'."""
    try:
        day = datetime.date.fromisoformat(date[:10])
    except ValueError:
        return date
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Row:
    """One line of the page: which item, what happened, when, and the editor's note."""

    change: Change
    label: str
    """The item's title (or, for a list, the list's name); for a removed item its id."""
    page: str | None
    """The docs-relative page that shows it now, if any."""


def item_of(change: Change) -> tuple[ContentType, str | None] | None:
    """The content type and id (None: a whole list file) a changed path stands for."""
    content_type = content_type_of(change.path)
    if content_type is None:
        return None
    return content_type, (os.path.splitext(os.path.basename(change.path))[0] if content_type.per_file else None)


def page_values(kb: KnowledgeBase, page_of: Callable[..., str], section_size: int) -> dict[str, Any]:
    """What the page "Wat is er nieuw" shows: the rows (newest first) in sections of one day, at most
    `section_size` rows each (page_of: render.page_of, the page of a type or of one of its items)."""
    history = kb.history
    rows = []
    for change in history.changes[:MAX_CHANGES]:
        found = item_of(change)
        if found is None:
            continue
        content_type, key = found
        if key is None:  # a list file: the list as a whole
            rows.append(Row(change, f"{content_type.title} (lijst)", page_of(CONTENT_TYPES[content_type.page_type])))
            continue
        entry = kb.get(content_type.name, key)
        if entry is None:
            rows.append(Row(change, f"{content_type.name} '{key}'", None))
        else:
            rows.append(Row(change, entry.item.label, page_of(content_type, key)))
    row_sections = []
    for day, group in itertools.groupby(rows, key=lambda row: row.change.date):
        day_rows = list(group)
        for part, start in enumerate(range(0, len(day_rows), section_size), start=1):
            row_sections.append((day, day_rows[start : start + section_size], part))
    return {
        "history": history,
        "rows": rows,
        "row_sections": row_sections,
        "truncated": len(history.changes) > MAX_CHANGES,
    }


def changed_on(kb: KnowledgeBase) -> Callable[[Any], str]:
    """For an item with its own file: the date (YYYY-MM-DD) it last changed, when the history knows it; else ''."""
    by_item = {id(entry.item): entry for t in CONTENT_TYPES.values() if t.per_file for entry in kb.of(t.name)}

    def date_of(item: Any) -> str:
        entry = by_item.get(id(item))
        if entry is None or not kb.history.known(entry.document.path):
            return ""
        return entry.document.updated

    return date_of


def atom_feed(rows: list[Row], site_url: str, page_url: str, updated: str) -> str:
    """An Atom feed of the changes, one entry per commit (newest first), linking to the items."""
    commits: dict[str, list[Row]] = {}
    for row in rows:
        commits.setdefault(row.change.commit, []).append(row)
    entries = []
    for commit, changed in list(commits.items())[:MAX_FEED_COMMITS]:
        first = changed[0].change
        items = "".join(
            f"<li>{escape(row.label)} ({row.change.kind})"
            + (f' — <a href="{escape(site_url + _url(row.page))}">bekijk</a>' if row.page else "")
            + "</li>"
            for row in changed
        )
        link = site_url + _url(changed[0].page) if changed[0].page else page_url
        entries.append(
            "<entry>"
            f"<id>urn:git:{commit}</id>"
            f"<title>{escape(first.message or 'Wijziging in de inhoud')}</title>"
            f"<updated>{first.when}</updated>"
            f"<link rel={quoteattr('alternate')} type={quoteattr('text/html')} href={quoteattr(link)}/>"
            f"<content type={quoteattr('html')}>{escape('<ul>' + items + '</ul>')}</content>"
            "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">'
        "<title>Kennisbank sociale wijkteams: wat is er nieuw</title>"
        "<id>urn:kennisbank-sociale-wijkteams:wat-is-er-nieuw</id>"
        f"<updated>{updated}</updated>"
        f"<link rel={quoteattr('alternate')} type={quoteattr('text/html')} href={quoteattr(page_url)}/>"
        f"<link rel={quoteattr('self')} type={quoteattr('application/atom+xml')} "
        f"href={quoteattr(site_url + FEED)}/>"
        "<author><name>Redactie Kennisbank sociale wijkteams</name></author>" + "".join(entries) + "</feed>\n"
    )


def _url(page: str | None) -> str:
    if not page:
        return ""
    return page.removesuffix("index.md").removesuffix(".md") + ("" if page.endswith("index.md") else "/")
