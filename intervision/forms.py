from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core import access
from core.audit import audit
from events.choices import CompanySize, EventLanguage, EventStatus, StakeholderType
from events.models import ProgrammePage, Venue

from .models import IntervisionGroup, Meeting, OecdStep
from .services import IntervisionError, check_eligible, hand_over_group


class ApplicationForm(forms.Form):
    """The registration form's fields, for joining a group; only an SME company gets through."""

    stakeholder_type = forms.ChoiceField(label=_("I represent a"), choices=StakeholderType.choices)
    company_size = forms.ChoiceField(
        label=_("Company size"), choices=[("", "---------"), *CompanySize.choices], required=False
    )
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("Email address"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    organisation = forms.CharField(label=_("Company"), max_length=200)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    sector = forms.CharField(
        label=_("Products or commodities"),
        max_length=150,
        required=False,
        help_text=_("For example: cocoa, fruit juice, spices."),
    )
    motivation = forms.CharField(
        label=_("What would you like to bring to and get from the group?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    language = forms.ChoiceField(label=_("Language for emails"), choices=EventLanguage.choices)
    consent = forms.BooleanField(
        label=_("I agree that my details are used to organise this intervision group, as the privacy statement says.")
    )

    def clean(self):
        cleaned = super().clean()
        stakeholder_type = cleaned.get("stakeholder_type")
        if stakeholder_type == StakeholderType.COMPANY and not cleaned.get("company_size"):
            self.add_error("company_size", _("Tell us the size of your company."))
            return cleaned
        if stakeholder_type:
            try:
                check_eligible(stakeholder_type=stakeholder_type, company_size=cleaned.get("company_size"))
            except IntervisionError as error:
                field = "company_size" if error.code == "large_company" else "stakeholder_type"
                self.add_error(field, error.message)
        return cleaned


class AgreementForm(forms.Form):
    accept = forms.BooleanField(label=_("I have read the confidentiality agreement and accept it."))


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return f"{meeting.number}: {timezone.localtime(meeting.event.starts_at):%d-%m-%Y %H:%M}"


class CaseForm(forms.Form):
    meeting = MeetingChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Your question to the group"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Describe the situation without names the group does not need."),
    )
    oecd_step = forms.ChoiceField(label=_("OECD due diligence step"), choices=OecdStep.choices)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        # Every meeting of the member's own group is a valid choice, so a meeting that started while
        # the form was open gets a clear message (in clean_meeting) rather than "invalid choice".
        self.fields["meeting"].queryset = group.meetings.select_related("event")
        upcoming = group.meetings.upcoming().exclude(event__status=EventStatus.CANCELLED).select_related("event")
        self.fields["meeting"].widget.choices = [
            (m.pk, self.fields["meeting"].label_from_instance(m)) for m in upcoming
        ]
        if upcoming:
            self.fields["meeting"].initial = upcoming[0].pk

    def clean_meeting(self):
        meeting = self.cleaned_data["meeting"]
        if meeting.event.is_cancelled:
            raise ValidationError(_("This meeting has been cancelled. Choose another meeting."))
        if meeting.has_started():
            raise ValidationError(
                _("This meeting has already taken place; cases are submitted before a meeting. Choose a later meeting.")
            )
        return meeting


class MeetingSeriesForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=ProgrammePage.objects.all())
    first_date = forms.DateField(label=_("Date of the first meeting"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}))
    interval_weeks = forms.IntegerField(label=_("Every how many weeks"), min_value=1, max_value=26, initial=6)
    count = forms.IntegerField(label=_("Number of meetings"), min_value=1, max_value=26, initial=6)
    venue = forms.ModelChoiceField(label=_("Venue"), queryset=Venue.objects.all(), required=False)
    online_url = forms.URLField(label=_("Online meeting link"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("A meeting must end after it starts."))
        first = cleaned.get("first_date")
        if first and first < timezone.localdate():
            self.add_error("first_date", _("The first meeting cannot be in the past."))
        if not cleaned.get("venue") and not cleaned.get("online_url"):
            self.add_error("venue", _("Choose a venue or give an online meeting link."))
        return cleaned


class GroupAdminForm(WagtailAdminModelForm):
    """A group's facilitator reads its confidential cases: the Secretariat assigns one, never itself.

    The facilitator field is only in the form of whoever may assign (its panel's permission); this
    form refuses self-assignment, so no role reaches the cases on its own say-so, and logs every change.
    """

    def clean_facilitator(self):
        facilitator = self.cleaned_data.get("facilitator")
        changed = facilitator != (self.instance.facilitator if self.instance.facilitator_id else None)
        if changed and not access.may_assign_facilitator(self.for_user, facilitator):
            raise ValidationError(
                _("You cannot make yourself the facilitator: another member of the Secretariat must assign you.")
            )
        return facilitator

    def save(self, commit=True):
        changed = "facilitator" in self.fields and "facilitator" in self.changed_data
        before = self.initial.get("facilitator")
        group = super().save(commit=commit)
        if changed and commit:
            after = group.facilitator_id
            audit("covenant.facilitator_change", actor=self.for_user, obj=group, before=before, after=after)
            hand_over_group(group=group, previous=before)
        return group


class LearningAdminForm(WagtailAdminModelForm):
    """A facilitator records learnings for their own groups only."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        user = for_user
        if user is not None and "group" in self.fields and not user.is_superuser:
            groups = IntervisionGroup.objects.facilitated_by(user)
            if self.instance.pk:
                groups = groups | IntervisionGroup.objects.filter(pk=self.instance.group_id)
            self.fields["group"].queryset = groups.distinct()
        if "meeting" in self.fields:
            self.fields["meeting"].queryset = (
                Meeting.objects.select_related("event", "group").filter(group__in=self.fields["group"].queryset)
                if "group" in self.fields
                else Meeting.objects.filter(group=self.instance.group_id)
            )
