"""The HTML report: the figures with SVG charts that print in black and white, self-contained."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from generator.analyse.compute import chart_tenths, pct
from generator.analyse.reference import Reference
from generator.analyse.results import Analysis, EindtermResult, Period
from generator.figures import (
    SIGNAL_HIGH,
    SIGNAL_LOW,
    baseline_n,
    dutch,
)
from generator.figures import three_point as _three_point
from generator.models import Resultaat
from generator.problems import Problem
from generator.templating import environment, html_document

# --- the HTML report -------------------------------------------------------------------------------


def _nl(value: float | None, signed: bool = False) -> str:
    """A one-decimal figure of the JSON result the Dutch way (figures.dutch): 43,5; +2,1 / −3,0; None: –."""
    return dutch(None if value is None else round(value * 10), signed)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{_nl(value)}%"


def _width(value: float | None) -> str:
    return f"{max(0.0, min(100.0, value or 0.0)):.1f}%"


CHART_WIDTH = 320
"""viewBox units; the SVG scales to its column (width 100%), so it fits a 360 px screen as well as A4."""
CHART_LABEL = 100
BAR_HEIGHT = 16
BAR_GAP = 8
HATCH_STEP = 5
INK = "#1c1c1c"
LIGHT = "#d9d9d9"


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _hatch(x: float, y: float, width: float, height: float) -> str:
    """Path data of 45° lines filling the rectangle, clipped by hand (no url(#pattern) references)."""
    lines = []
    start = x - height
    while start < x + width:
        low, high = max(0.0, x - start), min(height, x + width - start)
        if low < high:
            lines.append(f"M{_n(start + low)} {_n(y + height - low)}L{_n(start + high)} {_n(y + height - high)}")
        start += HATCH_STEP
    return "".join(lines)


def _segment(part: str, x: float, y: float, width: float) -> str:
    box = f'x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{BAR_HEIGHT}"'
    if part == "laag":
        return f'<rect {box} fill="{INK}"/>'
    if part == "hoog":
        return f'<rect {box} fill="{LIGHT}" stroke="{INK}" stroke-width="1"/>'
    hatch = _hatch(x, y, width, BAR_HEIGHT)
    return (
        f'<rect {box} fill="#fff" stroke="{INK}" stroke-width="1"/><path d="{hatch}" stroke="{INK}" stroke-width="1"/>'
    )


def _bars(bars: Sequence[tuple[str, Sequence[float | None]]]) -> Markup:
    """An inline SVG with one stacked bar (laag, voldoende, hoog in %) per labelled row.

    Hidden from screen readers: the table next to it holds the same numbers.
    """
    area = CHART_WIDTH - CHART_LABEL - 2
    height = len(bars) * (BAR_HEIGHT + BAR_GAP)
    parts = [
        f'<svg class="grafiek" viewBox="0 0 {CHART_WIDTH} {height}" width="100%" '
        'role="presentation" aria-hidden="true" focusable="false">'
    ]
    for index, (label, three) in enumerate(bars):
        y = BAR_GAP / 2 + index * (BAR_HEIGHT + BAR_GAP)
        parts.append(f'<text x="0" y="{_n(y + BAR_HEIGHT - 4)}">{Markup.escape(label)}</text>')
        x = float(CHART_LABEL)
        for part, value in zip(("laag", "midden", "hoog"), three, strict=True):
            # Rounded shares may add up to 100,1%: never draw past the bar's end.
            width = min(area * max(0.0, value or 0.0) / 100, CHART_LABEL + area - x)
            if width > 0:
                parts.append(_segment(part, x, y, width))
                x += width
        parts.append(
            f'<rect x="{CHART_LABEL}" y="{_n(y)}" width="{area}" height="{BAR_HEIGHT}" fill="none" stroke="{INK}"/>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class BaseChart:
    """The 2015 chart of one eindterm on the three-point scale (%, None: no bar) and its N per side."""

    huidig: list[float | None]
    gewenst: list[float | None]
    n_huidig: int
    n_gewenst: int

    @classmethod
    def of(cls, result: Resultaat) -> BaseChart:
        n_huidig, n_gewenst = baseline_n(result)
        huidig, gewenst = (
            [pct(t) for t in _three_point(chart_tenths(side))] for side in (result.huidig, result.gewenst)
        )
        return cls(huidig, gewenst, n_huidig, n_gewenst)


def _chart(item: EindtermResult, base: BaseChart | None) -> Markup:
    """Huidig and gewenst of one eindterm, the team's above 2015's (when 2015 has figures)."""
    three = item.driepuntschaal
    bars: list[tuple[str, Sequence[float | None]]] = [("Huidig, team", three.huidig)]
    bars += [("Huidig, 2015", base.huidig)] if base else []
    bars += [("Gewenst, team", three.gewenst)]
    bars += [("Gewenst, 2015", base.gewenst)] if base else []
    return _bars(bars)


def _skipped_text(problems: Sequence[Problem]) -> str:
    errors = sum(p.severity == "fout" for p in problems)
    warnings = len(problems) - errors
    parts = [f"{errors} {'fout' if errors == 1 else 'fouten'}"] if errors else []
    parts += [f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}"] if warnings else []
    return f"{' en '.join(parts)} bij het inlezen; zie de meldingen van kennisbank analyse"


def _period_text(period: Period | None) -> str:
    """'02-03-2026 t/m 03-03-2026' (or one date), or '' without a period."""
    if not period:
        return ""
    first, last = (dt.date.fromisoformat(day).strftime("%d-%m-%Y") for day in (period.van, period.tot))
    return first if first == last else f"{first} t/m {last}"


def render_report(result: Analysis, reference: Reference, today: dt.date | None = None) -> str:
    """The self-contained HTML report (Dutch; no JavaScript, no external requests, printable), from
    templates/analyse_report.html.j2."""
    teams = result.teams
    reflector = reference.reflectors.get(result.reflector or "")
    title = f"Analyse {reflector.titel if reflector else 'digitale reflector'}" + (
        f": {', '.join(teams)}" if teams else ""
    )
    numbers = [item.eindterm for item in result.eindtermen]
    return html_document(
        environment(),
        "analyse_report.html.j2",
        nl=_nl,
        percent=_percent,
        width=_width,
        chart=_chart,
        title=title,
        period=_period_text(result.periode),
        today=(today or dt.date.today()).strftime("%d-%m-%Y"),
        result=result,
        open_count=sum(len(q.antwoorden) for q in result.open_antwoorden),
        skipped_text=_skipped_text(result.problemen),
        scale=sorted(reference.scale.items()),
        scale_text="; ".join(f"{value} = {text}" for value, text in sorted(reference.scale.items())) + ".",
        signal_low=SIGNAL_LOW,
        signal_high=SIGNAL_HIGH,
        concept_titles={c.id: c.titel for c in reference.concepts},
        by_number={item.eindterm: item for item in result.eindtermen},
        texts={n: e.tekst for n, e in reference.scored.items()},
        base_charts={n: BaseChart.of(reference.baseline[n]) for n in numbers if n in reference.baseline},
    )
