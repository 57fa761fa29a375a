"""Helpers for accessibility checks in Chromium: modes of the version for the visually
impaired, axe-core (vendored by axe-playwright-python, injected from disk: no network),
overflow, keyboard focus and the accessible names that assistive technology gets.

Page tests use them with the PAGES and MODES lists of tests/browser/test_accessibility.py;
other page families can use them directly, e.g. ``text_alternative(page, "svg.chart")``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.1 A and AA, the level that ГОСТ Р 52872-2019 asks for, and one rule outside those
# tags: a dialog needs a name (Material's own search dialog has none).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
EXTRA_RULES = ("aria-dialog-name",)
# accessibility.js keeps the settings under "a11y:" + the site's root path; tests serve
# the site at the root of their server.
STORAGE_KEY = "a11y:/"

_axe = Axe()


@dataclass(frozen=True)
class SitePage:
    """A page type of the site, by one URL that shows it; ``ready`` is a selector of content
    that scripts add after the page has loaded (search results), to be waited for."""

    path: str
    name: str
    status: int = 200
    ready: str | None = None

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Mode:
    """The normal version (no settings) or one setting of the version for the visually
    impaired; settings left out take their defaults (100 %, black on white…)."""

    name: str
    settings: Mapping[str, str] | None = field(default=None, hash=False)

    def __str__(self) -> str:
        return self.name


NORMAL = Mode("normal")


def open_page(page, site_page: SitePage, mode: Mode = NORMAL):
    """Open ``site_page`` in ``mode`` as a returning visitor would: the settings are in
    localStorage before the page's scripts run. Checks that the mode was applied."""
    if mode.settings is not None:
        value = json.dumps(dict(mode.settings))
        page.context.add_init_script(
            f"window.localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(value)});"
        )
    response = page.goto(site_page.path, wait_until="load")
    assert response is not None, f"{site_page.path}: no response"
    assert response.status == site_page.status, f"{site_page.path}: HTTP {response.status}"
    if site_page.ready is not None:
        page.wait_for_selector(site_page.ready)
    applied = page.evaluate(
        "() => Object.fromEntries(['font', 'scheme', 'spacing', 'images']"
        ".map(name => [name, document.documentElement.getAttribute('data-a11y-' + name)])"
        ".filter(([, value]) => value !== null))"
    )
    expected = {} if mode.settings is None else dict(mode.settings)
    assert expected.items() <= applied.items(), f"{mode}: applied {applied}"
    assert bool(applied) == (mode.settings is not None), f"{mode}: applied {applied}"
    return page


def axe_violations(page, context: str | None = None) -> list[dict]:
    """axe-core violations of WCAG 2.1 A/AA on the page (or inside ``context``)."""
    options = {
        "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
        "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},
        "resultTypes": ["violations"],
    }
    return _axe.run(page, context=context, options=options).response["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"  {', '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)


def horizontal_overflow(page) -> int:
    """CSS pixels by which the page is wider than the viewport (0: no horizontal scroll).

    Material sets ``overflow-x: hidden`` on <html>, which hides the scroll bar but not the
    loss: content that sticks out is cut off. So the content width is measured."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


def text_alternative(page, selector: str) -> dict:
    """What assistive technology gets for the first element matching ``selector``, as
    Chromium computes it: ``{"role", "name", "description", "ignored"}``. A chart should
    have a name (or a description) that says what it shows."""
    session = page.context.new_cdp_session(page)
    try:
        root = session.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})
        assert node["nodeId"], f"no element matches {selector!r}"
        tree = session.send(
            "Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False}
        )
    finally:
        session.detach()
    ax = tree["nodes"][0]
    return {
        "role": ax.get("role", {}).get("value", ""),
        "name": ax.get("name", {}).get("value", ""),
        "description": ax.get("description", {}).get("value", ""),
        "ignored": ax.get("ignored", False),
    }


@dataclass(frozen=True)
class FocusStop:
    """One element reached by Tab, with how its focus is shown."""

    element: str
    visible_focus: bool
    in_viewport: bool
    ring_contrast: float


# The focused element, its outline and the contrast of the outline with what is behind it.
_FOCUS_STOP = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) return null;
  element.dataset.walk = element.dataset.walk || String(Math.random());
  const rgba = (text) => {
    const parts = text.match(/[\\d.]+/g) || [];
    if (parts.length < 3) return null;
    return [+parts[0], +parts[1], +parts[2], parts.length > 3 ? +parts[3] : 1];
  };
  const luminance = ([r, g, b]) => {
    const linear = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const style = getComputedStyle(element);
  // The ring is drawn outside the element (or inside it, with a negative offset): find the
  // first opaque background behind it.
  let behind = parseFloat(style.outlineOffset) < 0 ? element : element.parentElement;
  let background = null;
  for (; behind; behind = behind.parentElement) {
    const colour = rgba(getComputedStyle(behind).backgroundColor);
    if (colour && colour[3] > 0.5) { background = colour; break; }
  }
  background = background || [255, 255, 255, 1];
  const ring = rgba(style.outlineColor) || [0, 0, 0, 0];
  const [light, dark] = [luminance(ring), luminance(background)].sort((a, b) => b - a);
  const box = element.getBoundingClientRect();
  const label = (element.getAttribute("aria-label") || element.textContent || "")
    .trim().slice(0, 40);
  const classes = String(element.className || "").trim().split(/\\s+/).filter(Boolean);
  return {
    identity: element.dataset.walk,
    element: [element.tagName.toLowerCase(), ...classes].join(".") + ` «${label}»`,
    visible_focus: element.matches(":focus-visible") && style.outlineStyle !== "none"
      && parseFloat(style.outlineWidth) >= 2 && ring[3] > 0.5,
    in_viewport: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth,
    ring_contrast: (light + 0.05) / (dark + 0.05),
  };
}
"""

# Elements that Tab should reach, in document order (no positive tabindex on this site).
_TABBABLE = """
() => [...document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, [tabindex]'
)].filter((element) => {
  if (element.tabIndex < 0 || element.disabled) return false;
  if (element.closest('[inert], [hidden]')) return false;
  if (element.type === 'hidden') return false;
  const style = getComputedStyle(element);
  if (style.visibility !== 'visible' || element.getClientRects().length === 0) return false;
  if (element.type === 'radio' && element.name) {
    // One stop per radio group: the checked one, or the first.
    const group = [...element.form.querySelectorAll(`input[type=radio][name="${element.name}"]`)];
    const checked = group.find((radio) => radio.checked);
    return element === (checked || group[0]);
  }
  return true;
}).length
"""


def tab_to(page, selector: str, limit: int = 50) -> None:
    """Press Tab until the element matching ``selector`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{limit} presses of Tab did not reach {selector!r}")


def tab_walk(page, limit_extra: int = 5) -> tuple[list[FocusStop], int]:
    """Press Tab from the top of the page until focus leaves the page or comes back.

    Returns the stops and the number of elements that should have been reached. Fails if
    focus stays on one element (a trap) or the walk does not end."""
    expected = page.evaluate(_TABBABLE)
    # Start from the top of the page, wherever focus was: from a mark before everything.
    page.evaluate(
        "() => { const mark = document.createElement('span'); mark.tabIndex = -1;"
        " mark.id = 'tab-walk-start'; document.body.prepend(mark); mark.focus(); }"
    )
    stops: list[FocusStop] = []
    seen: list[str] = []
    for _ in range(expected + limit_extra):
        page.keyboard.press("Tab")
        page.evaluate("() => document.getElementById('tab-walk-start')?.remove()")
        stop = page.evaluate(_FOCUS_STOP)
        if stop is None:
            # Focus is on no element: either it left the document (the walk is over), or
            # the element it reached was hidden at that moment (Material's «back to top»
            # button hides while the page scrolls down). Tab goes on from where focus was:
            # past the end it comes back to the first stop, otherwise to the next element.
            page.keyboard.press("Tab")
            stop = page.evaluate(_FOCUS_STOP)
            if stop is None:
                return stops, expected
        identity = stop.pop("identity")
        if seen and identity == seen[-1]:
            raise AssertionError(f"focus is stuck on {stop['element']}")
        if identity in seen:  # wrapped around to the start
            return stops, expected
        seen.append(identity)
        stops.append(FocusStop(**stop))
    raise AssertionError(
        f"Tab did not leave the page after {expected + limit_extra} presses "
        f"({expected} elements to reach): focus is trapped near {stops[-1].element}"
    )
