"""Fuzz: no content file can break `kennisbank check` ("content that cannot break the site").

Whatever an editor (or a broken editor, or a copy-paste) puts in a content file, `check` either
passes or reports problems as `path:line:column: message` lines with exit code 1: never a traceback,
never another exit code, never a hang. The content files of every per-file type and two collection
files are replaced by

  (a) arbitrary YAML documents (random shapes and types, from hypothesis) dumped with yaml.safe_dump,
  (b) mutations of the valid mini fixture files (lines deleted, duplicated, values replaced, tabs,
      random bytes, odd Unicode, truncation, other line endings, ...),
  (c) a list of explicit nasty cases (alias bomb, 10,000-deep nesting, a 5 MB file, unsafe tags, ...).

Most checks run in-process (`site.check`, under a time limit); a smaller number run the CLI's main()
with its output captured at the file descriptors, and a few `python -m generator` in a new interpreter.
The number of hypothesis examples follows the profile (tests/conftest.py): a quarter by default, all under CI.
Hypothesis is derandomized and keeps no example database, so CI sees the same examples every run
(it still caches constants in .hypothesis/, which ignores itself in git). A line at the end of the
module reports how many checks ran, e.g. "fuzz summary: 1640 checks (...) in 95.0 s".
"""

from __future__ import annotations

import contextlib
import copy
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator import site
from generator.load import MAX_FILE_BYTES
from generator.problems import Problem
from generator.registry import CONTENT_TYPES
from tests.conftest import MINI, REPO, Run, copy_root, examples, main_bytes

# The files that are mutated: every per-file type and two collection files.
TARGETS = [
    "content/methoden/ecogram.yml",
    "kennisbronnen/casusleren.yml",
    "leerarrangementen/lerend-team.yml",
    "reflectoren/digitale-reflector.yml",
    "content/bakens.yml",
    "content/eindtermen.yml",
]
SEEDS: dict[str, bytes] = {path: (MINI / path).read_bytes() for path in TARGETS}
SEED_DATA: dict[str, Any] = {path: yaml.safe_load(SEEDS[path]) for path in TARGETS}

CHECK_SECONDS = 30  # one in-process check; the slowest nasty case takes well under a second
CLI_SECONDS = 120  # one CLI run (in a new interpreter: its start included)
PROBLEM_LINE = re.compile(r"^[^:\n]+:\d+:\d+: .+$")
SUMMARY_LINE = re.compile(r"^\d+ fout\(en\), \d+ waarschuwing\(en\)$")
# Pydantic's own (English) messages must never reach an editor untranslated.
UNTRANSLATED = re.compile(
    r"Input should|Field required|should have at (least|most)|Value error|Assertion failed|Extra inputs|"
    r"unable to parse|validation error"
)
BOM = "\ufeff"

STATS: Counter[str] = Counter()
# No "explain" phase: it traces every line while shrinking, which makes a red run many times slower.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink]
# The in-process fuzz tests' settings; each test sets its own number of examples.
IN_PROCESS = settings(
    deadline=timedelta(seconds=5),
    derandomize=True,
    database=None,
    report_multiple_bugs=False,  # shrink one failure, not every distinct one: bounds the time of a red run
    phases=PHASES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- running a check --------------------------------------------------------------------------------


class CheckHung(AssertionError):
    """`check` ran longer than CHECK_SECONDS."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise CheckHung in the main thread after `seconds` (no limit where SIGALRM is unavailable)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def hung(signum: int, frame: Any) -> None:
        raise CheckHung(f"check ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One scratch copy of the mini knowledge base; every example restores the file it changed."""
    return copy_root(MINI, tmp_path_factory.mktemp("fuzz") / "kb")


@pytest.fixture(scope="module", autouse=True)
def fuzz_summary(request: pytest.FixtureRequest) -> Iterator[None]:
    started = time.perf_counter()
    yield
    parts = ", ".join(f"{count} {name}" for name, count in sorted(STATS.items()))
    line = f"fuzz summary: {sum(STATS.values())} checks ({parts}) in {time.perf_counter() - started:.1f} s"
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print(f"\n{line}")


@contextlib.contextmanager
def replaced(root: Path, path: str, data: bytes) -> Iterator[None]:
    target = root / path
    target.write_bytes(data)
    try:
        yield
    finally:
        target.write_bytes(SEEDS[path])


def line_bound(data: bytes) -> int:
    """The highest line number a position in `data` can have (YAML's line breaks, generously counted)."""
    breaks = data.count(b"\n") + data.count(b"\r")
    breaks += sum(data.count(char.encode()) for char in "\x85\u2028\u2029")
    return breaks + 1


def pyyaml_refuses(data: bytes) -> bool:
    """True when the file is too big, not UTF-8 or not YAML at all: `check` must then report an error for it."""
    if len(data) > MAX_FILE_BYTES:
        return True
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return True
    try:
        yaml.safe_load(text)
    except yaml.YAMLError:
        return True
    except (RecursionError, ValueError, TypeError, KeyError, AttributeError):
        return False  # PyYAML's own crashes (bad dates, `!!int abc`) say nothing about what `check` should say
    return False


def assert_well_formed(problem: Problem, path: str, size: int, last_line: int) -> None:
    shown = str(problem)
    assert problem.line >= 1 and problem.column >= 1, f"position below 1:1: {shown!r}"
    assert isinstance(problem.message, str) and problem.message.strip(), f"empty message: {shown!r}"
    assert problem.severity in ("fout", "waarschuwing"), shown
    assert shown.splitlines() == [shown], f"message spans more than one line: {shown!r}"
    assert PROBLEM_LINE.match(shown), f"not path:line:column: message: {shown!r}"
    try:
        shown.encode("utf-8")
    except UnicodeEncodeError as error:
        pytest.fail(f"problem cannot be printed as UTF-8 ({error}): {shown!r}")
    assert not UNTRANSLATED.search(problem.message), f"untranslated (English) message: {shown!r}"
    if problem.path == path:
        assert problem.line <= last_line, f"line beyond the end of the file: {shown!r}"
        assert problem.column <= size + 1, f"column beyond the end of the file: {shown!r}"


def check_in_process(root: Path, path: str, data: bytes, kind: str) -> list[Problem]:
    """Write `data` to `path`, run `check` in-process under a time limit, assert every problem is well-formed."""
    STATS[f"in-process {kind}"] += 1
    with replaced(root, path, data), time_limit(CHECK_SECONDS):
        _, problems = site.check(root)
    last_line = line_bound(data)
    for problem in problems.items:
        assert_well_formed(problem, path, len(data), last_line)
    if not any(problem.path == path for problem in problems.errors):
        assert not pyyaml_refuses(data), f"PyYAML refuses {path}, yet check reports no error for it"
    return problems.items


def run_check_cli(root: Path, new_process: bool = False) -> Run:
    """`kennisbank --root ROOT check`, bytes-exact: in this process (as the console script calls main),
    or with new_process `python -m generator` in a new interpreter, with a shorter bound."""
    if new_process:
        done = subprocess.run(
            [sys.executable, "-m", "generator", "--root", str(root), "check"],
            capture_output=True,
            timeout=CLI_SECONDS,
            cwd=REPO,
        )
        code, stdout, stderr = done.returncode, done.stdout, done.stderr
    else:
        with time_limit(CLI_SECONDS):
            code, stdout, stderr = main_bytes(["--root", str(root), "check"])
    try:
        out = stdout.decode("utf-8")
    except UnicodeDecodeError as error:
        pytest.fail(f"stdout is not UTF-8 ({error}): {stdout[:2000]!r}")
    return Run(code, out, stderr.decode("utf-8", "replace"))


def check_cli(root: Path, path: str, data: bytes, kind: str, new_process: bool = False) -> Run:
    """Write `data` to `path` and run the CLI: exit 0 or 1, only problem lines, no traceback."""
    STATS[f"cli {kind}"] += 1
    with replaced(root, path, data):
        result = run_check_cli(root, new_process)
    assert "Traceback" not in result.err, result.err[-3000:]
    assert result.code in (0, 1), f"exit code {result.code}\n{result.err[-3000:]}"
    bad = [line for line in result.out.splitlines() if not PROBLEM_LINE.match(line)]
    assert not bad, f"stdout lines that are not path:line:column: message: {bad[:5]!r}"
    english = [line for line in result.out.splitlines() if UNTRANSLATED.search(line)]
    assert not english, f"untranslated (English) messages: {english[:5]!r}"
    assert result.out == "" or result.out.endswith("\n")
    assert not result.err or SUMMARY_LINE.match(result.err.splitlines()[-1]), result.err[-3000:]
    errors = [line for line in result.lines if not re.match(r"^[^:\n]+:\d+:\d+: waarschuwing: ", line)]
    assert result.code == (1 if errors else 0), f"exit code {result.code} with {len(errors)} error line(s)"
    return result


def test_the_unchanged_seeds_pass(fuzz_root: Path) -> None:
    for path in TARGETS:
        problems = check_in_process(fuzz_root, path, SEEDS[path], "seed")
        assert not [p for p in problems if p.severity == "fout"], [str(p) for p in problems]


# --- (a) arbitrary YAML documents ---------------------------------------------------------------------


def _models(model: Any) -> Iterator[type[BaseModel]]:
    if isinstance(model, type) and issubclass(model, BaseModel):
        yield model
        for info in model.model_fields.values():
            yield from _models(info.annotation)
    else:
        for argument in get_args(model):
            yield from _models(argument)


FIELD_NAMES = sorted({name for t in CONTENT_TYPES.values() for m in _models(t.model) for name in m.model_fields})
ODD_CHARACTERS = [
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",  # BOM / zero-width no-break space
    "\u00a0",
    "\u0085",  # NEL, a YAML line break
    "\u2028",
    "\u2029",
    "\t",
    "\r",
    "\n",
    "\x00",
    "\x1b",
    "\x7f",
    "\ud800",  # lone surrogates: safe_dump writes them as escapes
    "\udfff",
    "\ufffe",
    "🙂",
    "👩‍👩‍👧",
    "İ",
    "ß",
    ":",
    "#",
    "&",
    "*",
    "!",
    "|",
    ">",
    "-",
    "[[",
    "]]",
    "'",
    '"',
    "%",
    "@",
    "`",
]
texts = st.lists(st.characters() | st.sampled_from(ODD_CHARACTERS), max_size=30).map("".join)
KNOWN_WORDS = [
    "vastgesteld",
    "concept",
    "methode",
    "leerinstrument",
    "schaal",
    "dialoog",
    "ecogram",
    "sonestra",
    "casusleren",
    "lerend-team",
    "digitale-reflector",
    "leercoach",
    "welzijn-nieuwe-stijl",
    "baken-7",
    "[[methode:ecogram]]",
    "[[methode:nergens]]",
    "[[eindterm:21]]",
    "[[onbekend:x]]",
    "http://x.nl",
    "2015-06-01",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.sampled_from([0, 1, 7, 8, 9, 21, 50, 480, 481, 999, 1000, -1]),
    st.floats(),
    texts,
    st.sampled_from(KNOWN_WORDS),
    st.text("ab- \n", min_size=0, max_size=5000),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=20),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), texts, st.integers(), st.none(), st.booleans())
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)


@st.composite
def documents(draw: st.DrawFn, path: str) -> Any:
    """A random value, or the seed's data with fields set to random values and deleted."""
    if draw(st.integers(0, 3)) == 0:
        return draw(values)
    document = copy.deepcopy(SEED_DATA[path])
    items = document if isinstance(document, list) else [document]
    for _ in range(draw(st.integers(1, 4))):
        item = draw(st.sampled_from(items))
        if not isinstance(item, dict):
            continue
        key = draw(st.sampled_from(list(item))) if item and draw(st.booleans()) else draw(keys)
        if draw(st.integers(0, 3)) == 0:
            item.pop(key, None)
        else:
            item[key] = draw(values)
    if isinstance(document, list) and draw(st.integers(0, 3)) == 0:
        document.insert(draw(st.integers(0, len(document))), draw(values))
    return document


@st.composite
def dumped_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    path = draw(st.sampled_from(TARGETS))
    document = draw(documents(path))
    text = yaml.safe_dump(
        document,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, True, None])),
        sort_keys=False,
        width=draw(st.sampled_from([80, 20, 1_000_000])),
        explicit_start=draw(st.booleans()),
        explicit_end=draw(st.booleans()),
    )
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r"])))
    if draw(st.booleans()):
        text = BOM + text
    return path, text.encode("utf-8")


@settings(IN_PROCESS, max_examples=examples(400))
@given(dumped_documents())
def test_arbitrary_yaml_documents(fuzz_root: Path, case: tuple[str, bytes]) -> None:
    path, data = case
    note(f"{path}: {data[:3000]!r}")
    check_in_process(fuzz_root, path, data, "yaml-documents")


# --- (b) mutations of the valid fixture files -------------------------------------------------------

SNIPPETS = [
    "&a",
    "*a",
    "&a x",
    "*nergens",
    "!!int abc",
    "!!float abc",
    "!!bool abc",
    "!!timestamp abc",
    "!!null abc",
    "!!str [a]",
    "!!seq abc",
    "!!map abc",
    "!!set [a]",
    "!!omap abc",
    "!!binary aGVsbG8=",
    "!!binary ===",
    "!foo x",
    "!!python/object:os.system ls",
    "!!python/object/apply:os.system [ls]",
    "<<: {a: 1}",
    "2015-02-30",
    "2015-13-01",
    "1" * 5000,
    "0x" + "f" * 4000,
    "1e400",
    ".nan",
    "190:20:30",
    '"\\ud800"',
    '"a\\nb"',
    '"a\\rb"',
    '"a\\Lb"',
    '"\\0"',
    '"[[methode:a\\nb]]"',
    "[[methode:nergens]]",
    "|",
    "|0",
    ">-",
    "? a",
    "{a, b: }",
    "[a, [b, {c: d}]]",
    "---",
    "...",
    "%YAML 1.1",
    "@x",
    "`x",
    "'x",
    '"x',
    "#",
    "\t",
    "x" * 20_000,
]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _index(draw: st.DrawFn, items: list[Any] | bytes, end: bool = False) -> int:
    return draw(st.integers(0, max(0, len(items) - (0 if end else 1))))


def delete_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    if lines:
        del lines[_index(draw, lines)]
    return b"".join(lines)


def duplicate_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    if lines:
        line = lines[_index(draw, lines)]
        times = draw(st.sampled_from([1, 1, 2, 50, 1000]))
        lines.insert(_index(draw, lines, end=True), (line if line.endswith(b"\n") else line + b"\n") * times)
    return b"".join(lines)


def swap_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    if len(lines) > 1:
        i, j = _index(draw, lines), _index(draw, lines)
        lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def replace_value(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    fields = [i for i, line in enumerate(lines) if re.match(rb"^\s*(- )?[\w-]+:", line)]
    if not fields:
        return data
    i = draw(st.sampled_from(fields))
    if draw(st.booleans()):
        value = draw(st.sampled_from(SNIPPETS))
    else:
        value = yaml.safe_dump(draw(values), default_flow_style=True, width=1_000_000, allow_unicode=True)
        value = value.removesuffix("\n...\n").rstrip("\n").replace("\n", " ")
    key = re.match(rb"^(\s*(- )?[\w-]+:)", lines[i])
    assert key is not None
    lines[i] = key.group(1) + b" " + value.encode("utf-8", "surrogatepass") + b"\n"
    return b"".join(lines)


def insert_tab(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    if not lines:
        return b"\t"
    i = _index(draw, lines)
    column = draw(st.integers(0, len(lines[i])))
    lines[i] = lines[i][:column] + b"\t" + lines[i][column:]
    return b"".join(lines)


def insert_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    at = _index(draw, data, end=True)
    raw = draw(
        st.binary(min_size=1, max_size=8)
        | st.sampled_from([b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\r", b"\x85", b"\xc2\x85"])
    )
    return data[:at] + raw + data[at:]


def insert_text(draw: st.DrawFn, data: bytes) -> bytes:
    at = _index(draw, data, end=True)
    text = draw(st.sampled_from(ODD_CHARACTERS) | st.sampled_from(SNIPPETS) | texts)
    return data[:at] + text.encode("utf-8", "surrogatepass") + data[at:]


def truncate(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: _index(draw, data, end=True)]


def reindent(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    if lines:
        i = _index(draw, lines)
        shift = draw(st.integers(-4, 6))
        if shift > 0:
            lines[i] = b" " * shift + lines[i]
        elif lines[i][:-shift].isspace():
            lines[i] = lines[i][-shift:]
    return b"".join(lines)


def line_endings(draw: st.DrawFn, data: bytes) -> bytes:
    ending = draw(st.sampled_from([b"\r\n", b"\r", "\u2028".encode(), b"\xc2\x85", b"\n\n"]))
    return data.replace(b"\n", ending)


def byte_order_mark(draw: st.DrawFn, data: bytes) -> bytes:
    return draw(st.sampled_from([b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + data


def long_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    unit = draw(st.sampled_from(["x", "woord ", "[", "{a: ", "- ", "'", "é", "🙂", "\u200b", ", 1"]))
    line = draw(st.sampled_from(["titel: ", "  titel: ", "", "# "])) + unit * draw(st.integers(1, 20_000)) + "\n"
    lines.insert(_index(draw, lines, end=True), line.encode("utf-8"))
    return b"".join(lines)


def nest(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    fields = [i for i, line in enumerate(lines) if re.match(rb"^\s*(- )?[\w-]+: \S", line)]
    if not fields:
        return data
    i = draw(st.sampled_from(fields))
    depth = draw(st.integers(1, 200))
    key, _, value = lines[i].rstrip(b"\r\n").partition(b": ")
    open_, close = draw(st.sampled_from([(b"[", b"]"), (b"{a: ", b"}")]))
    lines[i] = key + b": " + open_ * depth + value + close * depth + b"\n"
    return b"".join(lines)


MUTATIONS = [
    delete_line,
    duplicate_line,
    swap_lines,
    replace_value,
    replace_value,
    insert_tab,
    insert_bytes,
    insert_text,
    truncate,
    reindent,
    line_endings,
    byte_order_mark,
    long_line,
    nest,
]


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture file after one to five random mutations."""
    path = draw(st.sampled_from(TARGETS))
    data = SEEDS[path]
    for _ in range(draw(st.integers(1, 5))):
        data = draw(st.sampled_from(MUTATIONS))(draw, data)
    return path, data


@settings(IN_PROCESS, max_examples=examples(600))
@given(mutated_files())
def test_mutated_fixture_files(fuzz_root: Path, case: tuple[str, bytes]) -> None:
    path, data = case
    note(f"{path}: {data[:3000]!r}")
    check_in_process(fuzz_root, path, data, "mutations")


@settings(max_examples=12, deadline=None, derandomize=True, database=None, report_multiple_bugs=False, phases=PHASES)
@given(mutated_files())
def test_mutated_fixture_files_through_the_cli(fuzz_root: Path, case: tuple[str, bytes]) -> None:
    path, data = case
    note(f"{path}: {data[:3000]!r}")
    check_cli(fuzz_root, path, data, "mutations")


# --- (c) explicit nasty cases ------------------------------------------------------------------------


def _item_indent(seed: str) -> str:
    """The indentation of the first item's fields ("" in a per-file item, "  " in a collection)."""
    found = re.search(r"^( *)(- )?status: ", seed, re.MULTILINE)
    assert found is not None
    return found.group(1) + ("  " if found.group(2) else "")


def with_field(seed: str, snippet: str) -> str:
    """`snippet` (one or more lines) added to the first item, after its status line."""
    indent = _item_indent(seed)
    lines = "".join(f"{indent}{line}\n" for line in snippet.split("\n"))
    found = re.search(r"^.*status: .*\n", seed, re.MULTILINE)
    assert found is not None
    return seed[: found.end()] + lines + seed[found.end() :]


def replace_field(seed: str, key: str, value: str) -> str:
    """The first item's `key` set to the YAML text `value` (added when the item has no such field)."""
    pattern = re.compile(rf"^( *(?:- )?{key}:).*$", re.MULTILINE)
    if pattern.search(seed):
        return pattern.sub(lambda m: f"{m.group(1)} {value}", seed, count=1)
    return with_field(seed, f"{key}: {value}")


def first_key(seed: str) -> str:
    found = re.search(r"^(?:- )?(\w+):", seed, re.MULTILINE)
    assert found is not None
    return found.group(1)


BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)
HUGE_HEX = "0x" + "f" * 4000

NASTY: dict[str, Callable[[str], str | bytes]] = {
    # aliases, anchors, nesting
    "billion laughs": lambda s: BILLION_LAUGHS,
    "billion laughs in an item": lambda s: with_field(s, BILLION_LAUGHS.rstrip("\n")),
    "anchor and alias": lambda s: with_field(s, "a: &x 1\nb: *x"),
    "alias without anchor": lambda s: replace_field(s, "titel", "*nergens"),
    "merge key": lambda s: with_field(s, "<<: {titel: x}"),
    "10,000-deep flow sequence": lambda s: "[" * 10_000 + "]" * 10_000,
    "10,000-deep flow mapping": lambda s: "{a: " * 10_000 + "b" + "}" * 10_000,
    "10,000-deep block sequence": lambda s: "- " * 10_000 + "x\n",
    "10,000-deep unclosed nesting": lambda s: "[" * 10_000,
    "10,000-deep nesting in a field": lambda s: replace_field(s, "titel", "[" * 10_000 + "]" * 10_000),
    "200-deep indented mapping": lambda s: "".join(f"{'  ' * depth}a:\n" for depth in range(200)) + "  " * 200 + "x\n",
    # size
    "5 MB file": lambda s: s + "# " + "x" * 5_000_000 + "\n",
    "just under the size limit": lambda s: (s + "# " + "x" * MAX_FILE_BYTES)[: MAX_FILE_BYTES - 1] + "\n",
    "100 KB single-line quoted string": lambda s: replace_field(s, "titel", '"' + "x" * 100_000 + '"'),
    "100 KB single-line plain string": lambda s: replace_field(s, "herkomst", "woord " * 17_000),
    "100 KB key": lambda s: with_field(s, "k" * 100_000 + ": 1"),
    "100 KB comment": lambda s: s + "#" + "x" * 100_000 + "\n",
    "10,000 duplicate keys": lambda s: with_field(s, "\n".join(["herkomst: x"] * 10_000)),
    "10,000 list items": lambda s: replace_field(s, "aliassen", "[" + "a, " * 10_000 + "]"),
    "10,000 documents": lambda s: "---\n" * 10_000,
    # tags
    "!!python/object": lambda s: replace_field(s, "titel", "!!python/object:os.system ls"),
    "!!python/object/apply": lambda s: replace_field(s, "titel", "!!python/object/apply:os.system [echo fuzz]"),
    "!!python/name": lambda s: replace_field(s, "titel", "!!python/name:os.system"),
    "!!python/object on the document": lambda s: "!!python/object:collections.OrderedDict\n" + s,
    "!!binary": lambda s: replace_field(s, "titel", "!!binary aGVsbG8="),
    "!!binary that is not base64": lambda s: replace_field(s, "titel", "!!binary ==="),
    "!!binary as a key": lambda s: with_field(s, "!!binary aGVsbG8=: x"),
    "unknown tag !foo": lambda s: replace_field(s, "titel", "!foo bar"),
    "unknown tag on a mapping": lambda s: replace_field(s, "titel", "!foo {a: 1}"),
    "verbatim tag": lambda s: replace_field(s, "titel", "!<tag:example.com,2000:x> y"),
    "%TAG directive": lambda s: "%TAG !e! tag:example.com,2000:\n---\n" + s,
    "%YAML 2.0 directive": lambda s: "%YAML 2.0\n---\n" + s,
    "!!int on text": lambda s: replace_field(s, "titel", "!!int abc"),
    "!!float on text": lambda s: replace_field(s, "titel", "!!float abc"),
    "!!bool on text": lambda s: replace_field(s, "titel", "!!bool abc"),
    "!!timestamp on text": lambda s: replace_field(s, "titel", "!!timestamp abc"),
    "!!str on a list": lambda s: replace_field(s, "aliassen", "!!str [a, b]"),
    "!!seq on text": lambda s: replace_field(s, "aliassen", "!!seq abc"),
    "!!map on text": lambda s: replace_field(s, "titel", "!!map abc"),
    "!!set": lambda s: replace_field(s, "aliassen", "!!set {a, b}"),
    "!!omap on text": lambda s: replace_field(s, "aliassen", "!!omap abc"),
    # keys
    "key that is a list": lambda s: with_field(s, "[a, b]: 1"),
    "key that is a mapping": lambda s: with_field(s, "{a: 1}: 2"),
    "complex key": lambda s: with_field(s, "? [a]\n: 1"),
    "null, bool and number keys": lambda s: with_field(s, "~: 1\nyes: 2\n3: 3\n1.5: 4"),
    "duplicate key": lambda s: with_field(s, "status: concept"),
    "key with a newline": lambda s: with_field(s, '"a\\nb": 1'),
    "duplicate key with a newline": lambda s: with_field(s, '"a\\nb": 1\n"a\\nb": 2'),
    "key with a lone surrogate": lambda s: with_field(s, '"\\udfff": 1'),
    "duplicate key with a lone surrogate": lambda s: with_field(s, '"\\udfff": 1\n"\\udfff": 2'),
    "key with a zero-width space": lambda s: with_field(s, "ti\u200btel: x"),
    # documents
    "two documents": lambda s: s + "---\n" + s,
    "document end marker": lambda s: s + "...\n",
    "empty file": lambda s: "",
    "only a BOM": lambda s: BOM,
    "only comments": lambda s: "# niets\n# nog niets\n",
    "only whitespace": lambda s: "   \n\n  \n",
    "only ---": lambda s: "---\n",
    "null document": lambda s: "~\n",
    "text document": lambda s: "hallo\n",
    "a list where a mapping belongs, or back": lambda s: "a: 1\n" if re.search("^- ", s, re.M) else "- a\n- b\n",
    # bytes, encodings, line breaks
    "NUL byte": lambda s: replace_field(s, "titel", "a\x00b"),
    "control character": lambda s: replace_field(s, "titel", "a\x01b"),
    "DEL and C1 controls": lambda s: replace_field(s, "titel", "a\x7f\x9bb"),
    "noncharacters": lambda s: replace_field(s, "titel", "a\ufffe\uffffb"),
    "lone surrogate escape": lambda s: replace_field(s, "titel", '"\\ud800"'),
    "lone surrogate escape in a choice": lambda s: replace_field(s, "status", '"\\ud800"'),
    "encoded surrogate bytes": lambda s: s.encode() + b"titel: \xed\xa0\x80\n",
    "invalid UTF-8": lambda s: b"\xff\xfe\xfd" + s.encode(),
    "invalid UTF-8 at the end": lambda s: s.encode() + b"\xc3",
    "UTF-16 file": lambda s: s.encode("utf-16"),
    "UTF-8 BOM": lambda s: BOM + s,
    "two BOMs": lambda s: BOM + BOM + s,
    "BOM inside a value": lambda s: replace_field(s, "titel", f"a{BOM}b"),
    "CRLF": lambda s: s.replace("\n", "\r\n"),
    "CR only": lambda s: s.replace("\n", "\r"),
    "mixed line endings": lambda s: s.replace("\n", "\r\n", 3),
    "NEL line breaks": lambda s: s.replace("\n", "\x85"),
    "line separators": lambda s: s.replace("\n", "\u2028"),
    "line separator inside a value": lambda s: replace_field(s, "titel", "a\u2028b"),
    "no final newline": lambda s: s.rstrip("\n"),
    # odd Unicode
    "right-to-left override in the id": lambda s: replace_field(s, first_key(s), '"\u202eecogram"'),
    "right-to-left mark and zero-width in text": lambda s: replace_field(s, "titel", "\u200fEco\u200bgram\u200d"),
    "emoji": lambda s: replace_field(s, "titel", "🙂👩‍👩‍👧 🇳🇱"),
    # tabs
    "tab indentation": lambda s: with_field(s, "\taliassen: [a]"),
    "tab after a colon": lambda s: replace_field(s, "titel", "\tEcogram"),
    "tab inside a flow sequence": lambda s: replace_field(s, "aliassen", "[\ta,\tb]"),
    "tab-only line": lambda s: s + "\t\n",
    "tab in a block scalar": lambda s: with_field(s, "tekst: |\n\tregel"),
    # scalars
    "invalid date": lambda s: replace_field(s, "herkomst", "2015-02-30"),
    "invalid date as a key": lambda s: with_field(s, "2015-13-01: x"),
    "5000-digit integer": lambda s: replace_field(s, first_key(s), "1" * 5000),
    "huge hex integer as a number": lambda s: replace_field(s, "nummer", HUGE_HEX),
    "huge hex integer as a reference": lambda s: replace_field(s, "eindtermen", f"[{HUGE_HEX}]"),
    "huge float, nan and inf": lambda s: replace_field(s, "eindtermen", "[1e400, .nan, -.inf]"),
    "sexagesimal number": lambda s: replace_field(s, first_key(s), "190:20:30"),
    "newline in a choice": lambda s: replace_field(s, "status", '"a\\nb"'),
    "carriage return in a choice": lambda s: replace_field(s, "status", '"a\\rb"'),
    "line separator escape in a choice": lambda s: replace_field(s, "status", '"a\\Lb"'),
    "newline in an id": lambda s: replace_field(s, first_key(s), '"a\\nb"'),
    "newline in a reference": lambda s: replace_field(s, "herkomst", '"[[methode:a\\nb]]"'),
    "newline in a reference type": lambda s: replace_field(s, "herkomst", '"[[a\\nb:c]]"'),
    "unterminated quote": lambda s: replace_field(s, "titel", '"abc'),
    "unknown escape": lambda s: replace_field(s, "titel", '"\\q"'),
    "reserved indicators": lambda s: replace_field(s, "titel", "@x `y"),
    "bad block scalar indicator": lambda s: with_field(s, "tekst: |0\n  x"),
    "flow mapping with missing values": lambda s: replace_field(s, "titel", "{a, b: }"),
}


# Slow cases (about a second each) run on one per-file type and one collection; the rest on every target.
HEAVY = {case for case in NASTY if case.startswith(("10,000", "5 MB", "just under"))}
HEAVY_TARGETS = ["content/methoden/ecogram.yml", "content/bakens.yml"]
NASTY_CASES = [(case, path) for case in NASTY for path in TARGETS if case not in HEAVY or path in HEAVY_TARGETS]
# The CLI runs (main() in this process): one case of every kind, the targets in turn.
CLI_CASES = [
    "billion laughs",
    "10,000-deep flow sequence",
    "5 MB file",
    "100 KB single-line quoted string",
    "!!python/object/apply",
    "!!timestamp on text",
    "unknown tag !foo",
    "key that is a list",
    "duplicate key with a lone surrogate",
    "two documents",
    "empty file",
    "NUL byte",
    "invalid UTF-8",
    "UTF-16 file",
    "CRLF",
    "right-to-left override in the id",
    "tab indentation",
    "invalid date",
    "huge hex integer as a reference",
    "newline in a choice",
]
# The same, in a new interpreter (about 0.7 s each): bytes that cannot be printed, the deepest nesting.
PROCESS_CASES = ["10,000-deep flow sequence", "duplicate key with a lone surrogate", "invalid UTF-8", "UTF-16 file"]


def _nasty(case: str, path: str) -> bytes:
    data = NASTY[case](SEEDS[path].decode("utf-8"))
    return data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")


@pytest.mark.parametrize(("case", "path"), NASTY_CASES)
def test_nasty_case(fuzz_root: Path, case: str, path: str) -> None:
    check_in_process(fuzz_root, path, _nasty(case, path), "nasty")


@pytest.mark.parametrize("case", CLI_CASES)
def test_nasty_case_through_the_cli(fuzz_root: Path, case: str) -> None:
    path = TARGETS[CLI_CASES.index(case) % len(TARGETS)]
    check_cli(fuzz_root, path, _nasty(case, path), "nasty")


@pytest.mark.parametrize("case", PROCESS_CASES)
def test_nasty_case_through_a_new_interpreter(fuzz_root: Path, case: str) -> None:
    """`python -m generator` itself: its own stdout and stderr, the recursion limit of a fresh stack."""
    path = TARGETS[CLI_CASES.index(case) % len(TARGETS)]
    check_cli(fuzz_root, path, _nasty(case, path), "nasty", new_process=True)
