"""Problems found in content: collected as data, reported once, never raised one by one."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["fout", "waarschuwing"]


# Every kind of problem has a stable code, which `--format json` reports (CI and editors' tools filter
# and link on it) and the README lists (tests/test_problems.py keeps list, README and use alike). A code
# is never reused for another kind; a message may change its words.
CODES: dict[str, str] = {
    # reading a file or folder
    "KB101": "bestand of map niet te lezen (bestaat niet, geen toegang, kapotte link)",
    "KB102": "symbolische link naar buiten de kennisbank",
    "KB103": "geen gewoon bestand, of een bestand waar een map hoort",
    "KB104": "bestand te groot",
    "KB105": "bestand is geen geldige UTF-8",
    "KB106": "YAML-bestand dat geen enkele soort leest (verkeerde naam of map)",
    "KB107": "bestand is leeg",
    # YAML
    "KB110": "YAML-syntaxfout",
    "KB111": "streepje of opsommingsteken uit een tekstverwerker aan het begin van een regel",
    "KB112": "tab of vreemde spatie in de inspringing",
    "KB113": "teken dat niet is toegestaan",
    "KB114": "alias of anker (*naam, &naam)",
    "KB115": "YAML-tag",
    "KB116": "te diep genest",
    "KB117": "waarde die niet te lezen is (ook: getal te groot)",
    "KB118": "sleutel die geen tekst is",
    "KB119": "sleutel twee keer in dezelfde mapping",
    # the fields of an item
    "KB201": "verkeerde vorm: geen mapping of lijst waar die hoort",
    "KB202": "verplicht veld ontbreekt",
    "KB203": "onbekend veld",
    "KB204": "verkeerde soort waarde (tekst, getal, lijst, mapping)",
    "KB205": "ongeldige id",
    "KB206": "waarde die niet in de keuzelijst staat",
    "KB207": "te lang, te kort, leeg of buiten de grenzen",
    "KB208": "regel van de soort geschonden",
    "KB209": "andere ongeldige waarde",
    "KB210": "id past niet bij de bestandsnaam",
    "KB211": "gereserveerde id",
    "KB212": "id bestaat al",
    # links between items and in prose
    "KB301": "verwijzing naar een item dat niet bestaat",
    "KB302": "verwijzing naar een soort die niet bestaat",
    "KB303": "dimensie die het concept niet heeft",
    "KB304": "link of afbeelding in tekst die de site niet kan tonen",
    "KB310": "niets verwijst naar dit item (waarschuwing)",
    "KB311": "aanbevolen veld is leeg (waarschuwing)",
    # mkdocs.yml
    "KB401": "soort staat niet in het menu (nav in mkdocs.yml)",
    # exports for kennisbank analyse
    "KB501": "export bevat NUL-tekens",
    "KB502": "ongeldige CSV-regel",
    "KB503": "ongeldige JSON",
    "KB504": "geen export van de reflector, of een onbekend formaat of een onbekende versie",
    "KB505": "export zonder gegevens of zonder antwoorden",
    "KB506": "kolom twee keer in de kop",
    "KB507": "verplichte kolom ontbreekt",
    "KB508": "rij of antwoord met de verkeerde vorm",
    "KB509": "eindterm ontbreekt, is onbekend of wordt niet gescoord",
    "KB510": "score is geen heel getal van 1 tot en met 5",
    "KB511": "dubbele rij voor een respondent en eindterm",
    "KB512": "respondent staat ook in een eerder bestand",
    "KB513": "respondent ontbreekt (waarschuwing)",
    "KB514": "export van een andere of onbekende reflector",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a position in a content file (line and column count from 1).

    `code` comes after `message` so that problems sort as they always did: by place, then message.
    """

    path: str
    line: int
    column: int
    message: str
    code: str
    severity: Severity = "fout"

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}; add it to problems.CODES")

    def __str__(self) -> str:
        prefix = "waarschuwing: " if self.severity == "waarschuwing" else ""
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def one_line(message: str) -> str:
    """The message as one printable line: line breaks and lone surrogates from content are escaped."""
    return "".join(ascii(ch)[1:-1] if ch in LINE_BREAKS or "\ud800" <= ch <= "\udfff" else ch for ch in message)


@dataclass
class Problems:
    """The collected problems of one run."""

    items: list[Problem] = field(default_factory=list)

    # The path too is made one line: a file name may hold a line break, or bytes that are no UTF-8
    # (os.listdir gives those as lone surrogates, which no JSON document can carry).
    def add(self, path: str | Path, line: int, column: int, code: str, message: str) -> None:
        self.items.append(Problem(one_line(str(path)), line, column, one_line(message), code))

    def warn(self, path: str | Path, line: int, column: int, code: str, message: str) -> None:
        self.items.append(Problem(one_line(str(path)), line, column, one_line(message), code, "waarschuwing"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "fout"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "waarschuwing"]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))


class ContentError(Exception):
    """Raised by a pipeline stage when the content has errors; carries all of them."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems.errors)} fout(en) in de inhoud")
        self.problems = problems


# MkDocs' warnings and errors in Dutch (the preview and the build show them to editors). The pages are
# those of build/docs, which the generator writes from the YAML.
_MKDOCS_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"Doc file '(.+)' contains a link '(.+)', but the target(?: '.+')? is not found among documentation files\."
        ),
        "pagina '{0}' linkt naar '{1}', maar die pagina of dat bestand bestaat niet in de site",
    ),
    (
        re.compile(r"Doc file '(.+)' contains a link '(.+)', but (.+?)\.(.*)"),
        "pagina '{0}' linkt naar '{1}', maar: {2}{3}",
    ),
    (
        re.compile(r"Doc file '(.+)' contains an unrecognized relative link '(.+)', it was left as is\."),
        "pagina '{0}' bevat een relatieve link '{1}' die MkDocs niet kan plaatsen; de link blijft zoals hij is",
    ),
    (
        re.compile(r"Doc file '(.+)' contains a link to '(.+)' which is excluded from the built site\."),
        "pagina '{0}' linkt naar '{1}', maar dat komt niet in de site",
    ),
    (
        re.compile(r"A reference to '(.+)' is included in the 'nav' configuration, which is not found in the .*"),
        "het menu (nav in mkdocs.yml) noemt '{0}', maar die pagina bestaat niet",
    ),
    (
        re.compile(r"Excluding '(.+)' from the site because it conflicts with '(.+)'\."),
        "'{0}' wordt weggelaten: het botst met '{1}'",
    ),
    (re.compile(r"Aborted with (\d+) warnings? in strict mode!"), "gestopt na {0} waarschuwing(en) (strikte modus)"),
    (re.compile(r"Aborted with a BuildError!"), "gestopt door een fout tijdens de build"),
    (re.compile(r"Error reading page '(.+)':(.*)"), "fout bij het lezen van pagina '{0}':{1}"),
    (re.compile(r"Error building page '(.+)':(.*)"), "fout bij het maken van pagina '{0}':{1}"),
    (
        re.compile(r"Template skipped: '(.+)' not found in (?:theme directories|docs_dir)\."),
        "sjabloon '{0}' overgeslagen: niet gevonden",
    ),
    (
        re.compile(r"An error happened during the rebuild\..*"),
        "fout bij het opnieuw opbouwen; het voorbeeld wacht tot die is opgelost",
    ),
    (re.compile(r"Config value '(.+)': (.*)"), "instelling '{0}' in mkdocs.yml: {1}"),
    (re.compile(r"Config file '(.+)' does not exist\."), "{0} bestaat niet"),
]
_DIRTY_BUILD = "A 'dirty' build is being performed"
MKDOCS_LEVELS = {"WARNING": "waarschuwing", "ERROR": "fout", "CRITICAL": "fout"}


def mkdocs_message(message: str) -> str:
    """One of MkDocs' messages in Dutch; one we do not know stays as it is, marked as MkDocs'."""
    message = message.strip()
    for pattern, dutch in _MKDOCS_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return dutch.format(*match.groups())
    return f"{message} (melding van MkDocs)"


class MkDocsLogFormatter(logging.Formatter):
    """'MkDocs-waarschuwing: …' in Dutch for each of MkDocs' log records."""

    def format(self, record: logging.LogRecord) -> str:
        level = MKDOCS_LEVELS.get(record.levelname, record.levelname.lower())
        return one_line(f"MkDocs-{level}: {mkdocs_message(record.getMessage())}")


def keep_mkdocs_record(record: logging.LogRecord) -> bool:
    """Leave out what says nothing to an editor: the preview builds 'dirty' on purpose, on every edit."""
    return not record.getMessage().startswith(_DIRTY_BUILD)
