"""`--format junit`: a JUnit XML report, for CI systems that show test results (GitLab, Jenkins...).

JUnit XML has no formal standard; this follows the schema of the Apache Ant JUnit and
JUnitReport tasks (JUnit.xsd, Windy Road Technology, 2011) that those systems read: a
`<testsuites>` root holding one `<testsuite name="doclint">`. Every checked file is a passing
`<testcase>`; a file with findings instead gives one testcase per finding, named
`RULE at PATH:LINE:COL`, with a `<failure>` whose `message` is the finding's message, whose `type`
is the rule and whose text is `PATH:LINE:COL: SEVERITY RULE MESSAGE`. ElementTree does the
escaping; characters that XML 1.0 cannot hold at all are replaced by U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from doclint.findings import Finding
from doclint.formats import Report

# Characters outside XML 1.0's Char production.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(report: Report) -> str:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_path[finding.path].append(finding)
    paths = list(dict.fromkeys([*report.files, *by_path]))  # checked files, then any others

    suite = ET.Element("testsuite", name="doclint")
    for path in paths:
        if not by_path[path]:
            ET.SubElement(suite, "testcase", classname=_xml(path), name=_xml(path))
        for finding in by_path[path]:
            _add_failure(suite, finding)
    tests, failures = len(suite), len(report.findings)
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0"}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", name="doclint", **counts)
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _add_failure(suite: ET.Element, finding: Finding) -> None:
    where = f"{finding.path}:{finding.line}:{finding.column}"
    case = ET.SubElement(suite, "testcase", classname=_xml(finding.path), name=_xml(f"{finding.rule} at {where}"))
    failure = ET.SubElement(case, "failure", message=_xml(finding.message), type=_xml(finding.rule))
    failure.text = _xml(f"{where}: {finding.severity} {finding.rule} {finding.message}")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
