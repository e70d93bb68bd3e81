"""`--format junit`: a JUnit XML report, for CI systems that show test results (GitLab, Jenkins...).

JUnit XML has no formal standard; this follows the schema of the Apache Ant JUnit and
JUnitReport tasks (JUnit.xsd, Windy Road Technology, 2011) that those systems read: a
`<testsuites>` root holding one `<testsuite name="doclint">`. Every checked file is a passing
`<testcase>`; a file with findings instead gives one testcase per finding, named
`RULE at PATH:LINE:COL`, with a `<failure>` whose `message` is the finding's message, whose `type`
is the rule and whose text is `PATH:LINE:COL: SEVERITY RULE MESSAGE`. Texts are `visible`
(doclint.formats.safe), which leaves none of the characters XML 1.0 cannot hold; ElementTree does
the escaping, and `##[` is written `##&#91;` so that no line holds a workflow command.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from doclint.findings import Finding
from doclint.formats import Report
from doclint.formats.safe import LEGACY_COMMAND, shown, visible


def render(report: Report) -> str:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in map(shown, report.findings):
        by_path[finding.path].append(finding)
    # Checked files, then any others.
    paths = list(dict.fromkeys([*map(visible, report.files), *by_path]))

    suite = ET.Element("testsuite", name="doclint")
    for path in paths:
        if not by_path[path]:
            ET.SubElement(suite, "testcase", classname=path, name=path)
        for finding in by_path[path]:
            _add_failure(suite, finding)
    tests, failures = len(suite), len(report.findings)
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0"}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", name="doclint", **counts)
    root.append(suite)
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode", xml_declaration=True)
    # `##[` can only be in text or attribute values, where `&#91;` is the same `[`.
    return xml.replace(LEGACY_COMMAND, "##&#91;") + "\n"


def _add_failure(suite: ET.Element, finding: Finding) -> None:
    where = f"{finding.path}:{finding.line}:{finding.column}"
    case = ET.SubElement(suite, "testcase", classname=finding.path, name=f"{finding.rule} at {where}")
    failure = ET.SubElement(case, "failure", message=finding.message, type=finding.rule)
    failure.text = f"{where}: {finding.severity} {finding.rule} {finding.message}"
