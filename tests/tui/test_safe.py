"""The TUI's one gate for record text: literal, styles kept, offsets kept where they matter."""

from __future__ import annotations

from rich.text import Text

from desk.text_safety import restore_invisible, visible, visible_in_place
from desk.tui.safe import block, cell, clean, content, field_text, line, plain

HOSTILE = "[/] a\x1b]0;t\x07b\x9bc\u202ed\u200be\tf\ng\r"


def test_line_and_block_are_literal_and_visible() -> None:
    assert line(HOSTILE).plain == "[/] a␛]0;t␇b\\x9bc<U+202E>d<U+200B>e f g␍"
    assert block(HOSTILE).plain == "[/] a␛]0;t␇b\\x9bc<U+202E>d<U+200B>e f\ng␍"
    assert plain(None) == "" and plain(12) == "12"
    assert content("[@click=app.quit]x[/]").plain == "[@click=app.quit]x[/]"


def test_clean_keeps_styles_on_the_moved_text() -> None:
    text = Text("ab")
    text.append("\x1b[2J", style="bold")
    text.append("\u202ez", style="red")
    cleaned = clean(text)
    assert cleaned.plain == "ab␛[2J<U+202E>z"
    assert [(span.start, span.end, span.style) for span in cleaned.spans] == [
        (2, 6, "bold"),
        (6, 15, "red"),
    ]
    unchanged = Text("plain", style="italic")
    assert clean(unchanged) is unchanged
    assert cell("[b]x[/b]").plain == "[b]x[/b]"


def test_the_source_text_keeps_its_offsets() -> None:
    shown = visible_in_place(HOSTILE)
    assert len(shown) == len(HOSTILE)
    assert shown == "[/] a␛]0;t␇b�c◌d◌e\tf\ng␍"


def test_a_form_gives_back_invisible_characters() -> None:
    value = "Kim\u200dJong\u202eun \x1b"
    shown = field_text(value)
    assert shown == visible(value)
    assert restore_invisible(shown) == "Kim\u200dJong\u202eun ␛"
    assert restore_invisible("<U+0041> <U+200B>") == "<U+0041> \u200b"  # only invisible ones


async def test_passages_after_controls_are_still_where_evidence_says() -> None:
    from textual.app import App, ComposeResult

    from desk.tui.widgets.source_text import SourceText

    text = "Intro \x1b]0;pwned\x07\u202e\u200b\x9b2J.\r\nLater: Kim met Shoigu.\n"
    start = text.index("Kim met Shoigu")
    span = (start, start + len("Kim met Shoigu"))

    class Probe(App[None]):
        def compose(self) -> ComposeResult:
            yield SourceText(text, id="source")

    app = Probe()
    async with app.run_test(size=(80, 10)) as pilot:
        source = app.query_one(SourceText)
        source.select_span(span)
        await pilot.pause()
        assert source.selected_text == "Kim met Shoigu"
        assert source.selected_span == span
        assert "\x1b" not in source.text and "␛]0;pwned␇◌◌�2J.␍" in source.text
