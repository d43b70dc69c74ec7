"""How records look on screen: dates with their precision, statuses that show how sure we are."""

from __future__ import annotations

from rich.text import Text

from desk.dates import PartialDate, Precision

#: Meeting statuses, from fact to doubt, with a mark and a style each.
MEETING_STATUS = {
    "held": ("●", "bold green"),
    "reported": ("◉", "green"),
    "planned": ("◆", "cyan"),
    "expected": ("○", "cyan"),
    "speculated": ("◌", "yellow"),
    "denied": ("✗", "red"),
    "cancelled": ("⊘", "red"),
}
#: How sure a report is that a meeting took up an agenda item.
MENTION_STATUS = {
    "confirmed": ("●", "bold green"),
    "reported": ("◉", "green"),
    "expected": ("○", "cyan"),
    "speculated": ("◌", "yellow"),
    "denied": ("✗", "red"),
}
AGENDA_STATUS = {
    "emerging": ("◌", "yellow"),
    "active": ("●", "green"),
    "dormant": ("○", "dim"),
    "resolved": ("✓", "cyan"),
    "dropped": ("✗", "red"),
}


def status(value: str, table: dict[str, tuple[str, str]] = MEETING_STATUS) -> Text:
    mark, style = table.get(value, ("?", ""))
    return Text(f"{mark} {value}", style=style)


#: How dates are shown, from the user's settings (``dates = "iso"``): one app per process.
_date_style = {"iso": False}


def show_iso_dates(iso: bool) -> None:
    """Show dates as ISO 8601 / EDTF ('2024-09-13', '2024-09', '2025-05~') or as words."""
    _date_style["iso"] = iso


def shown_date(date: PartialDate) -> str:
    """'13 Sep 2024', 'Sep 2024', 'c. May 2025'; or, with ISO dates, '2024-09-13', '2024-09'."""
    return date.text if _date_style["iso"] else date.display()


def date_cell(date: PartialDate | None) -> Text:
    """A date as precise as it is known: '13 Sep 2024', 'Sep 2024', 'c. May 2025', 'undated'."""
    if date is None:
        return Text("undated", style="dim italic")
    style = "italic" if date.precision in (Precision.APPROXIMATE, Precision.RANGE) else ""
    return Text(shown_date(date), style=style)


def date_words(date: PartialDate | None) -> str:
    """A date with its precision spelled out, for details and forms."""
    if date is None:
        return "undated"
    if _date_style["iso"]:
        shown = f"{date.text}  ({date.precision.value}: {date.display()})"
    else:
        shown = f"{date.display()}  ({date.precision.value}, {date.text})"
    if date.phrase and date.phrase.strip() != date.text:
        shown += f" — from “{date.phrase}”"
        if date.reference:
            shown += f" as of {date.reference.isoformat()}"
    return shown


def sourced(count: int) -> Text:
    """How many passages support a record; unsourced ones stand out."""
    if count:
        return Text(f"✓{count}", style="green")
    return Text("unsourced", style="bold red")


def plural(count: int, singular: str) -> str:
    """'1 source', '2 sources', '1,204 meetings' (nouns here take a plain s)."""
    return f"{count:,} {singular}" + ("" if count == 1 else "s")


def shorten(text: str | None, limit: int) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
