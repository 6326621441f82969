"""Long listings are cut into headed sections, so no search section grows with the content.

Zensical indexes every heading's text as one search item and refuses an item over 32 KB; Material's
search gets slow on huge ones. The knowledge base here is the real content with its kennisbronnen,
methoden, leerarrangementen and onboarding steps cloned many times (clones keep their references, so
the items they point to collect long "Gebruikt in" lists): every growing listing is far past the point
where it is split. Only the Markdown is rendered; no MkDocs run.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import site
from generator.render import SECTION_SIZE, Renderer
from tests.conftest import REPO, copy_root, once_per_run

COPIES = 12  # every cloned type ends up with over a hundred items
# Text of one section as a search engine gets it, at most: well under Zensical's 32,768 bytes. The
# largest section that does not grow with the content (the digitale reflector's online form) is ~18 KB.
BOUND = 20_000
HEADING = re.compile(r"^#{1,6} .*$", re.MULTILINE)
ABBREVIATION = re.compile(r"^\*\[[^\]]*\]:.*$", re.MULTILINE)  # tooltip definitions, not page text
TAG = re.compile(r"<[^>]+>")


def _clone(data: dict[str, Any], round_: int, type_name: str) -> dict[str, Any]:
    clone = copy.deepcopy(data)
    clone["id"] = f"{data['id']}-v{round_}"
    clone["titel"] = f"{data['titel']} {round_}"
    if clone.get("aliassen"):
        clone["aliassen"] = [f"{alias} {round_}" for alias in clone["aliassen"]]
    if type_name == "kennisbron":
        clone.pop("nummer", None)
    if type_name == "leerarrangement":
        clone["nummer"] = (data["nummer"] + 9 * (round_ - 1) - 1) % 99 + 1  # at most 99
    return clone


@pytest.fixture(scope="module")
def big_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    def build(scratch: Path) -> dict[str, str]:
        root = copy_root(REPO, scratch / "kb")
        for folder, type_name in [
            ("kennisbronnen", "kennisbron"),
            ("content/methoden", "methode"),
            ("leerarrangementen", "leerarrangement"),
        ]:
            for path in sorted((root / folder).glob("*.yml")):
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
                for round_ in range(2, COPIES + 1):
                    clone = _clone(data, round_, type_name)
                    (path.parent / f"{clone['id']}.yml").write_text(yaml.safe_dump(clone, allow_unicode=True), "utf-8")
        onboarding = root / "content/onboarding.yml"
        steps = yaml.safe_load(onboarding.read_text(encoding="utf-8"))
        steps += [_clone(step, round_, "routestap") for round_ in range(2, COPIES + 1) for step in steps]
        onboarding.write_text(yaml.safe_dump(steps, allow_unicode=True), encoding="utf-8")
        linked, problems = site.check(root)
        assert not problems.errors, problems.errors[:3]
        return Renderer(linked).pages()

    return once_per_run(tmp_path_factory, "big", build)


def _sections(page: str) -> list[tuple[str, str]]:
    """(heading, text up to the next heading) for every section of a page, tooltip definitions left out."""
    text = ABBREVIATION.sub("", page)
    headings = ["(begin)", *HEADING.findall(text)]
    return list(zip(headings, HEADING.split(text), strict=True))


def test_no_section_grows_past_the_bound(big_pages: dict[str, str]) -> None:
    too_big = [
        f"{path} › {heading}: {size} bytes"
        for path, page in big_pages.items()
        for heading, body in _sections(page)
        if (size := len(TAG.sub("", body).encode("utf-8"))) > BOUND
    ]
    assert not too_big, "\n".join(too_big)


def test_a_long_overview_has_a_letter_index_and_parts(big_pages: dict[str, str]) -> None:
    page = big_pages["kennisbronnen/index.md"]
    assert "Ga naar: [C](#overzicht-c) · " in page
    assert "\n## C { #overzicht-c }\n" in page
    # A letter with more than SECTION_SIZE titles comes in parts that name their first and last title.
    assert re.search(r"^## R: .+ – .+ \{ #overzicht-r-2 \}$", page, re.MULTILINE)
    for heading, body in _sections(page)[1:]:
        assert body.count("\n| ") - 1 <= SECTION_SIZE, heading  # rows besides the header row
    titles = re.findall(r"^\| [^|]* \| \[(.+?)\]\(", page, re.MULTILINE)
    assert len(titles) == len(set(titles))  # every item once
    assert f"{len(titles)} items." in page


def test_numbered_types_are_split_into_number_ranges(big_pages: dict[str, str]) -> None:
    page = big_pages["leerarrangementen/index.md"]
    ranges = re.findall(r"^## Nummers (\d+)–(\d+) \{ #overzicht-\1-\2 \}$", page, re.MULTILINE)
    assert ranges[0][0] == "1" and len(ranges) > 3
    assert all(int(a) <= int(b) for a, b in ranges)
    assert [int(a) for a, _ in ranges] == sorted(int(a) for a, _ in ranges)


def test_long_backlinks_get_a_heading_per_type_and_part(big_pages: dict[str, str]) -> None:
    page = big_pages["eindtermen/index.md"]
    term = page.split("#### Eindterm 50 ", 1)[1].split("#### Eindterm ", 1)[0]
    assert "##### Gebruikt in" in term and "<small>Gebruikt in:" not in term
    assert "\n###### Kennisbronnen (C) { #eindterm-50-gebruikt-kennisbron-c }\n" in term
