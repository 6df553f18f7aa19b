"""The end-of-build summary a user reads: documents, facts by kind, each problem file once."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.text import Text

from briefing_tui.pipeline import BuildReport


def problems_by_file(report: BuildReport) -> dict[str, list[str]]:
    """Every file with a problem and all its problems: skipped files first, then warnings."""
    problems: dict[str, list[str]] = defaultdict(list)
    for path, reason in report.failures:
        problems[path].append(f"skipped: {reason}")
    for path, warning in report.warnings:
        problems[path].append(warning)
    return dict(problems)


def print_build_report(report: BuildReport, console: Console | None = None) -> None:
    console = console or Console(highlight=False, soft_wrap=True)
    console.print(Text.assemble(
        ("Built ", "bold"), str(report.store),
        f": {report.documents} documents ({report.extracted} extracted, {report.reused} unchanged)"
        f" in {report.seconds:.1f}s",
    ))
    if report.facts:
        console.print("  facts: " + ", ".join(f"{n} {kind}" for kind, n in report.facts.items()))
    if report.moved_aside:
        console.print(Text(f"  the unreadable store was kept as {report.moved_aside}", style="yellow"))
    problems = problems_by_file(report)
    if problems:
        console.print(Text(f"  {len(report.failures)} skipped, {len(problems)} with problems:", style="yellow"))
        for path, items in problems.items():
            console.print(Text(f"    {path}: {'; '.join(items)}"))
