"""Run axe-core (node_modules/axe-core, pinned in package.json) in a Playwright page."""

from functools import cache

import pytest
from browser_helpers import AXE_SOURCE, no_sideways_scroll, require_axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_NODES = 3


@cache
def axe_source():
    return AXE_SOURCE.read_text(encoding="utf-8")


# Finite animations and transitions (Wagtail fades its messages in) must end first: axe measures
# colour contrast on what is painted, and a half-faded message fails it.
SETTLE_ANIMATIONS = """() => Promise.all(
    document.getAnimations()
        .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
        .map(a => a.finished.catch(() => null))
)"""


def run_axe(page):
    """The axe results for the whole document, WCAG 2.0/2.1 A and AA rules only."""
    require_axe()
    page.evaluate(SETTLE_ANIMATIONS)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Through the DevTools protocol, not a <script> tag: a Content-Security-Policy without
        # 'unsafe-inline' does not block it.
        page.evaluate(axe_source())
    return page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        WCAG_TAGS,
    )


def format_violations(violations, context_label, url):
    lines = [f"{len(violations)} axe violation(s) on {context_label} ({url}):"]
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'n/a'}]: {violation['help']} "
            f"({len(nodes)} element(s)) {violation.get('helpUrl', '')}"
        )
        for node in nodes[:MAX_NODES]:
            target = " ".join(str(part) for part in node.get("target", []))
            html = " ".join(node.get("html", "").split())
            if len(html) > 200:
                html = html[:200] + "…"
            lines.append(f"    target: {target}")
            lines.append(f"    html:   {html}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"    why:    {summary[:300]}")
        if len(nodes) > MAX_NODES:
            lines.append(f"    … and {len(nodes) - MAX_NODES} more")
    return "\n".join(lines)


def assert_no_axe_violations(page, context_label):
    """Fail with every violation's id, impact, help text, targets and HTML."""
    results = run_axe(page)
    violations = results["violations"]
    if violations:
        pytest.fail(format_violations(violations, context_label, page.url), pytrace=False)


def check_screen(page, label, *, one_h1=True):
    """What every screen of a journey must satisfy once loaded: no server error on the way, one
    <h1>, no sideways scrolling at the page's width, and no axe violation."""
    page.wait_for_load_state("load")
    assert not getattr(page, "server_errors", []), f"{label}: server errors {page.server_errors}"
    if one_h1:
        headings = page.locator("h1").all_inner_texts()
        assert len(headings) == 1, f"{label}: one <h1>, not {headings}"
    no_sideways_scroll(page, label)
    assert_no_axe_violations(page, label)
