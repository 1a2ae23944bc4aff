from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Plumbing every app uses, with no models of its own: the access policy, the audit log."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.models import ModelLogEntry

        from .audit import neutral_log_label_receiver

        pre_save.connect(neutral_log_label_receiver, sender=ModelLogEntry, dispatch_uid="core_neutral_log_label")
