"""Absolute addresses for what leaves the site (emails, calendar files, certificates, badges).

A request knows its own host; an email or a task does not, so every absolute address is built here
from ``SITE_URL`` (the public address of the site, a setting).
"""

from django.conf import settings


def site_url():
    """The site's public address without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path):
    """The absolute address of a site-relative ``path`` ("/r/…/")."""
    return site_url() + path
