"""Printable forms: every reflector and every formulier as one A4 layout.

A form is built once from the content (`Form`), rendered once to HTML (`templates/form.html.j2`),
and that same HTML is shown on the item's page (printed with Ctrl+P) and turned into the PDF.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from generator.figures import baseline_sides, distribution, high, low, mean_gap
from generator.link import REFERENCE
from generator.models import Concept, Eindterm, Formulier, Kernelement, Reflector, Resultaat, Schaalpunt
from generator.prose import ProseRenderer, escape_markdown
from generator.validate import Entry, KnowledgeBase

FORM_CSS = Path(__file__).parent / "assets" / "forms.css"
HEADER_FIELDS = ["Naam", "Team", "Datum", "Leercoach"]


@dataclass(frozen=True)
class Baseline:
    """Nijmegen 2015 for one eindterm, in whole tenths (None: the chart shows no bar to count)."""

    leerruimte: int
    """mean(gewenst) - mean(huidig) of the counts reconstructed from Bijlage 7."""
    laag_huidig: int | None
    """Percentage answering 1-2 on the huidig side."""
    hoog_gewenst: int | None
    """Percentage answering 4-5 on the gewenst side."""
    n: int


@dataclass
class ScaleItem:
    number: int
    text: str
    baseline: Baseline | None = None


@dataclass
class OpenField:
    label: str
    hint: str | None = None
    lines: int = 4
    key: str | None = None
    """The answer's key in the online form and its exports: an eindterm number, 'leerruimte',
    'actie' or 'vraag-N'; None for a field that is only on paper."""
    text: str | None = None
    """The question without its number (the exports' `tekst`); the label when None."""

    @property
    def question(self) -> str:
        return self.text if self.text is not None else self.label


@dataclass
class Group:
    heading: str | None
    subheading: str | None = None
    scale_items: list[ScaleItem] = field(default_factory=list)
    open_fields: list[OpenField] = field(default_factory=list)


@dataclass
class Form:
    """Everything one printed form shows."""

    id: str
    title: str
    kind: str  # "reflector" or "formulier"
    instruction_html: str
    source: str
    header_fields: list[str]
    groups: list[Group]
    scale: list[tuple[int, str]]
    closing: list[OpenField]

    @property
    def pdf_path(self) -> str:
        """Docs-relative path of this form's PDF."""
        return f"pdf/{self.id}.pdf" if self.kind == "reflector" else f"pdf/formulier-{self.id}.pdf"


_PROSE = ProseRenderer()


def prose_to_html(text: str, kb: KnowledgeBase) -> str:
    """Content prose for paper: sanitised HTML (generator.prose), references as short plain names,
    relative links as text, no image at all (WeasyPrint fetches nothing from content)."""

    def name(match: re.Match[str]) -> str:
        type_name, key, custom = match.group(1).strip(), match.group(2).strip(), match.group(3)
        if custom:
            return escape_markdown(custom.strip())
        if type_name == "eindterm":  # the number, not the whole item: the form lists the items themselves
            return f"eindterm {escape_markdown(key)}"
        entry = kb.get(type_name, key)
        return escape_markdown(entry.item.label if entry else match.group(0))

    return _PROSE.html(REFERENCE.sub(name, text), links=False)


def reflector_form(entry: Entry, kb: KnowledgeBase) -> Form:
    item = entry.item
    assert isinstance(item, Reflector)
    instruction = prose_to_html(item.doel, kb) + prose_to_html(item.instructie, kb)
    if item.soort == "dialoog":
        questions = [OpenField(q, lines=5, key=f"vraag-{i}") for i, q in enumerate(item.vragen, start=1)]
        groups = [Group(None, open_fields=questions)]
    else:
        groups = _scale_groups(item.eindtermen, kb)
    closing = [
        OpenField("Waar is mijn leerruimte het grootst?", lines=3, key="leerruimte"),
        OpenField("Wat ga ik doen, en wanneer?", lines=3, key="actie"),
    ]
    return Form(
        entry.key, item.titel, "reflector", instruction, item.herkomst, HEADER_FIELDS, groups, _scale(kb), closing
    )


def formulier_form(entry: Entry, kb: KnowledgeBase) -> Form:
    item = entry.item
    assert isinstance(item, Formulier)
    fields = [OpenField(v.label, v.toelichting, v.regels) for v in item.velden]
    if item.per_kernelement:
        elements = [e.item for e in kb.of("kernelement")]
        groups = [
            Group(_focus_group_name(k), open_fields=fields)
            for k in elements
            if isinstance(k, Kernelement) and any(s.lijst == "focusgroep" for s in k.in_lijsten)
        ]
    else:
        groups = [Group(None, open_fields=fields)]
    instruction = prose_to_html(item.instructie, kb)
    return Form(entry.key, item.titel, "formulier", instruction, item.herkomst, item.kopvelden, groups, [], [])


def _focus_group_name(element: Kernelement) -> str:
    return next(s.titel_in_bron for s in element.in_lijsten if s.lijst == "focusgroep")


def _scale(kb: KnowledgeBase) -> list[tuple[int, str]]:
    points = [e.item for e in kb.of("schaalpunt")]
    return [(p.waarde, p.omschrijving) for p in points if isinstance(p, Schaalpunt)]


def _scale_groups(numbers: list[int], kb: KnowledgeBase) -> list[Group]:
    """Scored items under their concept and dimension (in Bijlage 6 order); open items at the end."""
    terms = [kb.get("eindterm", str(n)) for n in numbers]
    items = [t.item for t in terms if t is not None and isinstance(t.item, Eindterm)]
    results = {int(e.item.eindterm): e.item for e in kb.of("resultaat") if isinstance(e.item, Resultaat)}

    def scale_item(term: Eindterm) -> ScaleItem:
        result = results.get(int(term.nummer))
        return ScaleItem(term.nummer, term.tekst, baseline_2015(result) if result else None)

    groups: list[Group] = []
    for concept_entry in kb.of("concept"):
        concept = concept_entry.item
        assert isinstance(concept, Concept)
        for dimension in concept.dimensies:
            chosen = [
                i for i in items if i.concept == concept.id and i.dimensie == dimension.id and i.soort == "schaal"
            ]
            if chosen:
                groups.append(Group(concept.titel, dimension.titel, [scale_item(i) for i in chosen]))
    loose = [i for i in items if i.soort == "schaal" and i.dimensie is None]
    if loose:
        groups.append(Group("Zonder dimensie in de bron", None, [scale_item(i) for i in loose]))
    open_items = [i for i in items if i.soort == "open"]
    if open_items:
        fields = [OpenField(f"{i.nummer}. {i.tekst}", lines=4, key=str(i.nummer), text=i.tekst) for i in open_items]
        groups.append(Group("Open vragen", None, open_fields=fields))
    return groups


def baseline_2015(result: Resultaat) -> Baseline:
    """The 2015 figures of one eindterm, by the rules every page shares (generator/figures.py)."""
    sides = baseline_sides(result)
    huidig, gewenst = sides["huidig"], sides["gewenst"]
    leerruimte = mean_gap([huidig], [gewenst])
    assert leerruimte is not None  # a result has both sides
    return Baseline(
        leerruimte,
        low(distribution(huidig.counts, huidig.n)),
        high(distribution(gewenst.counts, gewenst.n)),
        huidig.n,
    )


def tenths_text(tenths: int | None) -> str:
    """Whole tenths as a plain decimal for a data attribute ("-0.3"); empty for None."""
    if tenths is None:
        return ""
    sign = "-" if tenths < 0 else ""
    return f"{sign}{abs(tenths) // 10}.{abs(tenths) % 10}"


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string for a <style> element, where HTML entities are not decoded."""
    escaped = "".join(f"\\{ord(char):x} " if char in "\\\"<>&'\n" else char for char in text)
    return Markup(f'"{escaped}"')


def form_fragment(form: Form, env: Environment, template: str = "form.html.j2", level: int = 2) -> str:
    """The form's HTML for inside a page: one block without blank lines (Markdown keeps it as is).

    level: the heading level of the form's title (2 under a page's h1; 1 as a PDF of its own)."""
    text = env.get_template(template).render(form=form, level=level)
    return "\n".join(line for line in text.splitlines() if line.strip())


def online_fragment(form: Form, env: Environment) -> str:
    """The fill-in-online version of a reflector (see assets/javascripts/reflector.js): its scale
    items, its open questions and closing questions; empty when there is nothing to fill in."""
    fillable = any(g.scale_items or any(f.key for f in g.open_fields) for g in form.groups)
    if form.kind != "reflector" or not fillable:
        return ""
    return form_fragment(form, env, "online.html.j2")


def print_document(forms: list[Form], env: Environment, title: str, level: int = 1) -> str:
    """A standalone HTML document (for the PDF) holding one or more forms, their titles at `level`."""
    return standalone_document("".join(form_fragment(form, env, level=level) for form in forms), title)


def standalone_document(body: str, title: str) -> str:
    """A standalone Dutch HTML document for WeasyPrint, with the paper rules of assets/forms.css."""
    css = FORM_CSS.read_text(encoding="utf-8")
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<style>{css}</style></head><body class="kb-print-document">{body}</body></html>'
    )
