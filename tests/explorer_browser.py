"""Drive the explorer page in headless Chromium (Playwright with the system's chromium)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing() -> str | None:
    """Why the browser tests cannot run here, or ``None``."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if CHROMIUM is None:
        return "chromium is not installed (apt-get install chromium)"
    return None


@contextmanager
def browser() -> Iterator[Any]:
    """A headless Chromium, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


class Page:
    """One explorer page opened from a file, with what it logged and requested."""

    def __init__(self, b: Any, path: Path, *, bypass_csp: bool = False) -> None:
        self.context = b.new_context(
            accept_downloads=True, bypass_csp=bypass_csp, viewport={"width": 1200, "height": 900}
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())

    def close(self) -> None:
        self.context.close()

    def asked(self) -> str | None:
        """The input the page asks for now, or ``None`` when it shows a result."""
        form = self.page.locator("#question")
        return form.get_attribute("data-input") if form.count() else None

    def answer(self, key: str, value: Any) -> None:
        """Give ``value`` (JSON form) to the question on screen, as a user would, and go on."""
        page = self.page
        assert self.asked() == key, (self.asked(), key)
        name = f"answer-{key}"
        unknown_box = page.locator(f"#{name}-unknown")
        if value == "unknown" and unknown_box.count():
            unknown_box.check()
        elif page.locator(f'input[type=radio][name="{name}"]').count():
            page.locator(f'input[type=radio][name="{name}"][value={json.dumps(json.dumps(value))}]').check()
        elif page.locator("#question input[data-value]").count():
            for box in page.locator("#question input[data-value]").all():
                want = box.get_attribute("value") in value
                if box.is_checked() != want:
                    box.set_checked(want)
        else:
            page.locator(f"#{name}").fill(str(value))
        page.click("#next")

    def answer_all(self, answers: Mapping[str, Any]) -> str:
        """Answer every question the path asks from ``answers``; the outcome id shown."""
        for _ in range(200):
            key = self.asked()
            if key is None:
                break
            self.answer(key, answers[key])
        return str(self.page.locator("#outcome").get_attribute("data-outcome"))

    def outcome(self) -> str | None:
        loc = self.page.locator("#outcome")
        return loc.get_attribute("data-outcome") if loc.count() else None
