"""Validate stage: find the content files, load them and turn their data into typed items, then
check what an item cannot check by itself (`check_across_items`).

Pydantic's errors are translated into plain Dutch, placed at the line and column of the value (or of
the unknown key) they concern. Whether a reference points at an item is the link stage's to say.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar, get_args, get_origin

from pydantic import BaseModel, Field, ValidationError, create_model
from pydantic_core import ErrorDetails

from generator.changes import History, read_history
from generator.load import ODD_DASHES, Document, Loc, is_inside, load_document, os_error_message
from generator.models import REFERENCE, Concept, Eindterm, Item, ProseMark
from generator.problems import Problem, Problems
from generator.registry import CONTENT_TYPES, ContentType

YAML_SUFFIXES = (".yml", ".yaml")


ItemT = TypeVar("ItemT", bound=Item)


@dataclass(frozen=True, eq=False)
class Entry(Generic[ItemT]):
    """A validated item with the type, document and position it came from."""

    type: ContentType
    item: ItemT
    document: Document
    loc: Loc

    @functools.cached_property
    def key(self) -> str:
        return self.item.key

    @functools.cached_property
    def face(self) -> tuple[str, str, str]:
        """What other pages show of this item when they link to it: type, id and title."""
        return (self.type.name, self.key, self.item.label)

    def position(self, *sub: str | int) -> tuple[int, int]:
        return self.document.position(self.loc + sub)


ANY_KEY = "*"
"""In KnowledgeBase.broken, (type, ANY_KEY): a file or folder of that type could not be read at all, so
which of its items are missing is unknown, and no reference to that type is a second error."""


class Broken(set[tuple[str, str]]):
    """(type, id) pairs; (type, any id) is in it too when it holds (type, ANY_KEY)."""

    def __contains__(self, item: object) -> bool:
        return super().__contains__(item) or (
            isinstance(item, tuple) and len(item) == 2 and super().__contains__((item[0], ANY_KEY))
        )


@dataclass
class KnowledgeBase:
    """All validated items, by type name and key, in source order."""

    entries: dict[str, dict[str, Entry]] = field(default_factory=dict)
    broken: set[tuple[str, str]] = field(default_factory=Broken)
    """(type, id) of per-file items whose file has errors: referring to them is not a second error."""
    history: History = field(default_factory=History)
    """The content's git history (generator.changes), read once per build or preview."""
    partial: list[Entry] = field(default_factory=list)
    """Items with errors, as far as they could be read (their faulty fields left out): the link stage
    checks their references too, so one run reports every error. They have no page and no links."""

    def of(self, type_name: str) -> list[Entry]:
        return list(self.entries.get(type_name, {}).values())

    def items_of(self, model: type[ItemT]) -> list[Entry[ItemT]]:
        """The entries of the content type whose model is `model`, typed as such."""
        name = next(kind.name for kind in CONTENT_TYPES.values() if kind.model is model)
        return self.of(name)

    def get(self, type_name: str, key: str) -> Entry | None:
        return self.entries.get(type_name, {}).get(key)


def source_files(root: Path, content_type: ContentType) -> list[Path]:
    """The files a content type reads, in reading order."""
    return [Path(path) for path in _source_paths(ContentFolders(str(root)), content_type)]


def _source_paths(folders: ContentFolders, content_type: ContentType) -> list[str]:
    # Plain strings and os.scandir: the live preview lists thousands of files on every edit.
    # Every entry with a YAML name is listed, whatever it is (a folder, a FIFO, a broken link): reading it
    # reports what is wrong. A folder that leads out of the knowledge base is not read (see folder_faults).
    source = os.path.join(folders.root, content_type.source)
    if content_type.parts is not None:
        parts = os.path.join(folders.root, content_type.parts)
        found = [source] if os.path.lexists(source) and folders.usable(os.path.dirname(source)) else []
        return found + [os.path.join(parts, name) for name in sorted(folders.yaml_names(parts))]
    return [os.path.join(source, name) for name in sorted(folders.yaml_names(source))]


def is_ignored(name: str) -> bool:
    """Hidden files and folders (.x.yml, .#x.yml from Emacs, ._x.yml from macOS) and editor backups
    (~x.yml, x.yml~, #x.yml#): never content, and passed over without a word."""
    return name.startswith((".", "~", "#")) or name.endswith(("~", "#"))


class ContentFolders:
    """One look at the folders under `root`: each folder is followed to where it really is and listed
    once per look (a listing asks for the same few folders many times; every symbolic link on the way
    costs a system call each time). Make a new one for each look: the folders may change in between."""

    def __init__(self, root: str) -> None:
        self.root = root
        self._usable: dict[str, bool] = {}
        self._names: dict[str, list[str]] = {}

    def usable(self, folder: str) -> bool:
        """Whether `folder` may be read: it does not lead out of the knowledge base (by a link on the way)."""
        if folder not in self._usable:
            self._usable[folder] = is_inside(folder, self.root)
        return self._usable[folder]

    def yaml_names(self, folder: str) -> list[str]:
        """The names of the content files in `folder` (none where it cannot be read)."""
        if folder not in self._names:
            self._names[folder] = self._read(folder) if self.usable(folder) else []
        return self._names[folder]

    @staticmethod
    def _read(folder: str) -> list[str]:
        try:
            with os.scandir(folder) as found:
                names = [entry.name for entry in found]
        except OSError:  # missing, not a folder, no access, a loop: folder_faults says which
            return []
        return [name for name in names if os.path.splitext(name)[1] in YAML_SUFFIXES and not is_ignored(name)]


def content_folders(root: Path | str) -> list[str]:
    """Every folder whose YAML files are read (or looked at for misnamed files), as root-relative paths."""
    folders = {"content"} | {folder for t in CONTENT_TYPES.values() for folder in t.folders}
    return sorted(folders)


def folder_faults(folders: ContentFolders, problems: Problems) -> set[str]:
    """Report a content folder that cannot be read: a broken or looping link, one that leads out of the
    knowledge base, a file where a folder belongs, no access. A folder that is not there is no fault.
    Returns the folders that cannot be read: those reported and those inside them."""
    faulty = set()
    shown_folders = content_folders(folders.root)
    for shown in shown_folders:
        folder = os.path.join(folders.root, shown)
        if not os.path.lexists(folder):
            continue
        link = os.path.islink(folder)
        try:
            mode = os.stat(folder).st_mode
            if not folders.usable(folder):
                if not link:
                    continue  # inside a folder that leads out, reported itself
                code, message = (
                    "KB102",
                    "symbolische link verwijst naar een map buiten de kennisbank; kopieer de map hierheen",
                )
            elif not stat.S_ISDIR(mode):
                code, message = "KB103", "is geen map; hier hoort een map met YAML-bestanden"
            else:
                os.scandir(folder).close()
                continue
        except OSError as error:
            code, message = "KB101", os_error_message(error, link=link, folder=True)
        problems.add(shown, 1, 1, code, message)
        faulty.add(shown)
    return faulty | {shown for shown in shown_folders if any(shown.startswith(f"{above}/") for above in faulty)}


def stray_files(folders: ContentFolders, listing: dict[str, list[str]]) -> list[Path]:
    """YAML files in content folders that no content type reads (a misnamed file is lost otherwise).

    listing: the files each type reads, as `_source_paths` gives them.
    """
    known = {path for paths in listing.values() for path in paths}
    paths = [os.path.join(folders.root, folder) for folder in content_folders(folders.root)]
    found = {os.path.join(folder, name) for folder in paths for name in folders.yaml_names(folder)}
    return sorted(Path(path) for path in found - known)


def _stray_problem(path: Path) -> tuple[str, str]:
    """The code and message for a YAML file no type reads."""
    expected = ", ".join(sorted(t.source for t in CONTENT_TYPES.values() if not t.per_file))
    if path.is_symlink() and not path.exists():  # a broken link is broken, whatever its name
        try:
            os.stat(path)
        except OSError as error:
            return "KB101", os_error_message(error, link=True)
    return "KB106", f"onbekend inhoudsbestand; verwacht een van: {expected}"


@dataclass
class LoadedFile:
    """What one content file gave, kept while the file is unchanged (see `LoadCache`)."""

    signature: tuple[int, int, str]
    problems: list[Problem]
    entries: list[Entry]
    broken: set[tuple[str, str]]
    partial: list[Entry] = field(default_factory=list)


@dataclass
class LoadedType:
    """What all files of one content type gave together."""

    entries: dict[str, Entry]
    problems: list[Problem]
    broken: set[tuple[str, str]]
    partial: list[Entry] = field(default_factory=list)


@dataclass
class LoadCache:
    """Loaded files by path, for a process that loads the same content again (the live preview).

    A file whose modification time, size and date are unchanged gives the same Entry objects as
    before, so later stages can tell unchanged items by identity. Git's dates are read once.
    """

    files: dict[str, LoadedFile] = field(default_factory=dict)
    history: History | None = None
    dates: dict[str, str] | None = None
    listing: dict[str, list[str]] = field(default_factory=dict)
    """Per content type, the files it read last time."""
    types: dict[str, LoadedType] = field(default_factory=dict)
    """Per content type, reused while none of its files changed."""
    strays: list[Path] = field(default_factory=list)


def load_knowledge_base(
    root: Path, problems: Problems, cache: LoadCache | None = None, changed: set[str] | None = None
) -> KnowledgeBase:
    """Load and validate every content file under `root`, collecting every problem.

    changed: with a cache that has loaded this root before, the only paths that can differ since
    (the live preview's watcher names them); the other files are neither listed nor looked at again.
    """
    cache = cache or LoadCache()
    if cache.history is None or cache.dates is None:
        cache.history = read_history(root)
        cache.dates = dict(cache.history.dates)
    folders = ContentFolders(str(root))  # one look for the listing and the folder checks
    _list_files(folders, cache, changed)
    kb = KnowledgeBase(history=cache.history)
    faulty = folder_faults(folders, problems)
    kb.broken |= {(name, ANY_KEY) for name, t in CONTENT_TYPES.items() if faulty.intersection(t.folders)}
    for stray in cache.strays:
        problems.add(_shown(root, stray), 1, 1, *_stray_problem(stray))
    for content_type in CONTENT_TYPES.values():
        paths = cache.listing[content_type.name]
        kept = cache.types.get(content_type.name)
        if kept is None or changed is None or not changed.isdisjoint(paths):
            type_problems = Problems()
            kept = LoadedType({}, type_problems.items, set())
            for path in paths:
                loaded = cache.files.get(path)
                if loaded is None or changed is None or path in changed:
                    loaded = _load_file(root, path, content_type, cache)
                type_problems.items.extend(loaded.problems)
                kept.broken |= loaded.broken
                kept.partial.extend(loaded.partial)
                for entry in loaded.entries:
                    _add_unique(kept.entries, entry, type_problems)
            if content_type.layout == "pages":  # an item with a page of its own
                for entry in kept.entries.values():
                    _warn_empty_recommended(entry, type_problems)
            cache.types[content_type.name] = kept
        kb.entries[content_type.name] = kept.entries
        problems.items.extend(kept.problems)
        kb.broken |= kept.broken
        kb.partial.extend(kept.partial)
    listed = {path for paths in cache.listing.values() for path in paths}
    for path in set(cache.files) - listed:
        del cache.files[path]
    return kb


def _list_files(folders: ContentFolders, cache: LoadCache, changed: set[str] | None) -> None:
    """Bring cache.listing and cache.strays up to date: all of them, or only where `changed` falls."""
    if changed is None or not cache.listing:
        cache.listing = {name: _source_paths(folders, t) for name, t in CONTENT_TYPES.items()}
        cache.strays = stray_files(folders, cache.listing)
        return
    places = changed | {os.path.dirname(path) for path in changed}
    for name, content_type in CONTENT_TYPES.items():
        # A type's folder of files, or its list file and the folder that continues it.
        if {os.path.join(folders.root, place) for place in (content_type.source, content_type.parts) if place} & places:
            cache.listing[name] = _source_paths(folders, content_type)
            cache.types.pop(name, None)  # a file came or went
    known = {path for paths in cache.listing.values() for path in paths}
    if any(path not in known for path in changed) or cache.strays:
        cache.strays = stray_files(folders, cache.listing)


def _load_file(root: Path, path: str, content_type: ContentType, cache: LoadCache) -> LoadedFile:
    shown = path[len(str(root)) + 1 :].replace(os.sep, "/")  # path is os.path.join(str(root), …)
    loaded = cache.files.get(path)
    dates = cache.dates if cache.dates is not None else {}
    try:
        info = os.stat(path)
        if loaded is not None and loaded.signature[:2] != (info.st_mtime_ns, info.st_size):
            dates.pop(shown, None)  # edited since git's date was read: the file's own date counts
        updated = dates.get(shown) or datetime.date.fromtimestamp(info.st_mtime).isoformat()
        signature = (info.st_mtime_ns, info.st_size, updated)
    except (OSError, OverflowError, ValueError):  # a broken link, ...; a date beyond year 9999
        signature = (-1, -1, "")
    if loaded is not None and loaded.signature == signature and signature[0] >= 0:
        return loaded
    file = Path(path)
    problems = Problems()
    broken: set[tuple[str, str]] = set()
    partial: list[Entry] = []
    document = load_document(file, shown, problems, signature[2], root)
    found = _validate_document(content_type, document, file, broken, problems, partial) if document else []
    if content_type.per_file and not found:
        broken.add((content_type.name, file.stem))
    elif not content_type.per_file and (document is None or not isinstance(document.data, list)):
        broken.add((content_type.name, ANY_KEY))  # none of its items could be read
    loaded = cache.files[path] = LoadedFile(signature, problems.items, found, broken, partial)
    return loaded


def _shown(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _validate_document(
    content_type: ContentType,
    document: Document,
    path: Path,
    broken: set[tuple[str, str]],
    problems: Problems,
    partial: list[Entry] | None = None,
) -> list[Entry]:
    data = document.data
    if content_type.per_file:
        if not isinstance(data, dict):
            problems.add(
                document.path, 1, 1, "KB201", f"verwacht één {content_type.name} als mapping (sleutel: waarde)"
            )
            return []
        entry = _validate_item(content_type, document, (), data, problems, partial)
        if entry and path.stem != entry.key:
            line, column = entry.position("id")
            problems.add(
                document.path,
                line,
                column,
                "KB210",
                f"id '{entry.key}' hoort in bestand '{entry.key}{path.suffix}'; hernoem het bestand of pas de id aan",
            )
        return [entry] if entry else []
    if not isinstance(data, list):
        problems.add(
            document.path,
            1,
            1,
            "KB201",
            f"verwacht een lijst van items van soort '{content_type.name}' (regels met '- ')",
        )
        return []
    entries = []
    for index, element in enumerate(data):
        if not isinstance(element, dict):
            line, column = document.position((index,))
            problems.add(document.path, line, column, "KB201", "verwacht een item als mapping (sleutel: waarde)")
            continue
        entry = _validate_item(content_type, document, (index,), element, problems, partial)
        if entry:
            entries.append(entry)
        elif element.get(content_type.model.key_field) is not None:
            broken.add((content_type.name, str(element[content_type.model.key_field])))
    return entries


def _validate_item(
    content_type: ContentType,
    document: Document,
    loc: Loc,
    data: dict[str, Any],
    problems: Problems,
    partial: list[Entry] | None = None,
) -> Entry | None:
    try:
        item = content_type.model.model_validate(data)
    except ValidationError as error:
        details = error.errors(include_url=False)
        for detail in details:
            _report(content_type, document, loc, detail, problems)
        if partial is not None:
            faulty = {detail["loc"][0] for detail in details if detail["loc"]}
            salvaged = salvage(content_type.model, {k: v for k, v in data.items() if k not in faulty})
            if salvaged is not None:
                partial.append(Entry(content_type, salvaged, document, loc))
        return None
    entry = Entry(content_type, item, document, loc)
    why = content_type.reserved(entry.key)
    if why:
        line, column = entry.position(content_type.model.key_field)
        problems.add(
            document.path,
            line,
            column,
            "KB211",
            f"id '{entry.key}' is gereserveerd: {why}; kies een andere id"
            + (" (en hernoem het bestand)" if content_type.per_file else ""),
        )
        return None
    return entry


def salvage(model: type[Item], data: dict[str, Any]) -> Item | None:
    """The fields of an item with errors that are right by themselves, as a lenient copy of `model`.

    `data` holds only fields without an error of their own; every field is optional here and the
    model's cross-field rules are left out, so the references and prose of those fields can be checked.
    """
    try:
        return _lenient(model).model_validate(data)
    except ValidationError:  # e.g. a rule within a nested field: nothing more is checked in this run
        return None


@functools.cache
def _lenient(model: type[Item]) -> type[Item]:
    fields: dict[str, Any] = {
        name: (info.rebuild_annotation() | None, Field(None, description=info.description))
        for name, info in model.model_fields.items()
    }
    lenient = create_model(  # type: ignore[call-overload]
        f"{model.__name__}Gedeeltelijk", __base__=Item, __module__=__name__, **fields
    )
    lenient.key_field = model.key_field
    return lenient  # type: ignore[no-any-return]


def _warn_empty_recommended(entry: Entry, problems: Problems) -> None:
    """A warning, not an error: a recommended field (`aanbevolen` in the model) left empty."""
    for name, info in type(entry.item).model_fields.items():
        extra = info.json_schema_extra
        if isinstance(extra, dict) and extra.get("aanbevolen") and not getattr(entry.item, name):
            line, column = entry.position()
            problems.warn(entry.document.path, line, column, "KB311", f"aanbevolen veld '{name}' is leeg")


def _add_unique(entries: dict[str, Entry], entry: Entry, problems: Problems) -> None:
    first = entries.get(entry.key)
    if first is None:
        entries[entry.key] = entry
        return
    field_name = "id" if "id" in type(entry.item).model_fields else next(iter(type(entry.item).model_fields))
    line, column = entry.position(field_name)
    first_line, _ = first.position(field_name)
    problems.add(
        entry.document.path,
        line,
        column,
        "KB212",
        f"{entry.type.name} '{entry.key}' bestaat al ({first.document.path}:{first_line})",
    )


def _report(content_type: ContentType, document: Document, loc: Loc, detail: ErrorDetails, problems: Problems) -> None:
    where = tuple(detail["loc"])
    full = loc + where
    kind = detail["type"]
    if kind == "extra_forbidden":
        line, column = document.key_position(full)
    else:
        line, column = document.position(full)
    problems.add(document.path, line, column, *_coded_message(content_type, where, detail))


def _field_label(where: tuple[str | int, ...]) -> str:
    label = ""
    for part in where:
        label += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label


def _describe(value: Any) -> str:
    names = {
        bool: "true/false",
        int: "een getal",
        float: "een getal",
        str: "tekst",
        list: "een lijst",
        dict: "een mapping",
        type(None): "niets (leeg)",
    }
    return names.get(type(value), type(value).__name__)


def _coded_message(content_type: ContentType, where: tuple[str | int, ...], detail: ErrorDetails) -> tuple[str, str]:
    """The problem code and Dutch message for one of pydantic's errors."""
    kind = detail["type"]
    value: Any = detail.get("input")
    context: dict[str, Any] = detail.get("ctx") or {}
    name = _field_label(where)
    prefix = f"veld '{name}': " if name else ""
    if kind == "missing":
        return "KB202", f"verplicht veld '{name}' ontbreekt"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(content_type, where)
        close = difflib.get_close_matches(str(where[-1]), allowed, n=1, cutoff=0.6)
        hint = f"; bedoelde je '{close[0]}'?" if close else f"; toegestaan: {', '.join(allowed)}"
        return "KB203", f"onbekend veld '{where[-1]}'{hint}"
    if kind == "string_pattern_mismatch":
        return "KB205", (
            f"{prefix}'{value}' is geen geldige id; gebruik kleine letters, cijfers en koppeltekens "
            "(bijvoorbeeld 'mijn-methode')"
        )
    if kind == "literal_error":
        expected = str(context.get("expected", "")).replace(" or ", " of ")
        return "KB206", f"{prefix}'{value}' is niet toegestaan; verwacht {expected}"
    if kind == "string_too_long":
        return "KB207", f"{prefix}tekst is te lang ({len(value)} tekens; maximaal {context['max_length']})"
    if kind == "string_unicode":
        return "KB209", f"{prefix}tekst bevat tekens die geen geldige Unicode zijn"
    if kind == "string_too_short":
        return "KB207", f"{prefix}mag niet leeg zijn"
    if kind == "too_short":
        return "KB207", f"{prefix}lijst mag niet leeg zijn"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = context.get("ge", context.get("le"))
        relation = "minstens" if kind == "greater_than_equal" else "hoogstens"
        return "KB207", f"{prefix}{value} is niet toegestaan; verwacht {relation} {bound}"
    expected_type = {
        "string_type": "tekst",
        "int_type": "een geheel getal",
        "bool_type": "true of false",
        "list_type": "een lijst (regels met '- ')",
        "model_type": "een mapping (sleutel: waarde)",
        "dict_type": "een mapping (sleutel: waarde)",
        "model_attributes_type": "een mapping (sleutel: waarde)",
    }
    if kind in expected_type:
        found = f"{prefix}verwacht {expected_type[kind]}, gevonden {_describe(value)}"
        if kind == "list_type" and isinstance(value, str) and value[:1] in ODD_DASHES:
            found += f"; begin elke regel met '- ' (een gewoon koppelteken), niet met '{value[0]}'"
        return "KB204", found
    if kind == "too_long":
        return "KB207", f"{prefix}lijst is te lang (maximaal {context.get('max_length')} items)"
    if kind in ("greater_than", "less_than"):
        bound = context.get("gt", context.get("lt"))
        relation = "meer dan" if kind == "greater_than" else "minder dan"
        return "KB207", f"{prefix}{value} is niet toegestaan; verwacht {relation} {bound}"
    if kind in ("float_type", "int_from_float", "float_parsing", "int_parsing"):
        return "KB204", f"{prefix}verwacht een getal, gevonden {_describe(value)}"
    if kind == "value_error":  # our own validators, which speak Dutch
        return "KB208", f"{prefix}{str(detail.get('msg', '')).removeprefix('Value error, ')}"
    return "KB209", f"{prefix}waarde wordt niet geaccepteerd ({kind})"  # pydantic's own words are English


def _allowed_fields(content_type: ContentType, where: tuple[str | int, ...]) -> list[str]:
    model: Any = content_type.model
    for part in where[:-1]:
        if isinstance(part, int) or model is None:
            continue
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        model = _nested_model(annotation)
    return sorted(model.model_fields) if model else []


def _nested_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _nested_model(argument)
        if found:
            return found
    return None


def field_name(loc: Loc) -> str:
    """A field as a message names it: the names along its location, without list positions."""
    return ".".join(str(part) for part in loc if isinstance(part, str))


def check_across_items(kb: KnowledgeBase, problems: Problems) -> None:
    """What no item can check by itself: an eindterm's dimension against its concept's, and links and
    images in prose against the files the site will have."""
    for entry in kb.items_of(Eindterm):
        _check_dimension(kb, entry, problems)
    _check_prose(kb, problems)


def _check_dimension(kb: KnowledgeBase, entry: Entry[Eindterm], problems: Problems) -> None:
    item = entry.item
    concept = kb.get("concept", item.concept) if item.concept else None
    if item.dimensie is None or concept is None:
        return
    assert isinstance(concept.item, Concept)
    known = [dimension.id for dimension in concept.item.dimensies]
    if item.dimensie not in known:
        line, column = entry.position("dimensie")
        close = difflib.get_close_matches(item.dimensie, known, n=1, cutoff=0.6)
        hint = f"bedoelde je '{close[0]}'?" if close else f"kies uit {', '.join(known)}"
        problems.add(
            entry.document.path,
            line,
            column,
            "KB303",
            f"veld 'dimensie': concept '{item.concept}' heeft geen dimensie '{item.dimensie}'; {hint}",
        )


# Prose that may hold a Markdown link or image: "](", "]:" or "][" once its [[type:id]] references are out.
_LINKISH = re.compile(r"\]\s*[(:\[]")


def _check_prose(kb: KnowledgeBase, problems: Problems) -> None:
    """Links and images in prose that the site cannot show as written: a relative link to a file the
    build does not make (MkDocs would stop the build with an English warning naming the generated
    page), an absolute path, an image from elsewhere. Reported at the link, in the YAML."""
    from generator.prose import ProseRenderer  # late: render (which knows the site's files) imports this module
    from generator.render import page_of, site_files

    renderer: ProseRenderer | None = None
    partial: dict[Any, Entry] = {id(entry): entry for entry in kb.partial}
    for entries in [*kb.entries.values(), partial]:
        for entry in entries.values():
            for loc, text in _prose_leaves(entry.item, ()):
                plain = REFERENCE.sub(lambda m: m.group(3) or m.group(2), text) if "[[" in text else text
                if not _LINKISH.search(plain) and "![" not in plain:
                    continue
                if renderer is None:
                    files = site_files(kb)
                    renderer = ProseRenderer(files.__contains__)
                page_type = CONTENT_TYPES[entry.type.page_type]
                page = page_of(page_type, entry.key if page_type is entry.type else None)
                for finding in renderer.findings(plain, page):
                    line, column = entry.document.text_position(entry.loc + loc, finding.written or "](")
                    problems.add(
                        entry.document.path, line, column, "KB304", f"veld '{field_name(loc)}': {finding.message}"
                    )


@functools.cache
def _model_prose(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """Every field of a model and whether it is prose (models.ProseMark), worked out once per model."""
    return tuple((name, _is_prose(info.annotation, info.metadata)) for name, info in model.model_fields.items())


def _is_prose(annotation: Any, metadata: list[Any] | tuple[Any, ...] = ()) -> bool:
    if any(isinstance(m, ProseMark) for m in metadata):
        return True
    if get_origin(annotation) is Annotated and any(isinstance(m, ProseMark) for m in annotation.__metadata__):
        return True
    return any(_is_prose(argument) for argument in get_args(annotation))


def _prose_leaves(model: BaseModel, loc: Loc) -> Iterator[tuple[Loc, str]]:
    for name, prose in _model_prose(type(model)):
        yield from _prose_of(getattr(model, name), (*loc, name), prose)


def _prose_of(value: Any, loc: Loc, prose: bool) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, BaseModel):
        yield from _prose_leaves(value, loc)
    elif isinstance(value, list):
        for index, element in enumerate(value):
            yield from _prose_of(element, (*loc, index), prose)
    elif prose and isinstance(value, str):
        yield loc, value
