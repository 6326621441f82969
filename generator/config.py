"""mkdocs.yml as the generator reads it: the site's address, and whether the menu shows every section.

mkdocs.yml stays plain MkDocs configuration (no plugin or hook of ours), so its `nav` is written by hand;
what the registry knows about sections is held against it here, at the line an editor has to change.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import get_yaml_loader

from generator.load import yaml_problem
from generator.problems import Problems
from generator.registry import CONTENT_TYPES
from generator.render import page_of

CONFIG = "mkdocs.yml"
# MkDocs' own loader, on a safe base: it knows `!ENV`, which a plain safe_load refuses. LibYAML's where
# there is one (check runs on every edit in the preview, and it reads 20 times faster); PyYAML's for an
# error, since load.yaml_problem knows its messages.
FAST_LOADER = get_yaml_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
LOADER = get_yaml_loader(yaml.SafeLoader)
# site_url is read as MkDocs reads the file when it builds (its full loader): that also takes the
# `!!python/name:` tags of Material's settings (emoji, ...), which a safe base refuses.
VALUES_LOADER = get_yaml_loader(getattr(yaml, "CLoader", yaml.Loader))


def site_url(root: Path) -> str:
    """The public address from mkdocs.yml (`site_url`), or "/" when none is set."""
    try:
        config = yaml.load((root / CONFIG).read_text(encoding="utf-8"), Loader=VALUES_LOADER)
    except (OSError, yaml.YAMLError):
        return "/"  # check_nav reports an unreadable mkdocs.yml at its line, before anything is built
    url = config.get("site_url") if isinstance(config, dict) else None
    return url if isinstance(url, str) and url else "/"


def check_nav(root: Path, problems: Problems) -> None:
    """Report each section (a content type with a page of its own) that the `nav` of mkdocs.yml leaves
    out: MkDocs still builds its pages, but the menu never shows them, and it says nothing about that."""
    try:
        text = (root / CONFIG).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.add(CONFIG, 1, 1, "KB101", f"kan mkdocs.yml niet lezen: {getattr(error, 'strerror', None) or error}")
        return
    try:
        try:
            document = yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            document = yaml.compose(text, Loader=LOADER)  # the same error, in PyYAML's words
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.add(CONFIG, line, column, "KB110", f"YAML-syntaxfout: {yaml_problem(error.problem, error.context)}")
        return
    except yaml.YAMLError:
        problems.add(CONFIG, 1, 1, "KB110", "YAML-fout: mkdocs.yml kan niet worden gelezen")
        return
    nav = _nav(document)
    if nav is None:
        return  # without a nav, MkDocs puts every page in the menu
    key, value = nav
    listed = {page.removeprefix("./") for page in _pages(value)}
    for content_type in CONTENT_TYPES.values():
        page = page_of(content_type)
        if content_type.shown_on or page in listed:
            continue
        problems.add(
            CONFIG,
            key.start_mark.line + 1,
            key.start_mark.column + 1,
            "KB401",
            f"het menu (nav) noemt de pagina van soort '{content_type.name}' ({page}) niet, dus die soort staat "
            f"nergens in het menu; zet onder nav een regel als '- {content_type.title}: {page}'",
        )


def _nav(document: yaml.Node | None) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(document, yaml.MappingNode):
        return None
    return next(((key, value) for key, value in document.value if key.value == "nav"), None)


def _pages(node: Any) -> Iterator[str]:
    """Every page path the nav names, at any depth (titles are keys, pages are values or bare items)."""
    if isinstance(node, yaml.ScalarNode):
        yield str(node.value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _pages(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _pages(value)
