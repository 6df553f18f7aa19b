"""The end-of-build summary a user reads: documents, facts by kind, problems by file."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from briefing_tui.pipeline import BuildReport


def print_build_report(report: BuildReport, console: Console | None = None) -> None:
    console = console or Console(highlight=False, soft_wrap=True)
    facts = ", ".join(f"{n} {kind}" for kind, n in report.facts.items())
    console.print(
        f"[bold]Built[/] {escape(str(report.store))}: {report.documents} documents "
        f"({report.extracted} extracted, {report.reused} unchanged) in {report.seconds:.1f}s"
    )
    if facts:
        console.print(f"  facts: {facts}")
    if report.moved_aside:
        console.print(f"  [yellow]the unreadable store was kept as {escape(str(report.moved_aside))}[/]")
    if report.failures:
        console.print(f"  [red]{len(report.failures)} skipped:[/]")
        for path, reason in report.failures:
            console.print(f"    {escape(path)}: {escape(reason)}")
    if report.warnings:
        console.print(f"  [yellow]{len(report.warnings)} warnings:[/]")
        for path, warning in report.warnings:
            console.print(f"    {escape(path)}: {escape(warning)}")
