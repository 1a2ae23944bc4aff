"""Times in an event's own zone, for templates: ``{% load zones %}``.

``{% session_time session event %}`` renders "09:00 - 13:00 (Bogotá, UTC-5)" in a ``<time>``
element carrying the UTC instant; for an online or hybrid event it adds the time in Amsterdam, and
a slot that ``core/js/local-time.js`` fills with the viewer's own time (the page is right without it).
Whole templates that print times with Django's ``date`` filter wrap them in Django's own
``{% timezone event.time_zone %}`` block (``{% load tz %}``).
"""

from datetime import UTC

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core import timezones

register = template.Library()


def _zone(event):
    return getattr(event, "time_zone", None) or timezones.DEFAULT


def _online(event):
    return bool(getattr(event, "online_url", ""))


@register.simple_tag
def session_time(session, event, with_date=False):
    """A session's span in the event's zone, with Amsterdam's and the viewer's for online/hybrid events."""
    return span_html(session.starts_at, session.ends_at, event, with_date=with_date)


@register.simple_tag
def event_time(event, with_date=True):
    """An event's whole span (first start to last end) in its zone."""
    if not event.starts_at:
        return ""
    return span_html(event.starts_at, event.ends_at, event, with_date=with_date)


def span_html(starts_at, ends_at, event, *, with_date=False):
    zone = _zone(event)
    text = timezones.span_text(starts_at, ends_at, zone, with_date=with_date)
    html = format_html(
        '<time datetime="{}" data-ends="{}" data-zone="{}">{}</time>',
        starts_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        ends_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        zone,
        text,
    )
    if _online(event):
        if zone != timezones.DEFAULT:
            html += format_html(
                ' <span class="zone-amsterdam">({})</span>', timezones.amsterdam_text(starts_at, ends_at)
            )
        html += format_html(' <span class="zone-viewer" data-label="{}" hidden></span>', _("your time"))
    return html


@register.filter
def zone_label(event, moment=None):
    """ "Bogotá, UTC-5" for an event (at ``moment``, or its start)."""
    return timezones.label(_zone(event), moment or getattr(event, "starts_at", None))


@register.filter
def span_text(session, event):
    """Plain text (for emails): "09:00 - 13:00 (Bogotá, UTC-5)" of a session in its event's zone."""
    return timezones.span_text(session.starts_at, session.ends_at, _zone(event))


@register.simple_tag
def local_span(starts_at, ends_at, event, with_date=True):
    """Plain text of any span in the event's zone, with the day first (emails, lists)."""
    return timezones.span_text(starts_at, ends_at, _zone(event), with_date=with_date)
