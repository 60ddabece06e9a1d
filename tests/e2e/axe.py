"""Run axe-core (node_modules/axe-core, pinned in package.json) in a Playwright page."""

from functools import cache

import pytest
from browser_helpers import AXE_SOURCE, require_axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_NODES = 3


@cache
def axe_source():
    return AXE_SOURCE.read_text(encoding="utf-8")


def run_axe(page):
    """The axe results for the whole document, WCAG 2.0/2.1 A and AA rules only."""
    require_axe()
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
