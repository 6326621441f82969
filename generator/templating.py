"""The one Jinja environment of the generator: pages (`*.md.j2`), forms and PDFs (`*.html.j2`), and the
analysis report all come from `templates/` through `environment()`.

Markdown templates are not escaped (their filters escape what content gives, generator.render.text);
HTML templates are autoescaped. StrictUndefined everywhere: a template that asks for a missing value
fails loudly instead of printing nothing.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)

from generator import forms
from generator.problems import one_line

TEMPLATES = Path(__file__).parent / "templates"
BYTECODE_FILES = "kennisbank-templates-1-%s.cache"
"""Jinja's cache files in the temp dir, by template and checksum. Its key leaves out the environment's
options: count up the number when changing them, or older compiled templates are taken."""


def environment(cached: bool = False) -> Environment:
    """A new environment with the filters that need nothing of a build; a render adds its own
    (generator.render.filters), bound to its knowledge base.

    cached: keep compiled templates in the temp dir for the next process; compiling them all costs
    ~0.5 s, as much as rendering 100 pages."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=FileSystemBytecodeCache(pattern=BYTECODE_FILES) if cached else None,
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html.j2"]),
        # A Markdown page ends with its template's last line; html_document drops it for HTML.
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(tenths=forms.tenths_text, css_string=forms.css_string)
    return env


def html_document(env: Environment, template: str, **values: Any) -> str:
    """An HTML template rendered as one piece of a document: without its file's final newline."""
    return env.get_template(template).render(**values).removesuffix("\n")


def template_failure(error: TemplateError) -> str:
    """A template that fails to render as one line, `generator/templates/<name>:line: sjabloonfout: …`, at
    the innermost template line Jinja's traceback names (a new type's template asking for a missing field)."""
    where: tuple[str, int] | None = None
    if isinstance(error, TemplateSyntaxError) and error.filename:
        where = (error.filename, error.lineno)
    for frame, line in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename.endswith(".j2"):
            where = (frame.f_code.co_filename, line)
    message = one_line(error.message or type(error).__name__)
    if where is None:
        return f"sjabloonfout: {message}"
    path = Path(where[0])
    shown = path.relative_to(TEMPLATES.parents[1]).as_posix() if path.is_relative_to(TEMPLATES) else path.name
    return f"{shown}:{where[1]}: sjabloonfout: {message}"
