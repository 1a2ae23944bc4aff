"""The event page's admin form: the rules that span the page and its inline rows."""

from itertools import pairwise

from django.db.models.deletion import Collector, ProtectedError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from core import access, timezones
from core.audit import audit

# The fields entered as wall-clock times in the event's zone.
ZONED_EVENT_FIELDS = ("registration_opens_at", "registration_closes_at")
ZONED_SESSION_FIELDS = ("starts_at", "ends_at")


def enter_in_zone(field, zone):
    """Make a form's date-time field read and show wall-clock times in ``zone`` instead of the site's.

    Django's DateTimeField interprets what is typed in the current time zone; the admin's is
    Amsterdam, the event's may be Bogotá. A time that does not exist there (the hour skipped when
    summer time starts) or is ambiguous gets Django's own clear message.
    """
    to_python, prepare_value = field.to_python, field.prepare_value

    def zoned_to_python(value):
        with timezone.override(zone):
            return to_python(value)

    def zoned_prepare_value(value):
        with timezone.override(zone):
            return prepare_value(value)

    field.to_python = zoned_to_python
    field.prepare_value = zoned_prepare_value


def _live_forms(formset):
    """The inline forms that will be saved: filled in, valid so far, and not marked for deletion."""
    for form in formset.forms:
        if not hasattr(form, "cleaned_data") or not form.cleaned_data:
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        yield form


def _deleted_forms(formset):
    for form in formset.forms:
        if form.instance.pk and formset.can_delete and formset._should_delete_form(form):
            yield form


def has_protected_records(instance):
    """True when deleting ``instance`` would hit a PROTECT foreign key (attendance, for example).

    Asks Django's deletion collector rather than naming the later apps' models, so this app
    imports nothing of the apps that build on it.
    """
    collector = Collector(using="default")
    try:
        collector.collect([instance])
    except ProtectedError:
        return True
    return False


class EventPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and not access.may_plan(self.for_user):
            # Reserved seats are an operational field (see PermissionedInlinePanel): whoever may not
            # plan gets no formset, so what they post is ignored and the saved rows stay as they are.
            self.formsets.pop("quotas", None)
        self.entry_zone = self._entry_zone()
        self._zone_fields()
        quotas = self.formsets.get("quotas")
        if quotas is not None:
            # Django's own message for the unique constraint names the database columns.
            quotas.get_unique_error_message = lambda unique_check: _(
                "Each stakeholder type can have reserved seats only once."
            )

    def _entry_zone(self):
        """The zone the times of this form are typed in: the event's, as posted.

        A venue with a zone suggests it: when the organiser picks such a venue and leaves the zone
        as it was, the venue's zone is taken.
        """
        current = self.instance.time_zone or timezones.DEFAULT
        if not self.is_bound or "time_zone" not in self.fields:
            return current
        posted = self.data.get(self.add_prefix("time_zone")) or current
        if not timezones.is_valid(posted):
            return current
        if posted == current and "venue" in self.fields:
            venue_id = self.data.get(self.add_prefix("venue"))
            if venue_id and str(venue_id) != str(self.instance.venue_id or ""):
                venues = self._meta.model._meta.get_field("venue").related_model.objects
                venue = venues.filter(pk=venue_id).exclude(time_zone="").first() if venue_id.isdigit() else None
                if venue is not None:
                    self.suggested_zone = venue.time_zone
                    return venue.time_zone
        return posted

    def _zone_fields(self):
        zone = timezones.get(self.entry_zone)
        note = _("In the event's time zone: %(zone)s.") % {
            "zone": timezones.label(zone, self.instance.starts_at or timezone.now())
        }
        for name in ZONED_EVENT_FIELDS:
            if name in self.fields:
                enter_in_zone(self.fields[name], zone)
                self.fields[name].help_text = note
        sessions = self.formsets.get("sessions")
        if sessions is not None:
            for form in sessions.forms:
                for name in ZONED_SESSION_FIELDS:
                    if name in form.fields:
                        enter_in_zone(form.fields[name], zone)
                        form.fields[name].help_text = note

    def clean(self):
        cleaned = super().clean()
        if getattr(self, "suggested_zone", None):
            cleaned["time_zone"] = self.suggested_zone
        sessions = self.formsets.get("sessions")
        quotas = self.formsets.get("quotas")
        # The inline formsets are validated after this form; validate them now to read their data.
        if sessions is not None:
            sessions.is_valid()
            self._check_sessions(sessions, cleaned)
        if quotas is not None:
            quotas.is_valid()
            self._check_quotas(quotas, cleaned)
        return cleaned

    def _check_sessions(self, formset, cleaned):
        live = [f for f in _live_forms(formset) if f.cleaned_data.get("starts_at") and f.cleaned_data.get("ends_at")]
        live.sort(key=lambda f: f.cleaned_data["starts_at"])
        for earlier, later in pairwise(live):
            if later.cleaned_data["starts_at"] < earlier.cleaned_data["ends_at"]:
                later.add_error(
                    "starts_at",
                    _("This session overlaps “%(other)s”; sessions of one event may not overlap.")
                    % {"other": earlier.cleaned_data.get("title") or _("another session")},
                )
        if live:
            first_start = live[0].cleaned_data["starts_at"]
            closes = cleaned.get("registration_closes_at")
            if closes and closes > first_start:
                self.add_error(
                    "registration_closes_at",
                    _("Registration must close before the first session starts (%(start)s).")
                    % {
                        "start": formats.date_format(
                            timezones.localtime(first_start, self.entry_zone), "DATETIME_FORMAT"
                        )
                    },
                )
            opens = cleaned.get("registration_opens_at")
            if opens and opens >= first_start:
                self.add_error("registration_opens_at", _("Registration must open before the first session starts."))
        for form in _deleted_forms(formset):
            if has_protected_records(form.instance):
                # Undo the deletion so nothing is lost, and say why. The form is shown again from its
                # data, so clear DELETE there too: otherwise the admin hides the session as deleted.
                form.cleaned_data["DELETE"] = False
                data = form.data.copy()
                data[form.add_prefix("DELETE")] = ""
                form.data = data
                form.add_error(
                    None,
                    _("“%(title)s” cannot be deleted: people have been checked in for it.")
                    % {"title": form.instance.title},
                )
                self.add_error(None, _("A session with attendance cannot be deleted."))

    def _check_quotas(self, formset, cleaned):
        live = list(_live_forms(formset))
        seen = set()
        for form in live:
            kind = form.cleaned_data.get("stakeholder_type")
            if kind in seen:
                form.add_error("stakeholder_type", _("This stakeholder type already has reserved seats."))
            seen.add(kind)
        reserved = sum(f.cleaned_data.get("seats") or 0 for f in live)
        capacity = cleaned.get("capacity")
        if capacity is not None and reserved > capacity:
            self.add_error(
                "capacity",
                _("The reserved seats add up to %(reserved)s, more than the capacity of %(capacity)s.")
                % {"reserved": reserved, "capacity": capacity},
            )

    def save(self, commit=True):
        user = self.for_user
        creating = self.instance.pk is None
        page = super().save(commit=commit)
        if user is not None and creating and access.may_plan(user) and not access.may_assign_organisers(user):
            # An organiser who plans a new training runs it: nobody else has to assign them.
            page.organisers = [user]
            self._organisers_changed(page, added=[user.pk], removed=[])
        elif "organisers" in self.fields and "organisers" in self.changed_data:
            before = {getattr(user, "pk", user) for user in self.initial.get("organisers") or []}
            after = {user.pk for user in self.cleaned_data["organisers"]}
            self._organisers_changed(page, added=sorted(after - before), removed=sorted(before - after))
        return page

    def _organisers_changed(self, page, *, added, removed):
        """Who runs an event decides who reads its registrations: every change is in the audit log.

        A new page has no row to log on yet: the ``after_create_page`` hook logs it then.
        """
        if not (added or removed):
            return
        if page.pk is None:
            page.organiser_changes = {"added": added, "removed": removed}
        else:
            audit("covenant.organisers_change", actor=self.for_user, obj=page, added=added, removed=removed)
