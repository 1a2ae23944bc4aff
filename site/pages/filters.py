"""The event listing's filters: a plain GET form, so the listing works without JavaScript."""

from datetime import date

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from events.choices import EventKind
from events.models import ProgrammePage


class EventFilterForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    month = forms.ChoiceField(label=_("Month"), required=False)
    open = forms.BooleanField(label=_("Open for registration"), required=False)

    def __init__(self, *args, programmes, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes"))] + [(p.slug, p.title) for p in programmes]
        self.fields["kind"].choices = [("", _("All kinds")), *EventKind.choices]
        self.fields["month"].choices = [("", _("All months"))] + [
            (m, formats.date_format(date(int(m[:4]), int(m[5:]), 1), "YEAR_MONTH_FORMAT")) for m in months
        ]

    def filter(self, events):
        """Apply the valid filters; an invalid value is ignored (and shown as an error) rather than failing."""
        if not self.is_bound:
            return events
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("programme"):
            events = events.filter(path__startswith=self._programme_path(data["programme"]))
        if data.get("kind"):
            events = events.filter(kind=data["kind"])
        if data.get("month"):
            year, month = (int(x) for x in data["month"].split("-"))
            events = events.in_local_month(year, month)
        if data.get("open"):
            events = events.open_for_registration()
        return events

    def _programme_path(self, slug):
        programme = ProgrammePage.objects.filter(slug=slug).only("path").first()
        return programme.path if programme else "-"
