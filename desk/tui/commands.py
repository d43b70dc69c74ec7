"""The command palette's record provider: jump to any actor, meeting, agenda item or source by name.

(Actions come from the app's ``get_system_commands``, generated from the live bindings.)
"""

from __future__ import annotations

import asyncio

from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

import desk.model
from desk.tui.context import desk_of
from desk.tui.safe import plain

#: Search hit kinds and the table classes (in desk.model) they name.
MODELS = {"actor": "Actor", "meeting": "Meeting", "agenda item": "AgendaItem", "source": "Source"}


class RecordJumps(Provider):
    """Records whose name, alias or title match what is typed."""

    async def search(self, query: str) -> Hits:
        if len(query.strip()) < 2:
            return
        store = desk_of(self.app).store
        hits = await asyncio.to_thread(store.search, query, limit=12)
        matcher = self.matcher(query)
        for hit in hits:
            label = plain(f"{hit.kind}: {hit.label}")
            score = matcher.match(hit.label) or 0.5
            yield Hit(
                score,
                _prompt(matcher, label, plain(hit.detail or f"go to {hit.kind} #{hit.id}")),
                lambda table=MODELS[hit.kind], record_id=hit.id: self._jump(
                    getattr(desk.model, table), record_id
                ),
                text=label,
            )

    def _jump(self, model: type, record_id: int) -> None:
        from desk.tui.screens.main import MainScreen

        app = self.app
        while len(app.screen_stack) > 1 and not isinstance(app.screen, MainScreen):
            app.pop_screen()
        if isinstance(app.screen, MainScreen):
            app.screen.show_record(model, record_id)


def _prompt(matcher: Matcher, label: str, detail: str) -> Content:
    """The hit as Content built from plain text, the matched letters highlighted.

    Not ``matcher.highlight`` nor ``Hit.help``: the palette parses both as markup, and record
    names are data. The detail takes the help line's place, dimmed.
    """
    prompt = Content(label)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets:
        if not label[offset].isspace():
            prompt = prompt.stylize(matcher.match_style, offset, offset + 1)
    return Content.assemble(prompt, "\n", (detail, "dim"))
