"""The `kennisbank` command: check, build and serve the knowledge base."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator import site
from generator.problems import ContentError, Problems


def _print_problems(problems: Problems) -> None:
    for problem in problems.sorted():
        print(problem)
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors or warnings:
        print(f"{errors} fout(en), {warnings} waarschuwing(en)", file=sys.stderr)


def cmd_check(root: Path, args: argparse.Namespace) -> int:
    _, problems = site.check(root)
    _print_problems(problems)
    return 1 if problems.errors or (args.strict and problems.warnings) else 0


def cmd_build(root: Path, _: argparse.Namespace) -> int:
    started = time.perf_counter()
    site.configure_logging()
    try:
        output = site.build(root)
    except ContentError as error:
        _print_problems(error.problems)
        print("Niet gebouwd: de vorige site is ongewijzigd.", file=sys.stderr)
        return 1
    except site.BuildFailed as error:
        print(error, file=sys.stderr)
        print("Niet gebouwd: de vorige site is ongewijzigd.", file=sys.stderr)
        return 1
    print(f"Site gebouwd in {output} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


def cmd_new(root: Path, args: argparse.Namespace) -> int:
    from generator.new import NewItemError, new_item

    linked, _ = site.check(root)  # existing ids, to pick a free one; content problems do not block
    try:
        path = new_item(root, args.type, args.titel, linked.kb)
    except NewItemError as error:
        print(error, file=sys.stderr)
        return 1
    print(path.relative_to(root).as_posix())
    return 0


def cmd_analyse(root: Path, args: argparse.Namespace) -> int:
    from generator.analyse import main_analyse

    return main_analyse(root, args.bestanden, args.json, args.rapport)


def cmd_serve(root: Path, args: argparse.Namespace) -> int:
    from generator.serve import serve

    site.configure_logging()
    return serve(root, args.dev_addr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kennisbank", description="Kennisbank sociale wijkteams")
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="map met de inhoud en mkdocs.yml (standaard: de huidige map)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser(
        "check", help="controleer alle inhoud; meldt elk probleem als pad:regel:kolom: melding"
    )
    check_parser.add_argument("--strict", action="store_true", help="ook waarschuwingen laten falen (exitcode 1)")
    commands.add_parser("build", help="controleer, genereer en bouw de site in site/")
    new_parser = commands.add_parser("new", help="maak een nieuw item met een ingevuld YAML-skelet")
    new_parser.add_argument("type", help="soort: leerarrangement, kennisbron, reflector, methode of module")
    new_parser.add_argument("titel", help="titel van het nieuwe item")
    analyse_parser = commands.add_parser(
        "analyse", help="analyseer de export van de digitale reflector van een team tegen de uitkomsten van 2015"
    )
    analyse_parser.add_argument("bestanden", nargs="+", type=Path, help="CSV-export(s) van de reflector")
    analyse_parser.add_argument("--json", action="store_true", help="JSON op stdout in plaats van een HTML-rapport")
    analyse_parser.add_argument(
        "--rapport", type=Path, default=None, help="pad van het rapport (standaard analyse-<datum>.html)"
    )
    serve_parser = commands.add_parser("serve", help="bekijk de site lokaal; herlaadt bij elke wijziging")
    serve_parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="adres en poort (standaard 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"{root}: geen mkdocs.yml gevonden; geef de map van de kennisbank met --root", file=sys.stderr)
        return 2
    handlers = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "new": cmd_new, "analyse": cmd_analyse}
    return handlers[args.command](root, args)
