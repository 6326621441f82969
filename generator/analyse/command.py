"""`kennisbank analyse`: the command around reading, computing and reporting."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from generator.analyse.compute import analyse
from generator.analyse.read import read_exports
from generator.analyse.reference import load_reference, reflector_problem
from generator.analyse.report import render_report
from generator.problems import Problems
from generator.reporters import Format, json_document, text_line

# --- the command -----------------------------------------------------------------------------------


def default_report_path(today: dt.date | None = None) -> Path:
    return Path(f"analyse-{(today or dt.date.today()).isoformat()}.html")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def main_analyse(
    root: Path,
    files: list[Path],
    as_json: bool,
    report: Path | None,
    reflector: str | None = None,
    format: Format = "text",
) -> int:
    """`kennisbank analyse FILE... [--json] [--rapport PAD] [--reflector ID] [--format json]`.

    Exit 0: analysed without errors (warnings allowed); 1: analysed without what had errors, or nothing
    to analyse; 2: cannot run (no files, a broken knowledge base, an unknown reflector, a report path
    inside the site).

    `--format json` puts the problems (of the exports, or of the knowledge base that stops the analysis)
    on stdout as one JSON document, and the report's path on stderr; `--json` has them in its own.
    """
    if as_json and format == "json":
        print(
            "--json en --format json gaan niet samen: met --json staan de problemen al in het document "
            "(onder 'problemen')",
            file=sys.stderr,
        )
        return 2
    if not files:
        print("geef een of meer exportbestanden (CSV of JSON) van de reflector", file=sys.stderr)
        return 2
    target = report if report is not None else default_report_path()
    if not as_json and (message := _report_path_problem(target, root)):
        print(message, file=sys.stderr)
        return 2
    reference, content_errors = load_reference(root)
    if reference is None:
        if format == "json":
            print(json.dumps(json_document(content_errors), ensure_ascii=False, indent=2))
        else:
            for problem in content_errors:
                print(text_line(problem), file=sys.stderr)
        print(
            "De kennisbank heeft fouten in de eindtermen, reflectoren of resultaten; "
            "los die eerst op (kennisbank check).",
            file=sys.stderr,
        )
        return 2
    if reflector is not None and (message := reflector_problem(reflector, reference)):
        print(message, file=sys.stderr)
        return 2

    problems = Problems()
    reading = read_exports(files, reference, problems, reflector)
    # With --json, stdout is the JSON document alone (it carries the problems under "problemen").
    if format == "json":
        print(json.dumps(json_document(problems.items), ensure_ascii=False, indent=2))
    else:
        for problem in problems.items:
            print(text_line(problem), file=sys.stderr if as_json else sys.stdout)
    summary = f"{len(problems.errors)} fout(en), {len(problems.warnings)} waarschuwing(en)"
    if not reading.answers and not reading.open_answers:
        print(f"{summary}; geen analyse gemaakt: geen enkel bestand gaf een antwoord", file=sys.stderr)
        return 1
    result = analyse(reading, reference, [str(path) for path in files], problems.items)
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_report(result, reference), encoding="utf-8")
        except OSError as error:
            print(f"{target}: rapport niet te schrijven ({error.strerror})", file=sys.stderr)
            return 2
        print(target, file=sys.stderr if format == "json" else sys.stdout)
    if problems.errors:
        print(f"{summary}; wat overgeslagen is, telt niet mee in de analyse", file=sys.stderr)
    elif problems.warnings:
        print(f"{summary}; alle antwoorden zijn meegeteld", file=sys.stderr)
    return 1 if problems.errors else 0


def _report_path_problem(target: Path, root: Path) -> str | None:
    resolved, root_resolved = target.resolve(), root.resolve()
    for folder in ("site", "build"):
        if _inside(resolved, root_resolved / folder):
            return (
                f"{target}: het rapport bevat de gegevens van je team en mag niet in {folder}/ "
                "(de site) komen; kies een pad buiten de kennisbank"
            )
    return None
