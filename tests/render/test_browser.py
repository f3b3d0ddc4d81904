"""The HTML brief in real headless Chromium: it renders, and a citation opens its source.

Chromium is Debian's package, installed by `scripts/setup.sh --test`; Playwright drives
it (its own browser download is never used).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

# Without the background-networking flags Chromium keeps dialling Google's hosts, which a
# closed network refuses; --no-sandbox because CI runs as root.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is missing: run scripts/setup.sh --test"
    )
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("no Chromium on this machine: scripts/setup.sh --test installs Debian's")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def _open(browser: Any, default_build: tuple[Path, Any], audience: str) -> Any:
    out, result = default_build
    assert result.returncode == 0, result.stderr
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto((out / "pakistan-ttp" / f"{audience}.html").as_uri())
    return page


@pytest.mark.parametrize(
    ("audience", "section"), [("analyst", "outlook"), ("policymaker", "key_judgments")]
)
def test_clicking_a_citation_shows_the_cited_passage_highlighted(
    browser: Any, default_build: tuple[Path, Any], tmp_path: Path, audience: str, section: str
) -> None:
    from PIL import Image
    from playwright.sync_api import expect

    page = _open(browser, default_build, audience)
    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot))
    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50  # text was drawn, not a blank page

    marker = page.locator(f"#{section} sup.note-ref a").first
    number = marker.inner_text()
    note = page.locator(f"#note-{number}")
    expect(note.locator(".source-views")).to_be_hidden()
    marker.click()
    assert page.url.endswith(f"#note-{number}")
    view = note.locator(".source-view").first
    expect(view).to_be_visible()
    expect(view).to_be_in_viewport()
    quoted = view.locator("mark").first
    expect(quoted).to_be_visible()
    statement_text = marker.locator("xpath=ancestor::li|ancestor::tr").first.inner_text()
    words = quoted.inner_text().split()
    assert len(words) >= 1
    assert words[0].strip("“”\"'(") in statement_text  # the quote is the statement's own
    page.screenshot(path=str(tmp_path / "passage.png"))

    note.locator("a.back").click()
    assert page.url.endswith(f"#ref-{number}")
    expect(marker).to_be_in_viewport()
    page.close()
