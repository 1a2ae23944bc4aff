"""The audit log: who issued or revoked a certificate, exported or erased data, applied retention.

Check-ins have their own, finer log: the check-in work's ScanLog keeps every scan (failed ones and
undos too) with who scanned, when and the outcome, and no personal data; it is not repeated here
(one more INSERT on every scan at a busy door, for nothing new).

Entries are Wagtail's own log entries (``wagtail.log_actions.log``), so they appear in the admin's
Reports > Site history next to page edits, filterable by action, user and date. The actions are
registered in core/wagtail_hooks.py (``register_log_actions``).

An entry must not keep personal data that retention will later remove: its label is the object's
type and number ("Participant 42"), never its name, and ``details`` should hold ids and counts.
Anonymising a person relabels the entries Wagtail made itself (see privacy.scrub_log_labels).
"""

import logging

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log
from wagtail.models import Page, Site

logger = logging.getLogger("covenant.audit")

# action: (label in the history report's filter, message in the history list)
ACTIONS = {
    "covenant.certificate_issue": (_("Certificate issued"), _("Issued a certificate")),
    "covenant.certificate_batch": (_("Certificate batch started"), _("Started issuing an event's certificates")),
    "covenant.certificate_reissue": (_("Certificate reissued"), _("Reissued a certificate with a corrected name")),
    "covenant.certificate_revoke": (_("Certificate revoked"), _("Revoked a certificate")),
    "covenant.export": (_("Data export"), _("Exported data")),
    "covenant.data_download": (_("Personal data downloaded"), _("The participant downloaded their data")),
    "covenant.erasure": (_("Personal data erased"), _("Erased a person's personal data")),
    "covenant.retention": (_("Retention policy applied"), _("Applied the retention policy")),
    "covenant.organisers_change": (_("Organisers changed"), _("Changed who organises an event")),
    "covenant.message": (_("Message to participants"), _("Sent a message to people of an event")),
    "covenant.facilitator_change": (_("Facilitator changed"), _("Changed who facilitates a group")),
}


def formatter(label, message):
    class AuditFormatter(LogFormatter):
        def format_message(self, log_entry):
            details = ", ".join(f"{key}: {value}" for key, value in sorted((log_entry.data or {}).items()))
            return f"{message} ({details})" if details else str(message)

    AuditFormatter.label = label
    return AuditFormatter


def register_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action)(formatter(label, message))


def object_label(obj):
    if isinstance(obj, Page):
        return obj.title
    return f"{obj._meta.verbose_name} {obj.pk}"


def export_filters(query):
    """The filters of an export as the audit log keeps them: choices and ids, not what was searched for.

    A search box holds whatever was typed (a name, an address): the entry says only that there was one.
    """
    filters = {}
    for key in sorted(query):
        if key in EXPORT_IGNORED:
            continue
        values = [value for value in query.getlist(key) if value]
        if not values:
            continue
        filters[key] = "(search)" if key in FREE_TEXT else ",".join(value[:40] for value in values)
    return filters


EXPORT_IGNORED = {"export", "p", "_w_filter_fragment", "ordering"}
FREE_TEXT = {"q", "search"}


class AuditedExportMixin:
    """For a Wagtail index or report view with spreadsheet export: every download is in the audit log.

    The entry says who, which list (``audit_export_name``), the format, how many rows and the filters;
    an event's list hangs on the event (``get_audit_object``), any other on the site.
    """

    audit_export_name = None

    def get_audit_object(self):
        return None

    def as_spreadsheet(self, queryset, spreadsheet_format):
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        details = {
            "what": self.audit_export_name or self.get_filename(),
            "format": spreadsheet_format,
            "rows": len(queryset) if isinstance(queryset, list) else queryset.count(),
        }
        if filters := export_filters(self.request.GET):
            details["filters"] = filters
        audit("covenant.export", actor=self.request.user, obj=self.get_audit_object(), **details)
        return response


def audit(action, *, actor=None, obj=None, **details):
    """Record ``action`` by ``actor`` (a user, or None for the system or a participant) on ``obj``.

    Without an object (a site-wide export, a retention run) the entry hangs on the default Site.
    ``details`` must be JSON-serialisable: ids, counts, formats, never names or addresses.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: add it to core.audit.ACTIONS")
    target = obj if obj is not None else Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    user = actor if getattr(actor, "is_authenticated", False) else None
    logger.info("%s by %s on %s %s", action, getattr(user, "pk", None), object_label(target), details)
    return wagtail_log(target, action, user=user, title=object_label(target), data=details)


def label_by_number(log_entry):
    """The label a log entry of a person's row gets: its type and number, never ``str()`` (a name).

    Wagtail labels its own entries (edits, creations, history) with ``str(obj)``; for a registration
    that is "Name - Event", and Reports > Site history shows labels to everyone who may view the
    model, across events. Models that hold people say so with ``log_label_by_number = True``.
    """
    model = log_entry.content_type.model_class() if log_entry.content_type_id else None
    if model is not None and getattr(model, "log_label_by_number", False):
        log_entry.label = f"{model._meta.verbose_name} {log_entry.object_id}"


def neutral_log_label_receiver(sender, instance, **kwargs):
    label_by_number(instance)
