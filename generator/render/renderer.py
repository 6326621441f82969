"""The Renderer: every page of one linked knowledge base, rendered or taken from the memo."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, cast

from jinja2 import Environment

from generator import changes, forms, results2015, team, templating
from generator.link import LinkedKnowledgeBase
from generator.registry import CONTENT_TYPES, ContentType
from generator.render.extras import EXTRAS, companion_page, extras_of
from generator.render.filters import FILTERS, PageFilters, install_filters, page_values
from generator.render.item_page import citation, with_see_also
from generator.render.memo import About, Fingerprints, RenderMemo, latest
from generator.render.pages import COUNTS, SITE_PAGES
from generator.render.paths import page_of, relative, target_of
from generator.results2015 import CSV_PATH as RESULTS_2015_CSV
from generator.results2015 import csv_text as results_2015_csv
from generator.validate import Entry


class Renderer:
    """Renders pages for one linked knowledge base."""

    def __init__(self, linked: LinkedKnowledgeBase, site_url: str = "/", memo: RenderMemo | None = None) -> None:
        self.linked = linked
        self.kb = linked.kb
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.memo = memo or RenderMemo()
        self.fingerprints = Fingerprints(linked, self.site_url, self.memo)
        self._forms: dict[Entry, forms.Form] = {}
        if self.memo.environment is None:
            self.memo.environment = templating.environment(cached=True)
            install_filters(self.memo.environment)
        self.env = self.memo.environment
        self.filters = PageFilters(self.kb)
        self.values = {**page_values(linked, self.site_url), FILTERS: self.filters}
        """What every page of this render sees besides its own values."""

    @property
    def form_env(self) -> Environment:
        """The environment that renders forms (the same one as the pages')."""
        return self.env

    def unchanged(self, entry: Entry) -> bool:
        """Whether the entry's page and form certainly show what they showed at the last render."""
        return self.fingerprints.unchanged(entry)

    def fingerprint(self, entry: Entry) -> tuple[Any, ...]:
        """What an item's page (and form) shows (memo.Fingerprints.of_item)."""
        return self.fingerprints.of_item(entry)

    @property
    def form_entries(self) -> list[Entry]:
        """Every item with a printable form, in the order of render.extras.EXTRAS."""
        return [entry for name, extras in EXTRAS.items() if extras.form for entry in self.kb.of(name)]

    def form(self, entry: Entry) -> forms.Form | None:
        """The printable form of an item, or None for a type without forms (built once per render)."""
        build = extras_of(entry.type.name).form
        if build is None:
            return None
        if entry not in self._forms:
            self._forms[entry] = build(entry, self.kb)
        return self._forms[entry]

    def pages(self) -> dict[str, str]:
        """Every generated page, keyed by its docs-relative path.

        A page whose fingerprint (what it shows) equals the one it had in the memo keeps its text
        without rendering: the live preview re-renders only what an edit changed.
        """
        result: dict[str, str] = {}
        self.memo.rendered.clear()
        result.update(self._site_pages())
        for content_type in CONTENT_TYPES.values():
            if content_type.shown_on:
                continue
            if content_type.layout == "pages":
                result.update(self._overview_and_item_pages(content_type))
            else:
                result.update(self._list_page(content_type))
        self.memo.keep_only(result)
        return result

    def _site_pages(self) -> dict[str, str]:
        """The pages of SITE_PAGES (home, start pages, redactie …)."""
        counts = tuple(len(entries) for entries in self.kb.entries.values())
        updated = latest((entry for entries in self.kb.entries.values() for entry in entries.values()), self.kb)
        result = {}
        for path, (template, shows) in SITE_PAGES.items():
            if shows == COUNTS:
                fingerprint = (path, counts, self.fingerprints.reference)
            else:
                fingerprint = self.fingerprints.of_types(path, shows)
            render = functools.partial(self._render, template, path)
            result[path] = self._page(path, fingerprint, render, About(updated))
        return result

    def _overview_and_item_pages(self, content_type: ContentType) -> dict[str, str]:
        """A "pages" type: its overview, then per item its page and companion page."""
        overview = page_of(content_type)
        entries = self.kb.of(content_type.name)
        result = {
            overview: self._page(
                overview,
                self.fingerprints.of_types(overview, (content_type.name,)),
                functools.partial(self._render, "overview.md.j2", overview, content_type=content_type),
                About(latest(entries, self.kb)),
            )
        }
        for entry in entries:
            path = page_of(content_type, entry.key)
            result.update(self._companion_pages(entry))
            kept = self.memo.kept(path)
            if kept is not None and self.unchanged(entry):
                result[path] = kept
                continue
            result[path] = self._page(
                path, self.fingerprint(entry), functools.partial(self._item_page, entry, path), About.of(entry, self.kb)
            )
        return result

    def _list_page(self, content_type: ContentType) -> dict[str, str]:
        """A "list" type: one page with all its items (and those of the types shown on it)."""
        path = page_of(content_type)
        kept = self.memo.kept(path)
        if kept is not None and self.fingerprints.touched is not None and self.fingerprints.same_faces(content_type):
            return {path: kept}
        faces = {entry: self.fingerprints.faces(entry) for entry in self.kb.of(content_type.name)}
        self.memo.faces.update((entry.face, shown) for entry, shown in faces.items())
        fingerprint = (path, self.fingerprints.reference, tuple(faces.values()))
        shown_here = [
            e
            for t in CONTENT_TYPES.values()
            if t is content_type or t.shown_on == content_type.name
            for e in self.kb.of(t.name)
        ]
        sources = {entry.document.path for entry in self.kb.of(content_type.name)}
        about = About(latest(shown_here, self.kb), sources.pop() if len(sources) == 1 else "")
        render = functools.partial(self._render, content_type.template, path, content_type=content_type)
        return {path: self._page(path, fingerprint, render, about)}

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
        kept = self.memo.kept(path, fingerprint)
        if kept is not None:
            return kept
        rendered = render()
        page, markdown = rendered if isinstance(rendered, tuple) else (rendered, rendered)
        page = about.front_matter(page) if about else page
        # Abbreviation definitions for the glossary terms this page uses: tooltips on every page.
        page += self.filters.glossary.definitions_for(markdown)
        self.memo.keep(path, fingerprint, page)
        return page

    def _item_page(self, entry: Entry, path: str) -> tuple[str, str]:
        form = self.form(entry)
        form_html = forms.form_fragment(form, self.env) if form else ""
        online_html = forms.online_fragment(form, self.env) if form and form.scale else ""
        team_page = companion_page(entry)
        page = self._render(
            entry.type.template,
            path,
            entry=entry,
            item=entry.item,
            team_url=relative(team_page, path) if team_page else "",
            form=form,
            form_html=form_html,
            online_html=online_html,
        )
        page = with_see_also(self.linked, entry, path, page)
        page += citation(self._render, entry, path, page, self.site_url)
        markdown = page.replace(form_html, "").replace(online_html, "") if form_html else page
        return page, markdown

    def _companion_pages(self, entry: Entry) -> dict[str, str]:
        """The item's companion page (a reflector's team page), if it has one."""
        companion = extras_of(entry.type.name).companion
        if companion is None or not companion.has(entry):
            return {}
        path = companion.path_of(entry)
        fingerprint = (path, entry, self.fingerprints.reference)
        render = functools.partial(self._companion_page, entry, path, companion.template)
        return {path: self._page(path, fingerprint, render, About.of(entry, self.kb))}

    def _companion_page(self, entry: Entry, path: str, template: str) -> tuple[str, str]:
        data_script = team.data_script(team.team_data(entry, self.kb))
        page = self._render(
            template, path, entry=entry, item=entry.item, data_script=data_script, item_page=target_of(entry)
        )
        return page, page.replace(data_script, "")

    def downloads(self) -> dict[str, str]:
        """Data files offered for download on the site: the 2015 results as CSV for Dutch Excel, and the
        Atom feed of "Wat is er nieuw"."""
        # The page values are typed `Any`; these two are set by results2015 and changes.
        figures = cast(Callable[[], results2015.Figures], self.values["results_2015"])
        table = figures().rows
        files = {RESULTS_2015_CSV: results_2015_csv(table)} if table else {}
        rows = cast(list[changes.Row], self.values["rows"])
        page_url = self.site_url + "wat-is-er-nieuw/"
        updated = rows[0].change.when if rows else "2015-01-01T00:00:00+00:00"
        files[changes.FEED] = changes.atom_feed(rows, self.site_url, page_url, updated)
        return files

    def _render(self, template: str, page: str, **values: Any) -> str:
        return self.env.get_template(template).render({**self.values, **values}, page=page)
