"""A message's text for one recipient: the placeholders filled, in the recipient's language.

The organiser writes plain text. ``{name}``, ``{event}``, ``{sessions}`` (each session with its day
and local times) and ``{link}`` (the recipient's private link) are filled in; any other brace is
left as typed, and the form refuses a placeholder it does not know, naming the ones it does.
"""

import re

from django.utils import formats, timezone, translation

from participants import links

PLACEHOLDERS = ("name", "event", "sessions", "link")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def unknown_placeholders(text):
    return sorted({name for name in PLACEHOLDER.findall(text or "") if name not in PLACEHOLDERS})


def sessions_text(event):
    lines = []
    for session in event.ordered_sessions:
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        day = formats.date_format(starts, "l j F Y")
        lines.append(f"- {session.title}: {day}, {starts:%H:%M}\N{EN DASH}{ends:%H:%M}")
    return "\n".join(lines)


def fill(text, values):
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def values_for(registration, sessions=None):
    """The placeholders' values; ``sessions`` caches the sessions' text per language across recipients."""
    sessions = {} if sessions is None else sessions
    if registration.language not in sessions:
        with translation.override(registration.language):
            sessions[registration.language] = sessions_text(registration.event)
    return {
        "name": registration.participant.full_name,
        "event": registration.event.title,
        "sessions": sessions[registration.language],
        "link": links.url(registration),
    }


def text_for(message, registration, sessions=None):
    """(subject, body) of ``message`` for ``registration``, in its language, placeholders filled."""
    subject, body = message.text_in(registration.language)
    values = values_for(registration, sessions)
    return " ".join(fill(subject, values).split()), fill(body, values)
