"""Terminal tables (rich) for the inspection commands."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from briefgen.corpus import SourceReport
from briefgen.model import Zone, csl_issued

_ZONE_COLUMNS = (Zone.BODY, Zone.NOTE, Zone.COMMENT)


def sources_table(corpus: Path, reports: list[SourceReport]) -> Table:
    """One row per source: id, title, authors, date, paragraphs per zone, warnings."""
    table = Table(title=f"Sources in {corpus}", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("title", max_width=40, no_wrap=True, overflow="ellipsis")
    table.add_column("authors", max_width=14, no_wrap=True, overflow="ellipsis")
    table.add_column("date", no_wrap=True, min_width=10)
    for zone in _ZONE_COLUMNS:
        table.add_column(str(zone), justify="right", min_width=4)
    table.add_column("other", justify="right", min_width=4)
    table.add_column("warn", justify="right", min_width=4)
    for report in reports:
        csl = report.entry.csl
        issued = csl_issued(csl)
        counts = report.zone_counts
        table.add_row(
            report.entry.id,
            str(csl.get("title", "")),
            "; ".join(n.get("family") or n.get("literal", "") for n in csl.get("author", [])),
            issued.iso() if issued else "",
            *(str(counts[zone]) for zone in _ZONE_COLUMNS),
            str(sum(counts.values()) - sum(counts[zone] for zone in _ZONE_COLUMNS)),
            str(len(report.warnings)) if report.document else "unreadable",
        )
    return table
