"""Issue 22's "every page usable at 360 px" and "axe-core finds no violations on every page,
including dark mode and phone width": each page of the app, with data on it, checked alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.every_page import PAGES, AppPage, Seeded, describe_violations, seed
from tests.e2e.ui import DESKTOP, REPO_ROOT, Viewport, page_scroll_width

pytestmark = pytest.mark.e2e

SMALL_PHONE = Viewport("small-phone", 360, 740, mobile=True, scale=2)
PHONE_MAX_WIDTH = 640  # PHONE_QUERY in frontend/src/lib/useMediaQuery.ts
AXE_SCRIPT = REPO_ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2's minimum target size (2.5.8): smaller controls are hard to hit with a finger.
MIN_TARGET_PX = 24

# Every control on screen that lies (partly) beyond the left or right edge of the window, or is
# smaller than a finger can hit. A control inside a box that scrolls sideways on purpose (a wide
# table in its own scroller) may be off screen: the box's own scroll reaches it.
FIND_CLIPPED_AND_TINY = """([minTarget]) => {
  const controls = document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary"
  );
  const name = (element) =>
    `${element.tagName.toLowerCase()} "${(element.getAttribute("aria-label") ||
      element.textContent || element.getAttribute("name") || "").trim().slice(0, 40)}"`;
  const scrollsSideways = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if ((overflow === "auto" || overflow === "scroll") && box.scrollWidth > box.clientWidth)
        return true;
    }
    return false;
  };
  const clipped = [];
  const tiny = [];
  for (const element of controls) {
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (rect.width <= 1 || rect.height <= 1 || style.visibility === "hidden") continue;
    if (element.closest(".visually-hidden")) continue;
    if (!scrollsSideways(element) && (rect.left < -1 || rect.right > innerWidth + 1))
      clipped.push(`${name(element)} spans ${Math.round(rect.left)}..${Math.round(rect.right)}`);
    // Links inside a sentence are exempt (WCAG 2.5.8's inline exception).
    const inline = element.tagName === "A" && style.display === "inline";
    if (!inline && (rect.height < minTarget || rect.width < minTarget))
      tiny.push(`${name(element)} is ${Math.round(rect.width)}x${Math.round(rect.height)}`);
  }
  return { clipped, tiny };
}"""


def _open(
    app_page: AppPage,
    seeded: Seeded,
    new_context: Callable[[Viewport], BrowserContext],
    viewport: Viewport,
    color_scheme: str = "light",
) -> Page:
    context = new_context(viewport)
    if app_page.signed_in:
        seeded.user.sign_in_context(context)
    page = context.new_page()
    page.emulate_media(color_scheme=color_scheme)  # type: ignore[arg-type]
    app_page.open(page, seeded)
    return page


@pytest.fixture
def seeded(user: ApiUser) -> Seeded:
    return seed(user)


def _pages_for(viewport: Viewport) -> list[AppPage]:
    """The pages a screen of this size has: the folded menu only on a phone."""
    return [
        app_page
        for app_page in PAGES
        if viewport.width <= PHONE_MAX_WIDTH or not app_page.phone_only
    ]


@pytest.mark.parametrize("app_page", _pages_for(SMALL_PHONE), ids=lambda app_page: app_page.name)
def test_the_page_is_usable_on_a_360_px_phone(
    app_page: AppPage, seeded: Seeded, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    page = _open(app_page, seeded, new_context, SMALL_PHONE)

    assert page_scroll_width(page) <= SMALL_PHONE.width, (
        f"the {app_page.name} page scrolls sideways on a {SMALL_PHONE.width} px phone"
    )
    for control in app_page.controls(page):
        expect(control).to_be_visible()
        # Brought on screen the way a person would (a wide table scrolls sideways in its box).
        control.scroll_into_view_if_needed()
        box = control.bounding_box()
        assert box is not None
        assert box["x"] >= 0, f"{control} is cut off at the left of the screen"
        assert box["x"] + box["width"] <= SMALL_PHONE.width, f"{control} is cut off at the right"
    found: dict[str, list[str]] = page.evaluate(FIND_CLIPPED_AND_TINY, [MIN_TARGET_PX])
    assert not found["clipped"], "cut off at the side:\n" + "\n".join(found["clipped"])
    assert not found["tiny"], "too small to tap:\n" + "\n".join(found["tiny"])


AXE_MODES = {
    "light": (DESKTOP, "light"),
    "dark": (DESKTOP, "dark"),
    "phone": (SMALL_PHONE, "light"),
    "phone-dark": (SMALL_PHONE, "dark"),
}
AXE_CASES = [
    pytest.param(app_page, mode, id=f"{app_page.name}-{mode}")
    for mode, (viewport, _scheme) in AXE_MODES.items()
    for app_page in _pages_for(viewport)
]


@pytest.mark.skipif(
    not AXE_SCRIPT.is_file(), reason="axe-core is not installed (npm ci in frontend)"
)
@pytest.mark.parametrize(("app_page", "mode"), AXE_CASES)
def test_axe_finds_no_violations_on_the_page(
    app_page: AppPage,
    mode: str,
    seeded: Seeded,
    new_context: Callable[[Viewport], BrowserContext],
) -> None:
    viewport, color_scheme = AXE_MODES[mode]
    page = _open(app_page, seeded, new_context, viewport, color_scheme)

    # Evaluated, not added as a <script>: the app's CSP (script-src 'self') refuses inline ones.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate("() => axe.run(document)")
    assert len(result["passes"]) > 10, "axe checked next to nothing: is the page there?"
    assert not result["violations"], describe_violations(result["violations"])


def test_a_phone_header_shows_the_signed_in_name_and_no_shortcuts_button(
    seeded: Seeded, new_context: Callable[[Viewport], BrowserContext]
) -> None:
    board = next(app_page for app_page in PAGES if app_page.name == "board")
    page = _open(board, seeded, new_context, SMALL_PHONE)
    header = page.get_by_role("banner")

    # A phone has no keyboard for the shortcuts; the button took the room the name needs.
    expect(header.get_by_role("button", name="Shortcuts")).to_be_hidden()
    name = header.get_by_text(seeded.user.display_name, exact=True)
    expect(name).to_be_visible()
    cut: bool = name.evaluate("(element) => element.scrollWidth > element.clientWidth")
    assert not cut, "the signed-in name is cut off"
