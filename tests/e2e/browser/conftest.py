"""Browser layer: the web application in headless Chromium (Debian's), demo regions loaded.

Never downloads a browser: Playwright drives ``/usr/bin/chromium`` (``scripts/test-all.sh``
installs it when missing). Screenshots of every journey go to ``test-artifacts/screenshots``.
"""

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright

from tests.e2e.stackctl import ROOT, Stack

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}

SITI, ANDI, BUDI = "199203102015032003", "199407222019031004", "198505152010012002"
RINA, HENDRA, DEWI = "197801012005011001", "197005052000031001", "199512122020122006"
HOTMAN, RUDI, ROSMAWATI = "198001152005011009", "199306302019031011", "197205202000122008"
YEAR = 2026


@pytest.fixture(scope="session")
def demo(stack: Stack) -> Stack:
    """The stack with both demo regions loaded (the loader is idempotent)."""
    loaded = stack.load_demo()
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    return stack


# Per module: Playwright's sync API runs an event loop in this thread while it is open, and
# the asyncio tests that follow in the same run need the thread free of it.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


_SESSIONS: dict[str, list[dict[str, str]]] = {}


def session_cookies(gateway: str, nip: str) -> list[dict[str, str]]:
    """Sign in through the web form (CSRF included) once per person; the browser's cookies."""
    if nip not in _SESSIONS:
        _SESSIONS[nip] = _sign_in(gateway, nip)
    return _SESSIONS[nip]


def _sign_in(gateway: str, nip: str) -> list[dict[str, str]]:
    with httpx.Client(base_url=gateway, timeout=20) as client:
        for _ in range(30):
            form = client.get("/masuk")
            token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
            assert token, form.text
            answer = client.post("/masuk", data={"csrf_token": token[1], "nip": nip, "next": "/"})
            if answer.status_code != 429:  # sign-in is rate limited per address: wait for it
                break
            time.sleep(float(answer.headers.get("retry-after", "5")))
        assert answer.status_code == 303, answer.text
        return [
            {"name": cookie.name, "value": cookie.value or "", "url": gateway}
            for cookie in client.cookies.jar
        ]


@pytest.fixture
def open_page(demo: Stack, browser: Browser) -> Iterator[Callable[..., Page]]:
    """A page in a fresh browser context, signed in as ``nip`` (or not), phone-sized by default."""
    contexts: list[BrowserContext] = []
    console_errors: list[str] = []

    def opened(nip: str | None = None, viewport: ViewportSize = PHONE) -> Page:
        context = browser.new_context(viewport=viewport, base_url=demo.gateway, locale="id-ID")
        contexts.append(context)
        if nip is not None:
            context.add_cookies(session_cookies(demo.gateway, nip))  # type: ignore[arg-type]
        page = context.new_page()
        page.on("console", lambda message: console_errors.append(message.text))
        return page

    yield opened
    for context in contexts:
        context.close()
    # Pages keep every style and script in /static: the gateway's CSP must never bite.
    assert [text for text in console_errors if "Content Security Policy" in text] == []


def shot(page: Page, journey: str, step: str) -> None:
    """Keep what the person saw, for reviewers (gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{journey}-{step}.png", full_page=True)


def api_token(gateway: str, nip: str) -> dict[str, str]:
    """Bearer header for API set-up steps (demo sign-in, waiting out its rate limit)."""
    with httpx.Client(base_url=gateway, timeout=20) as client:
        for _ in range(30):
            answer = client.post("/api/v1/auth/demo-login", json={"nip": nip})
            if answer.status_code != 429:
                break
            time.sleep(float(answer.headers.get("retry-after", "5")))
        assert answer.status_code == 200, answer.text
        return {"authorization": f"Bearer {answer.json()['access_token']}"}
