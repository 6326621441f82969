"""The `kennisbank` command: check, build and serve the knowledge base.

The pipeline is imported only inside `main`, so that Ctrl+C even while it loads ends in one line.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import generator
from generator.reporters import FORMATS  # light: the problems and their reporters, not the pipeline


def cmd_check(root: Path, args: argparse.Namespace) -> int:
    from generator import site
    from generator.reporters import report

    _, problems = site.check(root)
    report(problems, args.format)
    return 1 if problems.errors or (args.strict and problems.warnings) else 0


def cmd_build(root: Path, args: argparse.Namespace) -> int:
    from generator import site
    from generator.problems import ContentError, Problems
    from generator.reporters import report

    started = time.perf_counter()
    site.configure_logging()
    try:
        output = site.build(root)
    except ContentError as error:
        report(error.problems, args.format)
        print("Niet gebouwd: de vorige site is ongewijzigd.", file=sys.stderr)
        return 1
    except site.BuildFailed as error:  # not about a content file: a line on stderr in either format
        if args.format == "json":
            report(Problems(), "json")
        print(error, file=sys.stderr)
        print("Niet gebouwd: de vorige site is ongewijzigd.", file=sys.stderr)
        return 1
    if args.format == "json":
        report(Problems(), "json")  # the errors stop a build; its warnings are check's to show
    where = f"{output} (→ {output.resolve()})" if output.is_symlink() else str(output)
    print(f"Site gebouwd in {where} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


def cmd_new(root: Path, args: argparse.Namespace) -> int:
    from generator import site
    from generator.new import NewItemError, new_item

    linked, _ = site.check(root)  # existing ids, to pick a free one; content problems do not block
    try:
        path = new_item(root, args.type, args.titel, linked.kb, another=args.nog_een)
    except NewItemError as error:
        print(error, file=sys.stderr)
        return 1
    print(path.relative_to(root).as_posix())
    if (root / SCHEMA_DIR).is_dir():  # offer the new id in the editor's schemas right away
        from generator.schema import write_schemas

        write_schemas(root, site.check(root)[0].kb)
    return 0


def cmd_schema(root: Path, _: argparse.Namespace) -> int:
    from generator import site
    from generator.schema import write_schemas

    linked, problems = site.check(root)  # the ids of the items that are valid now
    if problems.errors:
        print(
            f"Let op: de inhoud heeft {len(problems.errors)} fout(en); de schema's bieden alleen de ids van "
            "de items zonder fouten aan (kennisbank check zegt welke).",
            file=sys.stderr,
        )
    written = write_schemas(root, linked.kb)
    for path in written:
        print(path.relative_to(root).as_posix())
    print(f"{len(written)} bestand(en) bijgewerkt" if written else "De schema's waren al bij.", file=sys.stderr)
    return 0


SCHEMA_DIR = "schemas"  # generator.schema.SCHEMA_DIR, without importing the pipeline here


def cmd_analyse(root: Path, args: argparse.Namespace) -> int:
    from generator.analyse import main_analyse

    return main_analyse(root, args.bestanden, args.json, args.rapport, args.reflector, args.format)


def cmd_serve(root: Path, args: argparse.Namespace) -> int:
    from generator import site
    from generator.serve import serve

    site.configure_logging()
    return serve(root, args.dev_addr)


# What Ctrl+C prints, per command (exit code 130, no traceback).
INTERRUPTED = {
    "build": "Afgebroken; de vorige site is ongewijzigd.",
    "check": "Afgebroken; er is niets gewijzigd.",
    "serve": "Voorbeeld gestopt.",
}
EXIT_INTERRUPTED = 130


ROOT_HELP = (
    "map met de inhoud en mkdocs.yml (standaard: de huidige map, anders de dichtstbijzijnde bovenliggende map "
    "met mkdocs.yml en content/; voor analyse daarna de kennisbank van deze installatie)"
)


def find_root(command: str) -> Path | None:
    """The knowledge base to use without --root: the current folder, the nearest parent that is one, or
    (for `analyse` only, which just reads it) the knowledge base this package belongs to."""
    here = Path.cwd().resolve()
    if (here / "mkdocs.yml").is_file():
        return here
    for folder in here.parents:
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return folder
    package = Path(generator.__file__).resolve().parents[1]
    if command == "analyse" and (package / "mkdocs.yml").is_file():
        return package
    return None


# argparse's own words (help headings, usage errors) in Dutch; argparse looks them up with gettext.
DUTCH_ARGPARSE = {
    "usage: ": "gebruik: ",
    "positional arguments": "opdrachten en argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "unrecognized arguments: %s": "onbekend: %s (zie kennisbank --help)",
    "invalid choice: %(value)r (choose from %(choices)s)": "onbekende keuze %(value)r (kies uit %(choices)s)",
    "expected one argument": "hier hoort een waarde achter",
    "expected at most one argument": "hoogstens één waarde",
    "expected at least one argument": "minstens één waarde nodig",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig: %(matches)s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde %(value)r",
    "not allowed with argument %s": "niet samen met %s",
    "one of the arguments %s is required": "een van %s is nodig",
    "ignored explicit argument %r": "waarde %r hoort hier niet",
    "unexpected option string: %s": "onverwachte optie: %s",
}


@contextlib.contextmanager
def _dutch_argparse() -> Iterator[None]:
    """argparse speaks Dutch while the parser is made and used (it has no Dutch catalogue of its own)."""
    english, english_plural = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def plural(singular: str, many: str, count: int) -> str:
        if singular == "expected %s argument":
            return "verwacht %s waarde" if count == 1 else "verwacht %s waarden"
        return str(english_plural(singular, many, count))

    argparse._ = lambda text: DUTCH_ARGPARSE.get(text, english(text))  # type: ignore[attr-defined]
    argparse.ngettext = plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = english, english_plural  # type: ignore[attr-defined]


def version() -> str:
    try:
        return metadata.version("kennisbank-swt")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return "onbekend"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kennisbank", description="Kennisbank sociale wijkteams: controleer, bouw en bekijk de inhoud."
    )
    parser.add_argument("--root", type=Path, default=None, metavar="MAP", help=ROOT_HELP)
    parser.add_argument(
        "--version", action="version", version=f"kennisbank {version()}", help="toon het versienummer en stop"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT", title="opdrachten")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        # SUPPRESS: without --root after the command, the one before it (or none) stays.
        sub.add_argument("--root", type=Path, default=argparse.SUPPRESS, metavar="MAP", help=ROOT_HELP)
        return sub

    check_parser = command("check", "controleer alle inhoud; meldt elk probleem als pad:regel:kolom: melding")
    check_parser.add_argument("--strict", action="store_true", help="ook waarschuwingen laten falen (exitcode 1)")
    build_parser = command("build", "controleer, genereer en bouw de site in site/")
    new_parser = command("new", "maak een nieuw item met een ingevuld YAML-skelet")
    new_parser.add_argument(
        "type", metavar="soort", help="soort: leerarrangement, kennisbron, reflector, methode of module"
    )
    new_parser.add_argument("titel", help="titel van het nieuwe item")
    new_parser.add_argument(
        "--nog-een",
        action="store_true",
        help="maak ook een nieuw item als er al een met deze titel is (met -2 achter de id)",
    )
    analyse_parser = command(
        "analyse", "analyseer de exports van de reflector van een team tegen de uitkomsten van 2015"
    )
    analyse_parser.add_argument(
        "bestanden", nargs="+", type=Path, help="exportbestanden van de reflector (CSV of JSON), één per collega"
    )
    analyse_parser.add_argument("--json", action="store_true", help="JSON op stdout in plaats van een HTML-rapport")
    analyse_parser.add_argument(
        "--rapport", type=Path, default=None, help="pad van het rapport (standaard analyse-<datum>.html)"
    )
    analyse_parser.add_argument(
        "--reflector",
        metavar="ID",
        default=None,
        help="analyseer alleen deze reflector (standaard: de reflector die het eerste bestand noemt)",
    )
    for reporting in (check_parser, build_parser, analyse_parser):
        reporting.add_argument(
            "--format",
            choices=FORMATS,
            default="text",
            help="hoe de problemen worden gemeld: text (pad:regel:kolom: melding) of json (één document op stdout, "
            "voor CI en editors; zie de README)",
        )
    command("schema", "schrijf de JSON-schema's voor de editor naar schemas/ en .vscode/settings.json")
    serve_parser = command("serve", "bekijk de site lokaal; herlaadt bij elke wijziging")
    serve_parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="adres en poort (standaard 127.0.0.1:8000)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        with _dutch_argparse():
            args = _parser().parse_args(argv)
    except SystemExit as done:  # --help, --version or a usage error, already printed
        return done.code if isinstance(done.code, int) else 2
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return EXIT_INTERRUPTED
    root = args.root.resolve() if args.root is not None else find_root(args.command)
    if root is None:
        print(
            f"{Path.cwd()}: geen mkdocs.yml gevonden, ook niet in een bovenliggende map; "
            "geef de map van de kennisbank met --root",
            file=sys.stderr,
        )
        return 2
    if not (root / "mkdocs.yml").is_file():
        print(f"{root}: geen mkdocs.yml gevonden; geef de map van de kennisbank met --root", file=sys.stderr)
        return 2
    handlers = {
        "check": cmd_check,
        "build": cmd_build,
        "serve": cmd_serve,
        "new": cmd_new,
        "analyse": cmd_analyse,
        "schema": cmd_schema,
    }
    try:
        return handlers[args.command](root, args)
    except KeyboardInterrupt:
        print(INTERRUPTED.get(args.command, "Afgebroken."), file=sys.stderr)
        return EXIT_INTERRUPTED
