"""Registering over HTTP, for the scale test and the load benchmark: the public registration form.

Returns None while the site has no registration form (the registration work has not landed).
"""


def registration_calls(site, data, people):
    return None
