"""Private by default: no page asks another host for anything; the offline copy works from disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_every_page_loads_with_no_request_to_another_host(site_in_browser: tuple[Any, str], real_site: Path) -> None:
    browser, base = site_in_browser
    page = browser.new_page()
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith((base, "data:", "blob:")) else elsewhere.append(request.url),
    )
    pages = sorted(p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html"))
    for path in pages:
        page.goto(base + path)  # requests made after "load" (the search worker) still reach the listener
    page.wait_for_load_state("networkidle")
    page.close()
    print(f"privacy: {len(pages)} pagina's bezocht, {len(elsewhere)} verzoeken naar een andere host")
    assert len(pages) > 70
    assert elsewhere == []


def test_the_offline_copy_navigates_and_searches_from_disk(
    site_in_browser: tuple[Any, str], offline_copy: Path
) -> None:
    browser, _ = site_in_browser
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((offline_copy / "index.html").as_uri())
    page.click("article a:has-text('Methoden en instrumenten')")
    assert page.url.endswith("/methoden/index.html")
    assert "SoNeStra" in page.locator("article").inner_text()
    page.click("article a:has-text('SoNeStra')")
    assert page.url.endswith("/methoden/sonestra.html")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("casussen")
    page.keyboard.press("End")
    page.wait_for_function(
        "() => /overeenkomende/.test(document.querySelector('.md-search-result__meta')?.textContent || '')",
        timeout=30_000,
    )
    first = page.locator(".md-search-result__item > a.md-search-result__link").first.get_attribute("href") or ""
    assert "kennisbronnen/casusleren.html" in first
    page.close()
    assert all(url.startswith("file://") for url in requests), [u for u in requests if not u.startswith("file://")]
    # Pagefind cannot run from disk: the offline copy searches its full lunr index, as before.
    assert not (offline_copy / "pagefind").exists()
    assert not [url for url in requests if "/pagefind/" in url]
    assert '"docs":[{' in (offline_copy / "search" / "search_index.js").read_text(encoding="utf-8")
