"""Charts a secretariat can paste into a report: per month, by stakeholder type, by programme; PNG or SVG.

Drawn with matplotlib's object API (no pyplot: no global state, safe in a threaded server) on the
Agg canvas. Every chart has a title and a text description that says the same as the picture: the
SVG carries them as <title> and <desc> (with role="img"), the PNG as its Title and Description
metadata, and the admin uses the description as the image's alt text.
"""

import io
import re
import textwrap
from html import escape

from django.utils import translation
from django.utils.translation import gettext as _

from events.choices import StakeholderType

CHARTS = ("month", "stakeholder", "programme")
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
# Okabe and Ito's colour-blind-safe palette (blue, orange, bluish green), dark enough on white.
COLOURS = ["#0072b2", "#e69f00", "#009e73"]
# Category names longer than this, or more categories than MANY, turn the bars sideways: the
# names then sit one a line, wrapped, and never run into each other ("MKB-intervisieNEVI-training").
LONG_NAME = 12
MANY = 6
WRAP = 22


def _series(report, name):
    """(title, categories, [(series label, values)]) of a chart, in the active language."""
    if name == "month":
        rows = report["participations_by_month"]
        return (
            _("Participations per month"),
            [r["month"] for r in rows],
            [(_("Participations"), [r["participations"] for r in rows])],
        )
    if name == "stakeholder":
        by_type = report["by_stakeholder_type"]
        types = [t for t in StakeholderType if any(by_type[t.value][k] for k in ("registered", "attended"))]
        return (
            _("Registered, attended and completed, by stakeholder type"),
            [str(t.label) for t in types],
            [
                (_("Registered"), [by_type[t.value]["registered"] for t in types]),
                (_("Attended"), [by_type[t.value]["attended"] for t in types]),
                (_("Completed"), [by_type[t.value]["completed"] for t in types]),
            ],
        )
    if name == "programme":
        rows = report["by_programme"]
        return (
            _("Participations and completions by programme"),
            [r["title"] for r in rows],
            [
                (_("Participations"), [r["participations"] for r in rows]),
                (_("Completed"), [r["completed"] for r in rows]),
            ],
        )
    raise ValueError(f"Unknown chart {name!r}")


def _has_data(categories, series):
    """Whether there is anything to draw: a chart of nothing but zeros is as empty as one of no bars."""
    return bool(categories) and any(value for _label, values in series for value in values)


def describe(report, name, language):
    """The chart's title and a sentence that says what it shows, for alt text and the SVG's <desc>."""
    with translation.override(language):
        title, categories, series = _series(report, name)
        if not _has_data(categories, series):
            return title, _("No data yet for this selection.")
        parts = []
        for i, category in enumerate(categories):
            values = ", ".join(f"{label.lower()} {values[i]}" for label, values in series)
            parts.append(f"{category}: {values}")
        return title, "; ".join(parts) + "."


def render(report, name, fmt, language):
    """The chart as bytes in ``fmt`` ('png' or 'svg')."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    figure, title, description = draw(report, name, language)
    buffer = io.BytesIO()
    metadata = {"Title": title, "Description": description} if fmt == "png" else {}
    if fmt == "svg":
        metadata["Date"] = None  # no timestamp: the same figures give the same file
    figure.savefig(buffer, format=fmt, metadata=metadata)
    data = buffer.getvalue()
    if fmt == "svg":
        data = _accessible_svg(data.decode(), title, description).encode()
    return data


def draw(report, name, language):
    """The chart as a matplotlib Figure, with its title and its description in words."""
    # Imported here on purpose, not to dodge a cycle: matplotlib takes about half a second to import,
    # which every web process, worker and test run would pay, and only a chart needs it.
    from matplotlib import rcParams
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rcParams["svg.fonttype"] = "none"  # text stays text: selectable, searchable, read by screen readers
    rcParams["svg.hashsalt"] = "covenant"  # the same chart twice is the same file
    title, description = describe(report, name, language)
    with translation.override(language):
        _title, categories, series = _series(report, name)
    figure = Figure(figsize=(8, 4.5), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_title(title, loc="left", fontsize=13)
    if not _has_data(categories, series):
        # The message instead of empty axes (which matplotlib would scale from -0.04 to 0.04).
        axes.set_axis_off()
        axes.text(
            0.5, 0.5, description, ha="center", va="center", fontsize=14, color="#555555", transform=axes.transAxes
        )
    else:
        width = 0.8 / len(series)
        positions = range(len(categories))
        sideways = len(categories) > MANY or any(len(str(c)) > LONG_NAME for c in categories)
        names = [textwrap.fill(str(c), WRAP) for c in categories] if sideways else categories
        draw = axes.barh if sideways else axes.bar
        for i, (label, values) in enumerate(series):
            offset = (i - (len(series) - 1) / 2) * width
            bars = draw([p + offset for p in positions], values, width, label=label, color=COLOURS[i % len(COLOURS)])
            axes.bar_label(bars, fontsize=8, padding=2)
        counts = axes.xaxis if sideways else axes.yaxis
        if sideways:
            axes.set_yticks(list(positions), names)
            axes.invert_yaxis()  # the first category at the top, as in the table beside the chart
            axes.set_xlim(left=0)  # counts: never a negative axis
        else:
            axes.set_xticks(list(positions), names)
            axes.set_ylim(bottom=0)
        if len(series) > 1:
            axes.legend(frameon=False)
        counts.get_major_locator().set_params(integer=True)
        axes.spines[["top", "right"]].set_visible(False)
    return figure, title, description


def _accessible_svg(svg, title, description):
    """Give the <svg> element role="img", a <title> and a <desc>, which screen readers announce."""
    head = re.search(r"<svg\b[^>]*>", svg)
    tag = head.group(0)
    new_tag = tag[:-1] + ' role="img" aria-labelledby="chart-title chart-desc">'
    accessible = f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(description)}</desc>'
    return svg[: head.start()] + new_tag + accessible + svg[head.end() :]
