"""Typed models of every content type.

Field names are the Dutch words editors write in the YAML, and each field's description is Dutch
too: it is shown to editors (in `kennisbank new` skeletons and on the editor's guide page). Each
model forbids unknown fields, so a typo is an error rather than a silently ignored value.
References to other items are declared with `Ref("<type>")` metadata; the link stage finds them by
that marker, never by field name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, JsonValue, StringConstraints, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PROSE_MAX = 20_000
LINE_MAX = 300


@dataclass(frozen=True)
class Ref:
    """Marks a field (or list element) as a reference to an item of `target` type ("*": any, as type:id)."""

    target: str


def _safe_url(value: str) -> str:
    if not re.match(r"^https?://[^\s<>\"']+$", value):
        raise ValueError("een link moet beginnen met http:// of https:// en mag geen spaties bevatten")
    return value


def _plain_text(value: str) -> str:
    # Material's tooltips insert this text into the page as HTML, so it may hold no markup at all.
    if re.search(r"[<>]|&#?\w+;", value):
        raise ValueError("gebruik gewone tekst, zonder <, > of HTML-codes zoals &amp;")
    return value


@dataclass(frozen=True)
class ProseMark:
    """Marks a field as prose (Markdown, rendered by generator.prose): check looks at its links and images."""


# A reference in prose, `[[type:id]]` or `[[type:id|link text]]` (resolved by generator.link).
REFERENCE = re.compile(r"\[\[([^\[\]:|\n]*):([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=LINE_MAX, strip_whitespace=True)]
Prose = Annotated[str, StringConstraints(min_length=1, max_length=PROSE_MAX), ProseMark()]
Url = Annotated[str, StringConstraints(max_length=500), AfterValidator(_safe_url)]
Status = Literal["vastgesteld", "concept"]

KennisbronRef = Annotated[Slug, Ref("kennisbron")]
LeerarrangementRef = Annotated[Slug, Ref("leerarrangement")]
ReflectorRef = Annotated[Slug, Ref("reflector")]
MethodeRef = Annotated[Slug, Ref("methode")]
RolRef = Annotated[Slug, Ref("rol")]
ConceptRef = Annotated[Slug, Ref("concept")]
KernelementRef = Annotated[Slug, Ref("kernelement")]
EindtermRef = Annotated[int, Ref("eindterm")]
BakenRef = Annotated[int, Ref("baken")]
AnyRef = Annotated[
    str, StringConstraints(pattern=r"^[a-z]+:[a-z0-9-]+$", max_length=100), Ref("*")
]  # "methode:sonestra", "eindterm:21"


def field(description: str, default: Any = ..., *, recommended: bool = False, **constraints: Any) -> Any:
    """A model field with its Dutch description; `recommended` fields get a warning when left empty."""
    extra: dict[str, JsonValue] | None = {"aanbevolen": True} if recommended else None
    return Field(default, description=description, json_schema_extra=extra, **constraints)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Item(Model):
    """Fields every item has: where it comes from in the report and whether it restates it."""

    status: Status = field("vastgesteld: geeft het rapport weer; concept: de redactie voegt iets toe")
    herkomst: Line = field("Waar in het rapport dit vandaan komt, bijvoorbeeld 'Bijlage 9; §4.3.2'")
    statusnoot: Line | None = field("Bij concept: wat gaat verder dan het rapport", None)

    key_field: ClassVar[str] = "id"
    """The field whose value other items use to refer to this one."""

    @property
    def key(self) -> str:
        return str(getattr(self, self.key_field))

    @property
    def label(self) -> str:
        """The item's name on other pages: its `titel` (a model without one defines `label` itself)."""
        return str(self.titel)  # type: ignore[attr-defined]  # every model with a titel; see docstring


ID = "Vaste id: kleine letters, cijfers en koppeltekens; gelijk aan de bestandsnaam bij één bestand per item"
TITLE = "Titel zoals lezers hem zien"
ALIASES = "Andere namen of afkortingen, zodat zoeken het item vindt"
SUMMARY = "Eén regel voor het overzicht"
TASKS = (
    "Taken waarbij dit helpt, in de woorden van een sociaal werker ('netwerk in kaart brengen'); "
    "staan op de pagina en laten zoeken het item vinden"
)


class Citaat(Model):
    """A literal quote from the report, shown as a quote with its location."""

    tekst: Prose = field("Letterlijke tekst uit het rapport")
    bron: Line = field("Vindplaats in het rapport, bijvoorbeeld '§4.3.2' of 'Bijlage 8'")


class Stap(Model):
    """One step of a session plan."""

    titel: Line = field("Naam van de stap")
    minuten: int = field("Duur in minuten", ge=1, le=480)
    beschrijving: Prose = field("Wat je in deze stap doet")


class KortMethode(Model):
    """The short opening of a method page: what it is for, when to use it, where to start."""

    doel: Prose = field("Waarvoor is het? Eén of twee zinnen")
    wanneer: Prose = field("Wanneer zet je het in (en wanneer niet)? Eén of twee zinnen")
    eerste_stap: Prose = field("Wat doe je als eerste? Eén zin")


class KortKennisbron(Model):
    """The short opening of a kennisbron page: the point first, the theory after."""

    kern: Prose = field("Waar het om gaat, in één of twee zinnen")
    in_de_praktijk: Prose = field("Wat je ermee doet in je werk, in één of twee zinnen")


class Kennisbron(Item):
    """A summary of theory or practice knowledge, written in our own words."""

    id: Slug = field(ID)
    titel: Line = field(TITLE)
    nummer: int | None = field("Nummer in Figuur 26, als de kennisbron er een heeft", None, ge=1, le=99)
    aliassen: list[Line] = field(ALIASES, [])
    helpt_bij: list[Line] = field(TASKS, [])
    samenvatting: Line = field(SUMMARY)
    in_het_kort: KortKennisbron | None = field(
        "Bovenaan de pagina: de kern en wat je ermee doet (gaat het verder dan het rapport, zeg dat in statusnoot)",
        None,
        recommended=True,
    )
    tekst: Prose = field("De tekst zelf (Markdown, 300-800 woorden, met ###-kopjes), in eigen woorden")
    citaten: list[Citaat] = field("Letterlijke citaten uit het rapport", [])
    literatuur: list[Line] = field("Bronnen die het rapport hierbij noemt", [])
    kennisbronnen: list[KennisbronRef] = field("Verwante kennisbronnen (id's)", [])
    methoden: list[MethodeRef] = field("Methoden die hierbij horen (id's)", [])
    reflectoren: list[ReflectorRef] = field("Reflectoren die hierbij horen (id's)", [])
    eindtermen: list[EindtermRef] = field("Eindtermen waaraan dit bijdraagt (nummers)", [])


class Leerarrangement(Item):
    """One of the nine themed learning packages of Figuur 24."""

    id: Slug = field(ID)
    nummer: int = field("Nummer in Figuur 24", ge=1, le=99)
    titel: Line = field(TITLE)
    aliassen: list[Line] = field(ALIASES, [])
    helpt_bij: list[Line] = field(TASKS, [])
    samenvatting: Line = field(SUMMARY)
    leervraag: Prose = field("De leervraag van het team")
    voor_wie: list[RolRef] = field("Rollen voor wie dit is (id's uit content/rollen.yml)", min_length=1)
    waarom: Prose = field("Wat het rapport vond dat dit leerarrangement beantwoordt")
    sessieplan: list[Stap] = field("Stappen van een sessie, met minuten", [], recommended=True)
    voorbereiding: list[Prose] = field("Wat de leercoach vooraf klaarlegt", [], recommended=True)
    tekst: Prose | None = field("Extra toelichting", None)
    citaten: list[Citaat] = field("Letterlijke citaten uit het rapport", [])
    kennisbronnen: list[KennisbronRef] = field("Kennisbronnen om te lezen (id's)", [])
    reflectoren: list[ReflectorRef] = field("Reflectoren om te gebruiken (id's)", [])
    methoden: list[MethodeRef] = field("Methoden die erbij horen (id's)", [])
    eindtermen: list[EindtermRef] = field("Eindtermen waaraan het werkt (nummers)", [])


class Reflector(Item):
    """A reflection instrument: scored eindtermen (schaal) or open questions (dialoog)."""

    id: Slug = field(ID)
    titel: Line = field(TITLE)
    soort: Literal["schaal", "dialoog"] = field("schaal: eindtermen scoren; dialoog: open vragen")
    aliassen: list[Line] = field(ALIASES, [])
    helpt_bij: list[Line] = field(TASKS, [])
    samenvatting: Line = field(SUMMARY)
    doel: Prose = field("Waarvoor de reflector dient")
    instructie: Prose = field("Hoe je hem invult (waarderen, niet beoordelen)")
    eindtermen: list[EindtermRef] = field("Eindtermen (nummers), bij soort schaal", [])
    vragen: list[Line] = field("Open vragen, bij soort dialoog", [])
    tekst: Prose | None = field("Extra toelichting", None)
    citaten: list[Citaat] = field("Letterlijke citaten uit het rapport", [])
    kennisbronnen: list[KennisbronRef] = field("Kennisbronnen die erbij horen (id's)", [])
    methoden: list[MethodeRef] = field("Methoden die erbij horen (id's)", [])

    @model_validator(mode="after")
    def _has_content(self) -> Reflector:
        if self.soort == "schaal" and not self.eindtermen:
            raise ValueError("een reflector van soort 'schaal' heeft eindtermen nodig")
        if self.soort == "dialoog" and not self.vragen:
            raise ValueError("een reflector van soort 'dialoog' heeft vragen nodig")
        return self


class Methode(Item):
    """A method or instrument for the daily work (Bijlage 9) or for learning (kantelbox, logboek ...)."""

    id: Slug = field(ID)
    titel: Line = field(TITLE)
    soort: Literal["methode", "leerinstrument"] = field("methode: voor het werk; leerinstrument: voor het leren")
    aliassen: list[Line] = field(ALIASES, [])
    helpt_bij: list[Line] = field(TASKS, [])
    samenvatting: Line = field(SUMMARY)
    eigenaar: Line | None = field("Organisatie achter de methode, als het rapport die noemt", None)
    website: Url | None = field("Website van de eigenaar (alleen een adres dat het rapport noemt)", None)
    in_het_kort: KortMethode | None = field(
        "Bovenaan de pagina: doel, wanneer en de eerste stap (gaat het verder dan het rapport, zeg dat in statusnoot)",
        None,
        recommended=True,
    )
    wat: Prose = field("Wat is het?")
    wanneer: Prose | None = field("Wanneer gebruik je het, en wanneer niet?", None, recommended=True)
    stappen: list[Prose] = field("Zo begin je: stappen", [], recommended=True)
    aandachtspunten: list[Prose] = field("Waar je op let, ook wat het rapport vond", [], recommended=True)
    bevindingen: Prose | None = field("Wat het rapport vond over het gebruik", None)
    citaten: list[Citaat] = field("Letterlijke citaten uit het rapport", [])
    methoden: list[MethodeRef] = field("Verwante methoden (id's)", [])
    kennisbronnen: list[KennisbronRef] = field("Kennisbronnen die erbij horen (id's)", [])
    eindtermen: list[EindtermRef] = field("Eindtermen waaraan het bijdraagt (nummers)", [])


class Baken(Item):
    """One of the 8 bakens of Welzijn Nieuwe Stijl (Figuur 10)."""

    key_field: ClassVar[str] = "nummer"

    nummer: int = field("Nummer van het baken (1-8)", ge=1, le=8)
    titel: Line = field("Titel zoals Figuur 10 hem geeft")
    aliassen: list[Line] = field(ALIASES, [])
    toelichting: Prose = field("Wat het baken vraagt van een professional")

    @property
    def label(self) -> str:
        return f"Baken {self.nummer}: {self.titel}"


class CMO(Model):
    """The focus group's CMO analysis of one kernelement (§4.2)."""

    context: Prose = field("Context")
    mechanisme: Prose = field("Mechanisme")
    interventie: Prose | None = field("Interventie, als het rapport die apart noemt", None)
    outcome: Prose = field("Outcome")
    verbeterpunten: list[Prose] = field("Verbeterpunten", [])


class Bronvermelding(Model):
    """Where a kernelement appears, under which name."""

    lijst: Literal["focusgroep", "figuur-19"] = field("focusgroep (§3.3/§4.2) of figuur-19 (Figuur 19/Bijlage 6)")
    titel_in_bron: Line = field("De naam in die lijst")


class Kernelement(Item):
    """A kernelement of actie-leren; the report has two lists (§3.3 focus group and Figuur 19)."""

    id: Slug = field(ID)
    titel: Line = field(TITLE)
    aliassen: list[Line] = field(ALIASES, [])
    in_lijsten: list[Bronvermelding] = field("In welke lijst(en) het voorkomt", min_length=1)
    toelichting: Prose = field("Wat het kernelement in de praktijk betekent")
    cmo: CMO | None = field("CMO-analyse van de focusgroep", None)


class Rol(Item):
    """An actor in the leerinfrastructuur (Figuur 25)."""

    id: Slug = field(ID)
    titel: Line = field(TITLE)
    aliassen: list[Line] = field(ALIASES, [])
    aantal: Line | None = field("Hoeveel mensen deze rol hebben", None)
    ritme: Line | None = field("Hoe vaak ze samenkomen", None)
    taken: Prose = field("Wat deze rol doet in de leerinfrastructuur")
    nieuw: bool = field("true voor de nieuwe actoren van Figuur 25", False)


class Begrip(Item):
    """A glossary term; its betekenis becomes a tooltip on every page."""

    id: Slug = field(ID)
    term: Line = field("Het begrip zoals het in teksten staat")
    afkorting: Line | None = field("Afkorting, als die er is", None)
    aliassen: list[Line] = field(ALIASES, [])
    betekenis: Annotated[
        str, StringConstraints(min_length=1, max_length=400, strip_whitespace=True), AfterValidator(_plain_text)
    ] = field("Korte betekenis in gewone tekst (wordt een tooltip op elke pagina)")

    @property
    def label(self) -> str:
        return self.term


class Dimensie(Model):
    """A dimension of a concept in Bijlage 6."""

    id: Slug = field(ID)
    titel: Line = field("Titel zoals Bijlage 6 hem geeft")
    baken: BakenRef | None = field("Het baken dat deze dimensie is (nummer)", None)
    kernelement: KernelementRef | None = field("Het kernelement dat deze dimensie is (id)", None)
    geen_items: Line | None = field("Waarom deze dimensie geen eindtermen heeft", None)


class Concept(Item):
    """One of the three theoretical concepts of the digitale reflector (Bijlage 6)."""

    id: Slug = field(ID)
    titel: Line = field(TITLE)
    bron: Line = field("Theoretische bron van het concept")
    toelichting: Prose = field("Uitleg in eigen woorden")
    dimensies: list[Dimensie] = field("Dimensies in de volgorde van Bijlage 6", min_length=1)


class AfwijkendeTekst(Model):
    """The wording of an eindterm elsewhere in the report, where it differs."""

    bron: Line = field("Waar deze formulering staat, bijvoorbeeld 'Bijlage 7'")
    tekst: Prose = field("De afwijkende formulering, letterlijk")


class Eindterm(Item):
    """A numbered question of the digitale reflector (1-7 background, scored items, 24/59 open)."""

    key_field: ClassVar[str] = "nummer"

    nummer: int = field("Nummer in de digitale vragenlijst", ge=1, le=999)
    soort: Literal["achtergrond", "schaal", "open"] = field("achtergrond, schaal (gescoord) of open vraag")
    tekst: Prose = field("Letterlijke tekst (bij voorkeur uit Bijlage 6)")
    tekst_bron: Line = field("Waar de tekst vandaan komt, bijvoorbeeld 'Bijlage 6'")
    concept: ConceptRef | None = field("Concept (id), alleen als de bron er een geeft", None)
    dimensie: Slug | None = field("Dimensie (id binnen het concept), alleen als de bron er een geeft", None)
    afwijkende_teksten: list[AfwijkendeTekst] = field("Andere formuleringen elders in het rapport", [])
    opmerking: Prose | None = field("Opmerking over de bron", None)

    @property
    def label(self) -> str:
        return f"{self.nummer}. {self.tekst}"

    @model_validator(mode="after")
    def _dimension_needs_concept(self) -> Eindterm:
        if self.dimensie is not None and self.concept is None:
            raise ValueError("een eindterm met een dimensie heeft ook een concept nodig")
        return self


class Schaalpunt(Item):
    """One point of the five-point scale."""

    key_field: ClassVar[str] = "waarde"

    waarde: int = field("Waarde 1-5", ge=1, le=5)
    omschrijving: Line = field("Omschrijving, bijvoorbeeld 'in zeer geringe mate'")

    @property
    def label(self) -> str:
        return f"{self.waarde} = {self.omschrijving}"


class Routestap(Item):
    """One step of the route for new team members ("Nieuw in het wijkteam"), in the order of the file."""

    id: Slug = field(ID)
    week: int = field("In welke week van de eerste weken", ge=1, le=12)
    titel: Line = field(TITLE)
    waarom: Prose = field("Waarom deze stap ertoe doet")
    doen: Prose = field("Wat je concreet doet")
    links: list[AnyRef] = field("Waar je heen gaat, als soort:id (bijvoorbeeld methode:sonestra)", min_length=1)


class Module(Item):
    """A training module a trainer composes from the knowledge base, with a session plan."""

    id: Slug = field(ID)
    titel: Line = field(TITLE)
    aliassen: list[Line] = field(ALIASES, [])
    helpt_bij: list[Line] = field(TASKS, [])
    samenvatting: Line = field(SUMMARY)
    doelgroep: list[RolRef] = field("Voor wie de module is (rol-id's)", min_length=1)
    leerdoelen: list[Prose] = field("Wat deelnemers na afloop kunnen", min_length=1)
    sessieplan: list[Stap] = field("Programma met minuten", min_length=1)
    voorbereiding: list[Prose] = field("Wat de trainer vooraf regelt", [], recommended=True)
    leerarrangementen: list[LeerarrangementRef] = field("Leerarrangementen die de module gebruikt (id's)", [])
    kennisbronnen: list[KennisbronRef] = field("Kennisbronnen om te lezen (id's)", [])
    reflectoren: list[ReflectorRef] = field("Reflectoren die de module gebruikt (id's)", [])
    methoden: list[MethodeRef] = field("Methoden die de module behandelt (id's)", [])
    eindtermen: list[EindtermRef] = field("Eindtermen waaraan de module werkt (nummers)", [])
    citaten: list[Citaat] = field("Letterlijke citaten uit het rapport", [])


Percentages = Annotated[list[float | None], Field(min_length=5, max_length=5)]


class Resultaat(Item):
    """The 2015 answer distribution of one scored eindterm (Bijlage 7), in percentages per category 1-5."""

    key_field: ClassVar[str] = "eindterm"

    eindterm: EindtermRef = field("Nummer van de eindterm")
    n: int | None = field(
        "Aantal respondenten zoals de grafiek het noemt (N=..); leeg als de bron het niet geeft", ge=1
    )
    n_afgeleid: int | None = field("Afgeleid aantal, alleen als n ontbreekt (met uitleg in opmerking)", None, ge=1)
    huidig: Percentages = field("Percentages huidige situatie voor 1-5; leeg (null) als de grafiek geen staaf toont")
    gewenst: Percentages = field("Percentages gewenste situatie voor 1-5; leeg (null) als de grafiek geen staaf toont")
    regel: int | None = field("Regel van de grafiektitel in de tekstversie van het rapport", None, ge=1)
    opmerking: Prose | None = field("Bijzonderheden van de bron", None)

    @property
    def label(self) -> str:
        return f"Resultaten 2015, eindterm {self.eindterm}"


class Formulierveld(Model):
    """One field of a paper form: a label and room to write."""

    label: Line = field("Het veld zoals het op het formulier staat")
    toelichting: Line | None = field("Korte uitleg onder het label", None)
    regels: int = field("Hoeveel schrijfregels (1 = één regel naast het label)", 1, ge=1, le=30)


class Formulier(Item):
    """A printable form for a learning instrument (kantelbox, logboek, CMO-analyse)."""

    id: Slug = field(ID)
    titel: Line = field(TITLE)
    methode: MethodeRef = field("Het leerinstrument waarbij dit formulier hoort (methode-id)")
    samenvatting: Line = field(SUMMARY)
    instructie: Prose = field("Wat het formulier is en hoe je het invult (komt bovenaan het formulier)")
    kopvelden: list[Line] = field("Velden in de kop, bijvoorbeeld Naam, Team, Datum", [])
    velden: list[Formulierveld] = field("De velden van het formulier, in volgorde", min_length=1)
    per_kernelement: bool = field("true: de velden herhalen zich per kernelement van de focusgroep (§3.3)", False)
