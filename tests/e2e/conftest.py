"""Playwright driving Debian's chromium (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("THIDUA_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is required in CI (THIDUA_REQUIRE_BROWSER=1) but /usr/bin/chromium is missing")
        pytest.skip("chromium is not installed")
    # The sync API keeps an event loop running; Django's ORM calls in the test thread must be allowed.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


# Every page reports what the Content Security Policy refused (an inline script or style, an eval, a
# resource from elsewhere): the browser's "securitypolicyviolation" events and its console messages.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused: list[str] = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.csp_violations = lambda: refused + _violations_in(page)
    yield page
    refused += _violations_in(page)
    context.close()
    assert not refused, f"the Content Security Policy refused: {refused}"


def _violations_in(page) -> list[str]:
    try:
        return page.evaluate("window.__cspViolations || []")
    except Exception:  # the page is navigating or closed: its console messages are counted anyway
        return []
