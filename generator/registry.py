"""The one registry of content types: where each type's YAML lives, its model, template and URL.

Adding a content type touches this list, one model in `models.py` and one template in `templates/`.
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
    """

    name: str
    model: type[Item]
    source: str
    section: str
    title: str
    layout: Literal["pages", "list"]
    shown_on: str | None = None

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
        ),
        ContentType("kennisbron", models.Kennisbron, "kennisbronnen", "kennisbronnen", "Kennisbronnen", "pages"),
        ContentType("reflector", models.Reflector, "reflectoren", "reflectoren", "Reflectoren", "pages"),
        ContentType("methode", models.Methode, "content/methoden", "methoden", "Methoden en instrumenten", "pages"),
        ContentType("formulier", models.Formulier, "content/formulieren.yml", "formulieren", "Formulieren", "pages"),
        ContentType("module", models.Module, "content/modules", "modules", "Trainingsmodules", "pages"),
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
