"""What items of some content types have besides their page, registered per type: a printable form,
a companion page, files to download. The renderer, `site_files` and the PDF stage read this table
instead of asking for type names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator import forms, team
from generator.packs import module_pack_path, session_plan_path
from generator.registry import CONTENT_TYPES
from generator.results2015 import CSV_PATH as RESULTS_2015_CSV
from generator.validate import Entry, KnowledgeBase

ALL_REFLECTORS_PDF = "pdf/alle-reflectoren.pdf"


@dataclass(frozen=True)
class CompanionPage:
    """A second page of an item (a scaled reflector's team page): which items have one, where, its template."""

    has: Callable[[Entry], bool]
    path_of: Callable[[Entry], str]
    template: str


@dataclass(frozen=True)
class Extras:
    """The extras of one content type (all optional)."""

    form: Callable[[Entry, KnowledgeBase], forms.Form] | None = None
    """Builds the item's printable form, shown on its page and printed to PDF."""
    companion: CompanionPage | None = None
    files: Callable[[Entry], tuple[str, ...]] = lambda entry: ()
    """Docs-relative files the build writes for each item (its PDFs)."""
    type_files: tuple[str, ...] = ()
    """Files the build writes once when the type has any items."""


NO_EXTRAS = Extras()

# In the order of the forms on the site and in the PDF stage: the reflectors, then the formulieren.
EXTRAS: dict[str, Extras] = {
    "reflector": Extras(
        form=forms.reflector_form,
        companion=CompanionPage(team.has_team_page, team.team_page, "reflector_team.md.j2"),
        files=lambda entry: (f"pdf/{entry.key}.pdf",),  # forms.Form.pdf_path, without building the form
        type_files=(ALL_REFLECTORS_PDF,),
    ),
    "formulier": Extras(form=forms.formulier_form, files=lambda entry: (f"pdf/formulier-{entry.key}.pdf",)),  # idem
    "module": Extras(files=lambda entry: (module_pack_path(entry.key),)),
    "leerarrangement": Extras(files=lambda entry: (session_plan_path(entry.key),)),
    "resultaat": Extras(type_files=(RESULTS_2015_CSV,)),
}
assert EXTRAS.keys() <= CONTENT_TYPES.keys(), "extras for a type the registry does not have"


def extras_of(type_name: str) -> Extras:
    return EXTRAS.get(type_name, NO_EXTRAS)


def companion_page(entry: Entry) -> str:
    """Docs-relative path of the item's companion page, or '' when it has none."""
    companion = extras_of(entry.type.name).companion
    return companion.path_of(entry) if companion is not None and companion.has(entry) else ""
