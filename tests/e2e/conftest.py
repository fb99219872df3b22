"""Browser journeys: Debian's Chromium driven by Playwright against a live test server.

Browsers cannot be downloaded here; we launch the system Chromium by path. Screenshots go to
test-artifacts/ so a person can look at what each journey showed.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests import world

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by test
# setup in the same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 860}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}; .ci/run seharusnya memasangnya.")
        pytest.skip(f"Chromium tidak ditemukan di {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture
def dunia(transactional_db):
    return world.build()


@pytest.fixture
def page_factory(browser, live_server):
    pages = []

    def make(viewport=DESKTOP):
        ctx = browser.new_context(viewport=viewport, base_url=live_server.url, locale="id-ID")
        page = ctx.new_page()
        page.set_default_timeout(15_000)
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.js_errors = errors
        pages.append(page)
        return page

    yield make
    for p in pages:
        assert not p.js_errors, f"Kesalahan JavaScript di halaman: {p.js_errors}"
        p.context.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, username: str, password: str = world.SANDI):
    page.goto("/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
