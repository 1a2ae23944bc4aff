"""Charts a secretariat can paste into a report: per month, by stakeholder type, by programme; PNG or SVG.

Drawn with matplotlib's object API (no pyplot: no global state, safe in a threaded server) on the
Agg canvas. Every chart has a title and a text description that says the same as the picture: the
SVG carries them as <title> and <desc> (with role="img"), the PNG as its Title and Description
metadata, and the admin uses the description as the image's alt text.
"""

import io
import re
from html import escape

from django.utils import translation
from django.utils.translation import gettext as _

from events.choices import StakeholderType

CHARTS = ("month", "stakeholder", "programme")
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
COLOURS = ["#1d4e89", "#00b2ca", "#f79256"]


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
    # Imported here on purpose, not to dodge a cycle: matplotlib takes about half a second to import,
    # which every web process, worker and test run would pay, and only a chart needs it.
    from matplotlib import rcParams
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
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
        for i, (label, values) in enumerate(series):
            bars = axes.bar(
                [p + (i - (len(series) - 1) / 2) * width for p in positions],
                values,
                width,
                label=label,
                color=COLOURS[i % len(COLOURS)],
            )
            axes.bar_label(bars, fontsize=8, padding=2)
        axes.set_xticks(list(positions), categories, rotation=30 if len(categories) > 6 else 0, ha="right")
        if len(series) > 1:
            axes.legend(frameon=False)
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.spines[["top", "right"]].set_visible(False)

    buffer = io.BytesIO()
    metadata = {"Title": title, "Description": description} if fmt == "png" else {}
    if fmt == "svg":
        metadata["Date"] = None  # no timestamp: the same figures give the same file
    figure.savefig(buffer, format=fmt, metadata=metadata)
    data = buffer.getvalue()
    if fmt == "svg":
        data = _accessible_svg(data.decode(), title, description).encode()
    return data


def _accessible_svg(svg, title, description):
    """Give the <svg> element role="img", a <title> and a <desc>, which screen readers announce."""
    head = re.search(r"<svg\b[^>]*>", svg)
    tag = head.group(0)
    new_tag = tag[:-1] + ' role="img" aria-labelledby="chart-title chart-desc">'
    accessible = f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(description)}</desc>'
    return svg[: head.start()] + new_tag + accessible + svg[head.end() :]
