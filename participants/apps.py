from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import APIToken

        from participants.checkin.tokens import forget_token_receiver, forget_user_tokens_receiver

        # A revoked token or a deactivated user must stop working at once (see checkin_tokens).
        post_save.connect(forget_token_receiver, sender=APIToken, dispatch_uid="checkin_forget_token")
        post_delete.connect(forget_token_receiver, sender=APIToken, dispatch_uid="checkin_forget_token_del")
        post_save.connect(forget_user_tokens_receiver, sender=get_user_model(), dispatch_uid="checkin_forget_user")

        from participants import spreadsheets
        from participants.invites import receivers

        receivers.connect()
        spreadsheets.protect_wagtail_exports()  # Every CSV export of the admin: no live formulas.

        from django.db.models.signals import post_migrate

        post_migrate.connect(ensure_checkin_count_triggers, sender=self, dispatch_uid="participants_triggers")
        post_migrate.connect(ensure_cache_tables, sender=self, dispatch_uid="participants_cache_tables")


def ensure_cache_tables(sender, using, apps=None, **kwargs):
    """After ``migrate``: make the database cache tables (the rate limiters' counters) if missing.

    ``createcachetable`` is its own command, easy to forget on a deploy; every deploy migrates.
    """
    if apps is None:
        return  # a flush, not a migrate
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


def ensure_checkin_count_triggers(sender, app_config, using, apps=None, **kwargs):
    """After ``migrate``: put back triggers that SQLite dropped with a rebuilt table (checkin_counts.py)."""
    from django.core.exceptions import FieldDoesNotExist
    from django.db import connections

    from participants.checkin import triggers as checkin_counts

    if apps is None:
        return  # sent by a flush (the tests' transactional teardown), which rebuilds no table
    try:
        apps.get_model("participants", "Registration")._meta.get_field("sessions_checked_in")
    except (LookupError, FieldDoesNotExist):
        return  # migrated back to before the field (or before the app)
    checkin_counts.ensure_triggers(connections[using])
