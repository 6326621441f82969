"""`kennisbank analyse`: one team's reflector exports against the 2015 baseline (§4.3, Bijlage 7).

Input is one export per respondent (or a team's combined file), in the formats the online form writes
and the team page in the browser (team.js) reads by the same rules: a CSV in long format with at
least `respondent,eindterm,huidig,gewenst` (optionally `reflector, team, datum, tekst, antwoord`, any
column order, `;` or `,`, with or without BOM), or the online form's JSON export (versions 1 and 2).
Problems are reported as `pad:regel:kolom: melding`; a problem skips only what it is about (a row, a
respondent already counted, a file that cannot be used), and the rest is still analysed.

The figures follow the report's own method (§4.3.2): the five-point scale is collapsed to three
points (1+2, 3, 4+5); `laag_huidig` is the share of 1+2 in the current situation, `hoog_gewenst` the
share of 4+5 in the desired one. Like the report, a collapsed share is the sum of the per-category
percentages rounded to one decimal (the report adds up the rounded chart values: eindterm 51 has
6,8 + 29,5 = 36,3% where 16/44 would round to 36,4%). The rule of thumb is 30%: "Boven de 30% is
relevant voor lage waardes. Minder dan 70% is relevant voor hoge waarden." All percentages are kept
as whole tenths (integers) and rounded half up, so no float noise reaches the output.

The report is the team's own data: it is written where the user asks (never into the site).


The package reads in one direction: `reference` (what the analysis needs from the knowledge base) →
`read` (exports into answers) → `compute` (answers into figures: `results.Analysis`, typed, with its
`--json` document from `to_json()`) → `report` (the HTML report, templates/analyse_report.html.j2);
`command` is `kennisbank analyse` around them, `baseline` rebuilds the 2015 respondents.
"""

from generator.analyse.baseline import reconstruct_2015, write_export
from generator.analyse.command import main_analyse
from generator.analyse.compute import analyse
from generator.analyse.read import read_exports
from generator.analyse.reference import Answer, Reference, load_reference
from generator.analyse.report import render_report
from generator.analyse.results import Analysis, ConceptResult, DimensionResult, EindtermResult, Figures

__all__ = [
    "Analysis",
    "Answer",
    "ConceptResult",
    "DimensionResult",
    "EindtermResult",
    "Figures",
    "Reference",
    "analyse",
    "load_reference",
    "main_analyse",
    "read_exports",
    "reconstruct_2015",
    "render_report",
    "write_export",
]
