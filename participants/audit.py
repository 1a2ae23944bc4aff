"""Moved to ``core.audit`` (the audit log is plumbing every app uses); kept until the restructure."""

from core.audit import ACTIONS, AuditedExportMixin, audit, export_filters, object_label, register_actions

__all__ = ["ACTIONS", "AuditedExportMixin", "audit", "export_filters", "object_label", "register_actions"]
