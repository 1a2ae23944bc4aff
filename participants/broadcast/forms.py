"""The message form: who (filters or hand-picked), what (subject and text per language), when."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.choices import CompanySize, StakeholderType
from participants.broadcast import compose
from participants.broadcast.recipients import CHECKED_IN, COMPLETED, NOT_CHECKED_IN, NOT_COMPLETED
from participants.models import Registration, RegistrationStatus

PLACEHOLDER_HELP = _("Plain text. Placeholders: {name}, {event}, {sessions} (with their local times), {link}.")


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, registration):
        return f"{registration.participant.full_name} ({registration.get_status_display()})"


class MessageForm(forms.Form):
    statuses = forms.MultipleChoiceField(
        label=_("Status"),
        choices=RegistrationStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[RegistrationStatus.CONFIRMED],
    )
    stakeholder_types = forms.MultipleChoiceField(
        label=_("Stakeholder type"),
        choices=StakeholderType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    company_sizes = forms.MultipleChoiceField(
        label=_("Company size"), choices=CompanySize.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    attendance = forms.ChoiceField(label=_("Attendance"), required=False)
    registrations = PersonChoiceField(
        label=_("Or only these people"),
        queryset=Registration.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("When you tick people here, the message goes to them (within the filters above)."),
    )
    subject_nl = forms.CharField(label=_("Subject (Dutch)"), max_length=200)
    body_nl = forms.CharField(
        label=_("Text (Dutch)"), widget=forms.Textarea(attrs={"rows": 8}), help_text=PLACEHOLDER_HELP
    )
    subject_en = forms.CharField(label=_("Subject (English)"), max_length=200, required=False)
    body_en = forms.CharField(
        label=_("Text (English)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("For the people who registered in English; left empty, they get the Dutch text."),
    )
    send_at = forms.DateTimeField(
        label=_("Send at (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Amsterdam time. Empty: send now."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["attendance"].choices = [
            ("", _("Anyone")),
            *[
                (f"{CHECKED_IN}{session.pk}", _("Checked in for %(session)s") % {"session": session.title})
                for session in event.ordered_sessions
            ],
            (NOT_CHECKED_IN, _("Not checked in for any session")),
            (COMPLETED, _("Completed (met the attendance rule)")),
            (NOT_COMPLETED, _("Not completed")),
        ]
        self.fields["registrations"].queryset = (
            Registration.objects.filter(event=event)
            .select_related("participant")
            .order_by("participant__last_name", "participant__first_name")
        )

    def clean(self):
        data = super().clean()
        for field in ("subject_nl", "body_nl", "subject_en", "body_en"):
            if unknown := compose.unknown_placeholders(data.get(field)):
                self.add_error(
                    field,
                    _("Unknown placeholder: %(unknown)s. Use {name}, {event}, {sessions} or {link}.")
                    % {"unknown": ", ".join("{" + name + "}" for name in unknown)},
                )
        if bool((data.get("subject_en") or "").strip()) != bool((data.get("body_en") or "").strip()):
            self.add_error("body_en", _("Give the English subject and text both, or neither."))
        send_at = data.get("send_at")
        if send_at and send_at <= timezone.now():
            self.add_error("send_at", _("This moment has passed; leave it empty to send now."))
        return data

    def filters(self):
        data = self.cleaned_data
        filters = {key: list(data[key]) for key in ("statuses", "stakeholder_types", "company_sizes") if data.get(key)}
        if data.get("attendance"):
            filters["attendance"] = data["attendance"]
        if data.get("registrations"):
            filters["registrations"] = sorted(registration.pk for registration in data["registrations"])
        return filters

    def texts(self):
        return {key: self.cleaned_data[key] or "" for key in ("subject_nl", "body_nl", "subject_en", "body_en")}
