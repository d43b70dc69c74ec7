"""The actor network drawn in the terminal: actors on a ring, links as braille lines.

The best connected actors sit on a ring, the most active at the top; each link is a line whose
brightness grows with the meetings the two shared. The highlighted actor's links stand out, so
moving through the ranked list beside the graph shows each actor's ties in turn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from desk.store.network import Network
from desk.tui.safe import plain

#: Braille dots by (column, row) within a cell of 2×4 dots.
_DOTS = {(0, 0): 0x01, (0, 1): 0x02, (0, 2): 0x04, (0, 3): 0x40,
         (1, 0): 0x08, (1, 1): 0x10, (1, 2): 0x20, (1, 3): 0x80}  # fmt: skip
#: Styles of a line, weakest first; a cell takes the strongest line through it.
_LINE_STYLES = ["grey42", "grey62", "white", "bold yellow"]


@dataclass
class Canvas:
    """Cells of braille dots with a style each, and text written over them."""

    width: int
    height: int
    dots: list[list[int]] = field(init=False)
    strength: list[list[int]] = field(init=False)
    text: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.dots = [[0] * self.width for _ in range(self.height)]
        self.strength = [[-1] * self.width for _ in range(self.height)]

    def line(self, start: tuple[float, float], end: tuple[float, float], strength: int) -> None:
        """A line between two points in dot coordinates (2 per column, 4 per row)."""
        (x0, y0), (x1, y1) = start, end
        steps = int(max(abs(x1 - x0), abs(y1 - y0))) + 1
        for step in range(steps + 1):
            x = x0 + (x1 - x0) * step / steps
            y = y0 + (y1 - y0) * step / steps
            column, row = int(x) // 2, int(y) // 4
            if 0 <= column < self.width and 0 <= row < self.height:
                self.dots[row][column] |= _DOTS[(int(x) % 2, int(y) % 4)]
                self.strength[row][column] = max(self.strength[row][column], strength)

    def write(self, column: int, row: int, words: str, style: str) -> None:
        for offset, character in enumerate(words):
            if 0 <= column + offset < self.width and 0 <= row < self.height:
                self.text[(column + offset, row)] = (character, style)

    def lines(self) -> list[Text]:
        rendered = []
        for row in range(self.height):
            line = Text()
            for column in range(self.width):
                written = self.text.get((column, row))
                if written is not None:
                    line.append(*written)
                elif self.dots[row][column]:
                    style = _LINE_STYLES[min(len(_LINE_STYLES) - 1, self.strength[row][column])]
                    line.append(chr(0x2800 + self.dots[row][column]), style=style)
                else:
                    line.append(" ")
            rendered.append(line)
        return rendered


def label_room(width: int) -> int:
    """Columns kept outside the ring on either side for the labels."""
    return max(6, min(22, width // 4))


def nodes_that_fit(width: int, height: int) -> int:
    """How many labelled actors a ring in this area can hold without their labels colliding."""
    return max(2, min(24, height - 2, (width * height) // 90))


def ring(count: int, width: int, height: int) -> list[tuple[float, float]]:
    """Positions (in cells) of ``count`` nodes on an ellipse, the first at the top, clockwise."""
    centre_x, centre_y = width / 2, height / 2
    radius_x = max(1.0, width / 2 - label_room(width))
    radius_y = max(1.0, height / 2 - 1)
    return [
        (
            centre_x + radius_x * math.sin(2 * math.pi * index / count),
            centre_y - radius_y * math.cos(2 * math.pi * index / count),
        )
        for index in range(count)
    ]


def draw(network: Network, width: int, height: int, highlighted: int | None) -> list[Text]:
    """The network as ``height`` lines of ``width`` cells."""
    canvas = Canvas(width, height)
    shown = network.actors[: nodes_that_fit(width, height)]
    if not shown:
        canvas.write(1, 0, "no meetings with two or more actors here", "dim")
        return canvas.lines()
    places = dict(
        zip((actor.actor_id for actor in shown), ring(len(shown), width, height), strict=True)
    )
    heaviest = max((link.meetings for link in network.links), default=1)
    for link in reversed(network.links):  # heaviest drawn last, on top
        if link.first not in places or link.second not in places:
            continue
        (x0, y0), (x1, y1) = places[link.first], places[link.second]
        if highlighted in (link.first, link.second):
            strength = 3
        else:
            strength = min(2, int(3 * link.meetings / (heaviest + 1)))
        canvas.line((x0 * 2, y0 * 4), (x1 * 2, y1 * 4), strength)
    for actor in shown:
        x, y = places[actor.actor_id]
        column, row = int(x), int(y)
        selected = actor.actor_id == highlighted
        canvas.write(column, row, "●", "bold yellow" if selected else "bold cyan")
        label = f"{plain(actor.name)} ({actor.meetings})"
        # Labels point outward: right of nodes on the right half, left of those on the left.
        on_right = x >= width / 2
        room = max(4, (width - column - 2) if on_right else column - 1)
        if len(label) > room:
            label = label[: room - 1] + "…"
        start = column + 2 if on_right else column - len(label) - 1
        canvas.write(max(0, start), row, label, "reverse bold" if selected else "bold")
    return canvas.lines()


class NetworkGraph(Widget):
    """Draws the network given to ``show``; ``highlighted`` is the actor whose ties stand out."""

    highlighted: reactive[int | None] = reactive(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.network: Network | None = None

    def show(self, network: Network) -> None:
        self.network = network
        self.refresh()

    def watch_highlighted(self) -> None:
        self.refresh()

    def render(self) -> Text:
        if self.network is None:
            return Text("Loading…", style="dim")
        width, height = self.content_size.width, self.content_size.height
        if width < 10 or height < 3:
            return Text()
        return Text("\n").join(draw(self.network, width, height, self.highlighted))
