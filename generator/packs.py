"""Session packs on paper: a trainer's pack per module and a sessieplan per leerarrangement.

Each is one PDF (pdf.PdfJob): the plan (templates/session.html.j2: what the item is, its steps
with their minutes, the voorbereiding), then the printable form of every reflector and formulier
the item names, in its fields or its prose (a formulier also when it names the formulier's
methode), and, in a module's pack, one page on each kennisbron it uses. The minutes are the ones in
the content; nothing is made up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from jinja2 import Environment

from generator import forms
from generator.link import LinkedKnowledgeBase
from generator.models import Formulier, Kennisbron, Leerarrangement, Module, Rol
from generator.pdf import PdfJob
from generator.templating import html_document
from generator.validate import Entry


@dataclass
class Step:
    title: str
    minutes: int
    html: str


@dataclass
class SessionPlan:
    """The first part of a pack or sessieplan: everything the session leader reads before the forms."""

    kind: str  # "Trainerspakket" or "Sessieplan"
    title: str
    summary: str
    facts: list[tuple[str, str]]
    sections: list[tuple[str, str]]
    """Headed blocks before the programme: (heading, sanitised HTML)."""
    steps: list[Step]
    preparation: list[str] = field(default_factory=list)
    contents: list[str] = field(default_factory=list)
    """What follows in the PDF, in order."""

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)


def module_pack_path(key: str) -> str:
    return f"pdf/module-{key}.pdf"


def session_plan_path(key: str) -> str:
    return f"pdf/sessieplannen/{key}.pdf"


def named(linked: LinkedKnowledgeBase, entry: Entry, type_name: str) -> list[Entry]:
    """The items of one type that `entry` names, in a field or in its prose, each once, in order."""
    found: list[Entry] = []
    for link in linked.outgoing.get((entry.type.name, entry.key), []):
        if link.target.type.name == type_name and link.target not in found:
            found.append(link.target)
    return found


def printable_parts(linked: LinkedKnowledgeBase, entry: Entry) -> list[Entry]:
    """The reflectors, then the formulieren, that a session uses: named, or named by their methode."""
    methods = {method.key for method in named(linked, entry, "methode")}
    formulieren = named(linked, entry, "formulier")
    for candidate in linked.kb.of("formulier"):
        item = candidate.item
        if isinstance(item, Formulier) and item.methode in methods and candidate not in formulieren:
            formulieren.append(candidate)
    return named(linked, entry, "reflector") + formulieren


class PackMaker:
    """Builds the PdfJobs of the packs and sessieplannen from the linked content."""

    def __init__(
        self, linked: LinkedKnowledgeBase, env: Environment, form_of: Callable[[Entry], forms.Form | None]
    ) -> None:
        self.linked = linked
        self.kb = linked.kb
        self.env = env
        self.form_of = form_of

    def jobs(self) -> dict[str, PdfJob]:
        made = {module_pack_path(e.key): self.module_pack(e) for e in self.kb.of("module")}
        made.update({session_plan_path(e.key): self.session_plan(e) for e in self.kb.of("leerarrangement")})
        return made

    def _html(self, text: str | None) -> str:
        return forms.prose_to_html(text, self.kb) if text else ""

    def _roles(self, keys: list[str]) -> str:
        names = [entry.item.label for key in keys if (entry := self.kb.get("rol", key)) and isinstance(entry.item, Rol)]
        return ", ".join(names)

    def _steps(self, steps: list) -> list[Step]:
        return [Step(step.titel, step.minuten, self._html(step.beschrijving)) for step in steps]

    def _item(self, text: str) -> str:
        """Prose for inside a list item: one paragraph loses its <p>, so the item's text is its body
        (a tagged PDF then has LI > LBody, as a screen reader expects)."""
        made = self._html(text).strip()
        if made.startswith("<p>") and made.endswith("</p>") and made.count("<p>") == 1:
            return made[3:-4]
        return made

    def _list(self, texts: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{self._item(text)}</li>" for text in texts) + "</ul>" if texts else ""

    def module_pack(self, entry: Entry) -> PdfJob:
        item = entry.item
        assert isinstance(item, Module)
        parts = printable_parts(self.linked, entry)
        sources = named(self.linked, entry, "kennisbron")
        plan = SessionPlan(
            "Trainerspakket",
            item.titel,
            item.samenvatting,
            [
                ("Duur", f"{sum(s.minuten for s in item.sessieplan)} minuten"),
                ("Doelgroep", self._roles(item.doelgroep)),
            ],
            [("Leerdoelen", self._list(item.leerdoelen))],
            self._steps(item.sessieplan),
            [self._item(text) for text in item.voorbereiding],
            [self._part_title(p) for p in parts] + [f"Kennisbron: {s.item.label}" for s in sources],
        )
        documents = [self._plan_document(plan)] + self._forms(parts) + [self._summary(s) for s in sources]
        return PdfJob(tuple(documents), f"Trainerspakket: {item.titel}")

    def session_plan(self, entry: Entry) -> PdfJob:
        item = entry.item
        assert isinstance(item, Leerarrangement)
        parts = printable_parts(self.linked, entry)
        title = f"Leerarrangement {item.nummer}: {item.titel}"
        facts = [("Voor wie", self._roles(item.voor_wie))]
        if item.sessieplan:
            facts.insert(0, ("Duur", f"{sum(s.minuten for s in item.sessieplan)} minuten"))
        plan = SessionPlan(
            "Sessieplan",
            title,
            item.samenvatting,
            facts,
            [("Leervraag", self._html(item.leervraag))],
            self._steps(item.sessieplan),
            [self._item(text) for text in item.voorbereiding],
            [self._part_title(p) for p in parts],
        )
        return PdfJob(tuple([self._plan_document(plan), *self._forms(parts)]), f"Sessieplan: {title}")

    @staticmethod
    def _part_title(entry: Entry) -> str:
        return f"{'Reflector' if entry.type.name == 'reflector' else 'Formulier'}: {entry.item.label}"

    def _forms(self, parts: list[Entry]) -> list[str]:
        documents = []
        for part in parts:
            form = self.form_of(part)
            assert form is not None
            documents.append(forms.print_document([form], self.env, form.title))
        return documents

    def _plan_document(self, plan: SessionPlan) -> str:
        body = html_document(self.env, "session.html.j2", plan=plan)
        return forms.standalone_document(body, f"{plan.kind}: {plan.title}")

    def _summary(self, entry: Entry) -> str:
        item = entry.item
        assert isinstance(item, Kennisbron)
        text = _headings_below_title(self._html(item.tekst))
        body = html_document(self.env, "kennisbron_summary.html.j2", item=item, text_html=text, key=entry.key)
        return forms.standalone_document(body, f"Kennisbron: {item.titel}")


def _headings_below_title(text: str) -> str:
    """Prose headings (### in the content) one level under the page's h1, none skipped."""
    levels = sorted({int(level) for level in re.findall(r"<h([1-6])", text)})
    shift = {level: min(6, index + 2) for index, level in enumerate(levels)}
    return re.sub(r"<(/?)h([1-6])", lambda m: f"<{m[1]}h{shift[int(m[2])]}", text)
