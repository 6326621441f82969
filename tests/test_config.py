"""What the generator reads from mkdocs.yml: the site's address, and whether the menu shows every section."""

from __future__ import annotations

from pathlib import Path

from generator import site
from generator.render import Renderer


def _errors(root: Path) -> list[str]:
    _, problems = site.check(root)
    return [str(problem) for problem in problems.sorted() if problem.severity == "fout"]


def test_the_site_address_is_read_beside_the_env_tags(mini_root: Path) -> None:
    config = mini_root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "!ENV" in text  # the offline switch: a plain safe_load refuses the whole file
    config.write_text(text.replace("site_name:", "site_url: https://kennisbank.example/\nsite_name:", 1), "utf-8")
    state = site.PipelineState(mini_root)  # the pages, not the PDFs
    site.write_pages(Renderer(site.checked(mini_root, state), state.site_url), state)
    page = (mini_root / "build/docs/methoden/sonestra.md").read_text(encoding="utf-8")
    assert "https://kennisbank.example/methoden/sonestra/" in page


def test_a_section_left_out_of_the_menu_is_an_error_at_nav(mini_root: Path) -> None:
    config = mini_root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    nav = lines.index("nav:\n") + 1
    config.write_text("".join(line for line in lines if "begrippen/index.md" not in line), encoding="utf-8")
    assert _errors(mini_root) == [
        f"mkdocs.yml:{nav}:1: het menu (nav) noemt de pagina van soort 'begrip' (begrippen/index.md) niet, dus die "
        "soort staat nergens in het menu; zet onder nav een regel als '- Begrippenlijst: begrippen/index.md'"
    ]


def test_a_broken_mkdocs_yml_is_one_dutch_line_at_its_place(mini_root: Path) -> None:
    config = mini_root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = text[: text.index("\nnav:\n")].count("\n") + 3
    config.write_text(text.replace("\nnav:\n", "\nnav: [\n", 1), encoding="utf-8")
    assert _errors(mini_root) == [
        f"mkdocs.yml:{line}:3: YAML-syntaxfout: hier ontbreekt een waarde (gevonden een lijstregel ('- '))"
    ]
