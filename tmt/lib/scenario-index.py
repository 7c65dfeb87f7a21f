#!/usr/bin/env python3
"""Generate the scenario index, Sts.Tests/Scenarios/README.md.

The index lists every scenario of the regression catalog (docs/scenarios.md), grouped by area
and with its full text, followed by the tests that carry its tag ``[Scenario(N)]``. Each
scenario gets the anchor ``scenario-N``, which the Allure results link to.

Everything is read from the repository this script is in; nothing outside it is needed, so a
plain clone generates the index.

    python3 tmt/lib/scenario-index.py                   # rewrite Sts.Tests/Scenarios/README.md
    python3 tmt/lib/scenario-index.py --output FILE     # write the index elsewhere
    python3 tmt/lib/scenario-index.py --check           # exit 1 if the committed index is stale

Exit status: 0 done (or up to date); 1 the index is stale (--check), a tag names a number the
catalog lacks, or the catalog cannot be read; 2 usage error.
"""

import argparse
import os
import re
import sys
from dataclasses import dataclass, field

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CATALOG = os.path.join("docs", "scenarios.md")
TESTS = "Sts.Tests"
INDEX = os.path.join(TESTS, "Scenarios", "README.md")

AREA_HEADING = re.compile(r"^## (?P<area>.+?)\s*$")
ENTRY_START = re.compile(r"^(?P<number>\d+)\. (?P<text>.+)$")
CONTINUATION = re.compile(r"^\s+(?P<text>\S.*)$")

CLASS_DECLARATION = re.compile(r"\bclass (?P<name>\w+)")
SCENARIO_TAG = re.compile(r"\[Scenario\((?P<number>\d+)\)\]")
TEST_METHOD = re.compile(r"public (?:async )?(?:Task|void) (?P<name>\w+)\(")


@dataclass
class Scenario:
    """One numbered catalog entry and the tests tagged with its number."""

    number: int
    area: str
    text: str
    tests: list = field(default_factory=list)


@dataclass(frozen=True)
class TaggedTest:
    """A test method carrying [Scenario(N)]: its file (relative to Sts.Tests), class and name."""

    file: str
    cls: str
    method: str


def read_catalog(path):
    """Return the catalog's scenarios in order, each with its area and its whole text on one line."""
    scenarios = []
    area = None
    with open(path, encoding="utf-8") as catalog:
        for line in catalog:
            line = line.rstrip("\n")
            heading = AREA_HEADING.match(line)
            if heading:
                area = heading.group("area")
                continue
            if area is None:
                continue  # the introduction above the first area
            entry = ENTRY_START.match(line)
            if entry:
                scenarios.append(Scenario(int(entry.group("number")), area, entry.group("text").strip()))
                continue
            more = CONTINUATION.match(line)
            if more and scenarios:
                scenarios[-1].text += " " + more.group("text").strip()
    numbers = [s.number for s in scenarios]
    if numbers != list(range(1, len(numbers) + 1)):
        raise ValueError(f"{path}: scenarios must be numbered 1, 2, ... in order, found {numbers}")
    return scenarios


def find_tagged_tests(tests_root):
    """Yield (number, TaggedTest) for every [Scenario(N)] tag on a test method under tests_root."""
    for directory, subdirectories, files in os.walk(tests_root):
        subdirectories[:] = sorted(d for d in subdirectories if d not in ("bin", "obj"))
        for name in sorted(files):
            if name.endswith(".cs"):
                yield from tagged_tests_in(os.path.join(directory, name), tests_root)


def tagged_tests_in(path, tests_root):
    """Yield (number, TaggedTest) for the tags in one C# file: a tag belongs to the next method."""
    current_class = None
    pending = []
    relative = os.path.relpath(path, tests_root)
    with open(path, encoding="utf-8") as source:
        for line in source:
            declaration = CLASS_DECLARATION.search(line)
            if declaration:
                current_class = declaration.group("name")
            pending += [int(n) for n in SCENARIO_TAG.findall(line)]
            method = TEST_METHOD.search(line)
            if method and pending:
                for number in pending:
                    yield number, TaggedTest(relative, current_class, method.group("name"))
                pending = []


def render_index(scenarios):
    """Return the index as Markdown: an area heading, then each scenario's anchor, text and tests."""
    lines = [
        "# The regression catalog, scenario by scenario",
        "",
        "Every scenario of the catalog ([docs/scenarios.md](../../docs/scenarios.md)) and the tests that"
        " check it, tagged `[Scenario(N)]`.",
        "Run one with `tmt/run-suite --filter 'Scenario=N'`. This file is generated from the catalog"
        " and the tags (`python3 tmt/lib/scenario-index.py`); do not edit it by hand.",
        "",
    ]
    area = None
    for scenario in scenarios:
        if scenario.area != area:
            area = scenario.area
            lines += [f"## {area}", ""]
        lines.append(f'<a id="scenario-{scenario.number}"></a>')  # the link Allure gives each scenario test
        lines.append(f"### {scenario.number}. {scenario.text}")
        lines.append("")
        if scenario.tests:
            lines += [f"- `{t.cls}.{t.method}` ({t.file})" for t in scenario.tests]
        else:
            lines.append("- no test yet")
        lines.append("")
    return "\n".join(lines)


def build_index(repo):
    """Read the catalog and the tags of the repository at repo and return the index text."""
    scenarios = read_catalog(os.path.join(repo, CATALOG))
    by_number = {s.number: s for s in scenarios}
    unknown = []
    for number, test in find_tagged_tests(os.path.join(repo, TESTS)):
        if number in by_number:
            by_number[number].tests.append(test)
        else:
            unknown.append(f"{test.cls}.{test.method} ({test.file}): Scenario({number})")
    if unknown:
        raise ValueError("tags name scenarios the catalog does not have:\n  " + "\n  ".join(unknown))
    return render_index(scenarios)


def main(argv):
    parser = argparse.ArgumentParser(prog="scenario-index.py", description=__doc__.split("\n\n")[0])
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--output", metavar="FILE", help=f"write the index to FILE instead of {INDEX}")
    choice.add_argument("--check", action="store_true", help=f"compare with {INDEX}, write nothing")
    arguments = parser.parse_args(argv)

    try:
        index = build_index(REPO)
    except (OSError, ValueError) as error:
        print(f"scenario-index.py: {error}", file=sys.stderr)
        return 1

    committed = os.path.join(REPO, INDEX)
    if arguments.check:
        try:
            with open(committed, encoding="utf-8") as current:
                up_to_date = current.read() == index
        except FileNotFoundError:
            up_to_date = False
        if not up_to_date:
            print(f"scenario-index.py: {INDEX} is not up to date: run python3 tmt/lib/scenario-index.py",
                  file=sys.stderr)
            return 1
        return 0

    with open(arguments.output or committed, "w", encoding="utf-8") as out:
        out.write(index)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
