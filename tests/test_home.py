"""The home page starts from tasks: each task one tap to the page that serves it, on the served site and
in the offline copy opened from disk, with targets a thumb can hit (issue 13)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Task -> where one tap lands (served URL below the site root) and what the reader sees there first.
TASKS = {
    "Ik wil een methode kiezen": ("start/sociaal-werker/#methoden-voor-het-werk-in-de-wijk", "SoNeStra"),
    "Ik wil een casus voorbereiden": ("methoden/dialoogmethode-casusleren/#zo-begin-je", "brengt de casus bondig in"),
    "Ik wil een reflector invullen": ("reflectoren/", "Digitale reflector"),
    "Ik wil de teamreflectie bespreken": ("start/leercoach/#teamreflectie", "Niets van wat je daar neerzet"),
    "Ik ben nieuw": ("start/nieuw/", "Vink af wat je gedaan hebt"),
}


def _tiles(page: Any) -> Any:
    return page.locator(".kb-tasks a")


def _tap_every_task(page: Any, home: str, expected: dict[str, str]) -> None:
    for label, url in expected.items():
        page.goto(home)
        tile = _tiles(page).filter(has_text=label)
        assert tile.count() == 1, label
        tile.click()
        page.wait_for_load_state()
        assert page.url.endswith(url), (label, page.url)
        seen = TASKS[label][1]
        assert seen in page.locator("article").inner_text(), (label, seen)
        if "#" in url:  # the section it names is on screen, not somewhere below
            target = page.locator(f"[id='{url.partition('#')[2]}']")
            assert target.is_visible()
            box = target.bounding_box()
            assert box and 0 <= box["y"] < page.viewport_size["height"], (label, box)


def test_home_starts_with_the_tasks_each_one_tap_to_its_page(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(base)
        labels = [text.split("\n")[0].strip() for text in _tiles(page).all_inner_texts()]
        assert labels == list(TASKS), labels
        # The tasks come first: the heading above them is the page's first section, all five on a phone's
        # first screen or just below it, before the introduction.
        assert page.locator("article h2").first.inner_text().startswith("Wat wil je doen?")
        intro = page.locator("article p", has_text="Deze kennisbank ondersteunt").bounding_box()
        for tile in _tiles(page).all():
            box = tile.bounding_box()
            assert box and box["height"] >= 44 and box["width"] >= 44, box
            assert intro and box["y"] < intro["y"]
        assert _tiles(page).first.bounding_box()["y"] < 844
        _tap_every_task(page, base, {label: url for label, (url, _) in TASKS.items()})
    finally:
        context.close()


def test_tasks_on_a_desktop_sit_side_by_side(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(base)
        tops = {round(tile.bounding_box()["y"]) for tile in _tiles(page).all()}
        assert len(tops) <= 2, tops  # at most two rows
        # Side by side the tasks' names line up, whatever the length of the line under them.
        names = {round(box["y"]) for box in (name.bounding_box() for name in page.locator(".kb-task__label").all())}
        assert len(names) == len(tops), names
        last = _tiles(page).last.bounding_box()
        assert last["y"] + last["height"] < 768  # every task on the first screen
    finally:
        context.close()


def test_tasks_work_in_the_offline_copy_from_disk(site_in_browser: tuple[Any, str], offline_copy: Path) -> None:
    browser, _ = site_in_browser
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        expected = {
            "Ik wil een methode kiezen": "start/sociaal-werker.html#methoden-voor-het-werk-in-de-wijk",
            "Ik wil een casus voorbereiden": "methoden/dialoogmethode-casusleren.html#zo-begin-je",
            "Ik wil een reflector invullen": "reflectoren/index.html",
            "Ik wil de teamreflectie bespreken": "start/leercoach.html#teamreflectie",
            "Ik ben nieuw": "start/nieuw/index.html",
        }
        _tap_every_task(page, (offline_copy / "index.html").as_uri(), expected)
    finally:
        context.close()
