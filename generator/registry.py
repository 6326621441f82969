"""The one registry of content types: where each type's YAML lives, its model, template and URL.

Adding a content type touches this list, one model in `models.py` and one template in `templates/`
(tests/test_registry.py does it). Everything else follows: the overview (with `intro`), the start page's
count, the editor's guide, references (their target type is the model's `Ref` marker) and "Zie ook" on
the pages that refer to it. By hand, since mkdocs.yml is plain MkDocs configuration: its line in the
menu (`nav`), which `kennisbank check` asks for (generator/config.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator import models
from generator.models import Item


@dataclass(frozen=True)
class ContentType:
    """One kind of content.

    name: the reference prefix (`[[methode:sonestra]]`) and the template's name.
    source: a folder with one YAML file per item, or one YAML file holding a list of items (which may
      continue in the files of the folder `parts`).
    section: the URL folder of its pages.
    layout: "pages" gives an overview page plus one page per item; "list" puts all items on one page,
      each under the anchor `<name>-<key>`.
    shown_on: for list types without a page of their own, the type whose page shows them.
    intro: for "pages" types, the Markdown paragraph under the overview's title (none when empty).
    """

    name: str
    model: type[Item]
    source: str
    section: str
    title: str
    layout: Literal["pages", "list"]
    shown_on: str | None = None
    intro: str = ""

    @property
    def per_file(self) -> bool:
        return not self.source.endswith(".yml")

    @property
    def folders(self) -> tuple[str, ...]:
        """The folders whose YAML files this type reads."""
        if self.parts is None:
            return (self.source,)
        return (self.source.rpartition("/")[0] or ".", self.parts)

    @property
    def parts(self) -> str | None:
        """For a list type: the folder whose YAML files hold more of its list, read after `source`
        (content/begrippen/*.yml beside content/begrippen.yml), since one file may hold 512 KB at most."""
        return None if self.per_file else self.source.removesuffix(".yml")

    def owns(self, path: str) -> bool:
        """Whether `path` (relative to the content root) is one of the files this type reads."""
        folders = [self.source] if self.per_file else [self.parts]
        return path == self.source or any(path.startswith(f"{folder}/") for folder in folders)

    @property
    def template(self) -> str:
        return f"{self.name}.md.j2"

    @property
    def page_type(self) -> str:
        """The type whose page holds this type's items."""
        return self.shown_on or self.name

    def anchor(self, key: str) -> str:
        return f"{self.name}-{key}"

    def reserved(self, key: str) -> str | None:
        """Why `key` cannot be an id of this type (it names a file the generator writes), or None.

        Pages: `<section>/index.md` is the overview. Reflectors: their PDF is `pdf/<id>.pdf`, beside
        `pdf/alle-reflectoren.pdf` (render.ALL_REFLECTORS_PDF), `pdf/formulier-<id>.pdf` (forms.Form.pdf_path)
        and `pdf/module-<id>.pdf` (site.module_pdf); tests/test_faults.py holds these to the generator.
        """
        if self.layout == "pages" and key == "index":
            return f"zo heet het overzicht van {self.title}"
        if self.name != "reflector":
            return None
        if key == "alle-reflectoren":
            return "zo heet de PDF met alle reflectoren"
        for prefix, what in RESERVED_PDF_PREFIXES.items():
            if key.startswith(prefix):
                return f"een id die met '{prefix}' begint, botst met de PDF van {what}"
        return None


# Beginnings of a reflector id that would name another PDF in pdf/.
RESERVED_PDF_PREFIXES = {"formulier-": "een formulier", "module-": "een trainingsmodule"}


CONTENT_TYPES: dict[str, ContentType] = {
    content_type.name: content_type
    for content_type in [
        ContentType(
            "leerarrangement",
            models.Leerarrangement,
            "leerarrangementen",
            "leerarrangementen",
            "Leerarrangementen",
            "pages",
            intro="De negen leerarrangementen zijn thematische leerpakketten die de facilitators tussen mei 2014 "
            "en april 2015 opstelden. Een team gebruikt ze samen met de reflectoren en kennisbronnen. Elk "
            "leerarrangement heeft een leervraag, een sessieplan en wat je vooraf klaarlegt.",
        ),
        ContentType(
            "kennisbron",
            models.Kennisbron,
            "kennisbronnen",
            "kennisbronnen",
            "Kennisbronnen",
            "pages",
            intro="Kennisbronnen zijn korte samenvattingen van theorie en praktijkkennis, in eigen woorden "
            "geschreven op basis van het evaluatierapport uit 2015.",
        ),
        ContentType(
            "reflector",
            models.Reflector,
            "reflectoren",
            "reflectoren",
            "Reflectoren",
            "pages",
            intro="Met een reflector waardeer je jezelf op eindtermen: hoe sta je er nu voor (huidige situatie) "
            "en waar wil je naartoe (gewenste situatie)? Het verschil is je leerruimte. Dialoogreflectoren werken "
            "met open vragen.",
        ),
        ContentType(
            "methode",
            models.Methode,
            "content/methoden",
            "methoden",
            "Methoden en instrumenten",
            "pages",
            intro="Methoden en instrumenten voor het dagelijkse werk in de wijk (Bijlage 9 van het rapport) en "
            "voor het leren in het team (kantelbox, logboek, CMO-analyse en andere).",
        ),
        ContentType(
            "formulier",
            models.Formulier,
            "content/formulieren.yml",
            "formulieren",
            "Formulieren",
            "pages",
            intro="Formulieren om af te drukken bij de leerinstrumenten: de kantelbox, het logboek actie-leren en "
            "de CMO-analyse. De reflectoren zelf staan bij [Reflectoren](../reflectoren/index.md), elk met een "
            "formulier en een PDF.",
        ),
        ContentType(
            "module",
            models.Module,
            "content/modules",
            "modules",
            "Trainingsmodules",
            "pages",
            intro="Trainingsmodules bundelen leerarrangementen, kennisbronnen, reflectoren en methoden tot een "
            "training met een programma. Trainers en facilitators gebruiken ze om een bijeenkomst voor te "
            "bereiden; elke module heeft een vast adres om naar te verwijzen.",
        ),
        ContentType(
            "routestap", models.Routestap, "content/onboarding.yml", "start/nieuw", "Nieuw in het wijkteam", "list"
        ),
        ContentType("eindterm", models.Eindterm, "content/eindtermen.yml", "eindtermen", "Eindtermen", "list"),
        ContentType(
            "concept", models.Concept, "content/concepten.yml", "eindtermen", "Concepten", "list", shown_on="eindterm"
        ),
        ContentType(
            "schaalpunt", models.Schaalpunt, "content/schaal.yml", "eindtermen", "Schaal", "list", shown_on="eindterm"
        ),
        ContentType(
            "resultaat", models.Resultaat, "content/resultaten-2015.yml", "resultaten-2015", "Resultaten 2015", "list"
        ),
        ContentType("baken", models.Baken, "content/bakens.yml", "bakens", "Bakens Welzijn Nieuwe Stijl", "list"),
        ContentType(
            "kernelement",
            models.Kernelement,
            "content/kernelementen.yml",
            "kernelementen",
            "Kernelementen van actie-leren",
            "list",
        ),
        ContentType("rol", models.Rol, "content/rollen.yml", "rollen", "Rollen in de leerinfrastructuur", "list"),
        ContentType("begrip", models.Begrip, "content/begrippen.yml", "begrippen", "Begrippenlijst", "list"),
    ]
}
