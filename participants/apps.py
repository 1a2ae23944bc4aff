from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self):
        from django.db.models.signals import post_save

        from .audit import attendance_saved_receiver
        from .models import Attendance

        # The audit log of check-ins (participants/audit.py).
        post_save.connect(attendance_saved_receiver, sender=Attendance, dispatch_uid="audit_attendance")
