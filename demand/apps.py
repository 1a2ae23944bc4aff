from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandConfig(AppConfig):
    name = "demand"
    verbose_name = _("Demand for trainings")

    def ready(self):
        from . import receivers

        receivers.connect()
