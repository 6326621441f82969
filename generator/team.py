"""The team page of a scaled reflector (`/reflectoren/<id>/team/`): the reference data its script needs.

The leercoach drops the colleagues' exports on the page and `assets/javascripts/team.js` computes the
team's picture in the browser, with nothing sent anywhere. It computes by the same rules as
`kennisbank analyse` (generator/analyse/, §4.3.2 of the report); what it needs from the knowledge
base is embedded in the page as JSON: the reflector's eindtermen with their concept and dimension, the
scale, and the 2015 distributions as whole counts (`analyse.baseline_sides`), so both sides start
from the same numbers. tests/test_team.py feeds the same exports to the page and to the CLI.
"""

from __future__ import annotations

import json
from typing import Any

from generator.figures import baseline_sides
from generator.models import Concept, Eindterm, Reflector, Resultaat, Schaalpunt
from generator.validate import Entry, KnowledgeBase

CLOSING_QUESTIONS = (
    ("leerruimte", "Waar is mijn leerruimte het grootst?"),
    ("actie", "Wat ga ik doen, en wanneer?"),
)
"""The two closing questions of every reflector form, by the key the exports use (see forms.py)."""


def has_team_page(entry: Entry) -> bool:
    """Scaled reflectors have a team page; dialogue reflectors have no figures to pool."""
    item = entry.item
    return isinstance(item, Reflector) and item.soort == "schaal"


def team_page(entry: Entry) -> str:
    """Docs-relative Markdown path of a reflector's team page."""
    return f"{entry.type.section}/{entry.key}/team.md"


def _baseline(result: Resultaat | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {side: {"counts": list(base.counts), "n": base.n} for side, base in baseline_sides(result).items()}


def team_data(entry: Entry, kb: KnowledgeBase) -> dict[str, Any]:
    """What team.js needs, JSON-ready: eindtermen in the reflector's order, concepts, scale, 2015 counts."""
    reflector = entry.item
    assert isinstance(reflector, Reflector)
    eindtermen = []
    for number in reflector.eindtermen:
        term = kb.get("eindterm", str(number))
        if term is None or not isinstance(term.item, Eindterm) or term.item.soort == "achtergrond":
            continue
        item = term.item
        result = kb.get("resultaat", str(number))
        eindtermen.append(
            {
                "nummer": item.nummer,
                "tekst": " ".join(item.tekst.split()),
                "soort": item.soort,
                "concept": item.concept,
                "dimensie": item.dimensie,
                "basis": _baseline(result.item if result and isinstance(result.item, Resultaat) else None),
            }
        )
    concepts = [c.item for c in kb.of("concept") if isinstance(c.item, Concept)]
    return {
        "reflector": entry.key,
        "titel": reflector.titel,
        "eindtermen": eindtermen,
        "alle": {str(e.item.nummer): e.item.soort for e in kb.of("eindterm") if isinstance(e.item, Eindterm)},
        "reflectoren": {r.key: r.item.soort for r in kb.of("reflector") if isinstance(r.item, Reflector)},
        "concepten": [
            {"id": c.id, "titel": c.titel, "dimensies": [{"id": d.id, "titel": d.titel} for d in c.dimensies]}
            for c in concepts
        ],
        "schaal": [[p.item.waarde, p.item.omschrijving] for p in kb.of("schaalpunt") if isinstance(p.item, Schaalpunt)],
        "slotvragen": [{"key": key, "tekst": text} for key, text in CLOSING_QUESTIONS],
    }


def data_script(data: dict[str, Any]) -> str:
    """The data as an inert JSON script element. Every `<` is written as \\u003c, so no text can close
    the element (`</script>`) or open a comment that swallows the page (`<!--`)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" class="kb-team-data">{text}</script>'
