"""Registering over HTTP, for the scale test, the fuzz pass and the load benchmark.

Returns None while the site has no registration form (the registration work has not landed).
"""


def registration_form_path(event):
    """The path of ``event``'s public registration form, or None when there is none yet."""
    return None


def registration_calls(site, data, people):
    return None
