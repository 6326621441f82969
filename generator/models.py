"""Typed models of every content type.

Field names are the Dutch words editors write in the YAML. Each model forbids unknown fields, so a
typo is an error rather than a silently ignored value. References to other items are declared with
`Ref("<type>")` metadata; the link stage finds them by that marker, never by field name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PROSE_MAX = 20_000
LINE_MAX = 300


@dataclass(frozen=True)
class Ref:
    """Marks a field (or list element) as a reference to an item of `target` type."""

    target: str


def _safe_url(value: str) -> str:
    if not re.match(r"^https?://[^\s<>\"']+$", value):
        raise ValueError("een link moet beginnen met http:// of https:// en mag geen spaties bevatten")
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=LINE_MAX, strip_whitespace=True)]
Prose = Annotated[str, StringConstraints(min_length=1, max_length=PROSE_MAX)]
Url = Annotated[str, StringConstraints(max_length=500), AfterValidator(_safe_url)]
Status = Literal["vastgesteld", "concept"]

# Marks a field an editor should fill in; `kennisbank check` warns when it is empty.
RECOMMENDED = {"aanbevolen": True}

KennisbronRef = Annotated[Slug, Ref("kennisbron")]
LeerarrangementRef = Annotated[Slug, Ref("leerarrangement")]
ReflectorRef = Annotated[Slug, Ref("reflector")]
MethodeRef = Annotated[Slug, Ref("methode")]
RolRef = Annotated[Slug, Ref("rol")]
ConceptRef = Annotated[Slug, Ref("concept")]
KernelementRef = Annotated[Slug, Ref("kernelement")]
EindtermRef = Annotated[int, Ref("eindterm")]
BakenRef = Annotated[int, Ref("baken")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Item(Model):
    """Fields every item has: where it comes from in the report and whether it restates it."""

    status: Status = Field(description="vastgesteld: restates the report; concept: goes beyond it")
    herkomst: Line = Field(description="Section or Bijlage of the 2015 report, e.g. 'Bijlage 9; §4.3.2'")
    statusnoot: Line | None = Field(None, description="What part goes beyond the report, for concept items")

    key_field: ClassVar[str] = "id"
    """The field whose value other items use to refer to this one."""

    @property
    def key(self) -> str:
        return str(getattr(self, self.key_field))

    @property
    def label(self) -> str:
        return self.titel


class Citaat(Model):
    """A literal quote from the report, shown as a quote with its location."""

    tekst: Prose
    bron: Line = Field(description="Location in the report, e.g. '§4.3.2' or 'Bijlage 8, vraag 24'")


class Stap(Model):
    """One step of a session plan."""

    titel: Line
    minuten: int = Field(ge=1, le=480)
    beschrijving: Prose


class Kennisbron(Item):
    """A summary of theory or practice knowledge, written in our own words."""

    id: Slug
    titel: Line
    nummer: int | None = Field(None, ge=1, le=99, description="Number in Figuur 26, if it has one")
    aliassen: list[Line] = []
    samenvatting: Line
    tekst: Prose
    citaten: list[Citaat] = []
    literatuur: list[Line] = []
    kennisbronnen: list[KennisbronRef] = []
    methoden: list[MethodeRef] = []
    reflectoren: list[ReflectorRef] = []
    eindtermen: list[EindtermRef] = []


class Leerarrangement(Item):
    """One of the nine themed learning packages of Figuur 24."""

    id: Slug
    nummer: int = Field(ge=1, le=99)
    titel: Line
    aliassen: list[Line] = []
    samenvatting: Line
    leervraag: Prose
    voor_wie: list[RolRef] = Field(min_length=1)
    waarom: Prose
    sessieplan: list[Stap] = Field([], json_schema_extra=RECOMMENDED)
    voorbereiding: list[Prose] = Field([], json_schema_extra=RECOMMENDED)
    tekst: Prose | None = None
    citaten: list[Citaat] = []
    kennisbronnen: list[KennisbronRef] = []
    reflectoren: list[ReflectorRef] = []
    methoden: list[MethodeRef] = []
    eindtermen: list[EindtermRef] = []


class Reflector(Item):
    """A reflection instrument: scored eindtermen (schaal) or open questions (dialoog)."""

    id: Slug
    titel: Line
    soort: Literal["schaal", "dialoog"]
    aliassen: list[Line] = []
    samenvatting: Line
    doel: Prose
    instructie: Prose
    eindtermen: list[EindtermRef] = []
    vragen: list[Line] = []
    tekst: Prose | None = None
    citaten: list[Citaat] = []
    kennisbronnen: list[KennisbronRef] = []
    methoden: list[MethodeRef] = []

    @model_validator(mode="after")
    def _has_content(self) -> Reflector:
        if self.soort == "schaal" and not self.eindtermen:
            raise ValueError("een reflector van soort 'schaal' heeft eindtermen nodig")
        if self.soort == "dialoog" and not self.vragen:
            raise ValueError("een reflector van soort 'dialoog' heeft vragen nodig")
        return self


class Methode(Item):
    """A method or instrument for the daily work (Bijlage 9) or for learning (kantelbox, logboek ...)."""

    id: Slug
    titel: Line
    soort: Literal["methode", "leerinstrument"]
    aliassen: list[Line] = []
    samenvatting: Line
    eigenaar: Line | None = None
    website: Url | None = None
    wat: Prose
    wanneer: Prose | None = Field(None, json_schema_extra=RECOMMENDED)
    stappen: list[Prose] = Field([], json_schema_extra=RECOMMENDED)
    aandachtspunten: list[Prose] = Field([], json_schema_extra=RECOMMENDED)
    bevindingen: Prose | None = Field(None, description="What the report found about its use")
    citaten: list[Citaat] = []
    methoden: list[MethodeRef] = Field([], description="Related methods")
    kennisbronnen: list[KennisbronRef] = []
    eindtermen: list[EindtermRef] = []


class Baken(Item):
    """One of the 8 bakens of Welzijn Nieuwe Stijl (Figuur 10)."""

    key_field: ClassVar[str] = "nummer"

    nummer: int = Field(ge=1, le=8)
    titel: Line
    aliassen: list[Line] = []
    toelichting: Prose

    @property
    def label(self) -> str:
        return f"Baken {self.nummer}: {self.titel}"


class CMO(Model):
    """The focus group's CMO analysis of one kernelement (§4.2)."""

    context: Prose
    mechanisme: Prose
    interventie: Prose | None = None
    outcome: Prose
    verbeterpunten: list[Prose] = []


class Bronvermelding(Model):
    """Where a kernelement appears, under which name."""

    lijst: Literal["focusgroep", "figuur-19"]
    titel_in_bron: Line


class Kernelement(Item):
    """A kernelement of actie-leren; the report has two lists (§3.3 focus group and Figuur 19)."""

    id: Slug
    titel: Line
    aliassen: list[Line] = []
    in_lijsten: list[Bronvermelding] = Field(min_length=1)
    toelichting: Prose
    cmo: CMO | None = None


class Rol(Item):
    """An actor in the leerinfrastructuur (Figuur 25)."""

    id: Slug
    titel: Line
    aliassen: list[Line] = []
    aantal: Line | None = None
    ritme: Line | None = None
    taken: Prose
    nieuw: bool = Field(False, description="True for the 'nieuwe actoren' of Figuur 25")


class Begrip(Item):
    """A glossary term; its betekenis becomes a tooltip on every page."""

    id: Slug
    term: Line
    afkorting: Line | None = None
    aliassen: list[Line] = []
    betekenis: Annotated[str, StringConstraints(min_length=1, max_length=400, strip_whitespace=True)]

    @property
    def label(self) -> str:
        return self.term


class Dimensie(Model):
    """A dimension of a concept in Bijlage 6."""

    id: Slug
    titel: Line
    baken: BakenRef | None = None
    kernelement: KernelementRef | None = None
    geen_items: Line | None = Field(None, description="Why this dimension has no eindtermen")


class Concept(Item):
    """One of the three theoretical concepts of the digitale reflector (Bijlage 6)."""

    id: Slug
    titel: Line
    bron: Line
    toelichting: Prose
    dimensies: list[Dimensie] = Field(min_length=1)


class AfwijkendeTekst(Model):
    """The wording of an eindterm elsewhere in the report, where it differs."""

    bron: Line
    tekst: Prose


class Eindterm(Item):
    """A numbered question of the digitale reflector (1-7 background, scored items, 24/59 open)."""

    key_field: ClassVar[str] = "nummer"

    nummer: int = Field(ge=1, le=999)
    soort: Literal["achtergrond", "schaal", "open"]
    tekst: Prose
    tekst_bron: Line = Field(description="Where `tekst` is taken from, e.g. 'Bijlage 6'")
    concept: ConceptRef | None = None
    dimensie: Slug | None = None
    afwijkende_teksten: list[AfwijkendeTekst] = []
    opmerking: Prose | None = None

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

    waarde: int = Field(ge=1, le=5)
    omschrijving: Line

    @property
    def label(self) -> str:
        return f"{self.waarde} = {self.omschrijving}"
