"""The public registration form, the private link's details form, and the organiser's add form."""

import re
import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events.choices import CompanySize, EventKind, EventLanguage, StakeholderType
from participants.questions.forms import QuestionsMixin, is_question_field, validate_plain_text
from participants.questions.services import questions_for

NAME_PUNCTUATION = set(" '\u2019-.")


def validate_name(value):
    """Letters (of any script), spaces, hyphens, apostrophes and full stops; nothing else."""
    if any(not (unicodedata.category(ch)[0] in "LM" or ch in NAME_PUNCTUATION) for ch in value):
        raise ValidationError(_("Use letters, spaces, hyphens and apostrophes only."), code="invalid_name")
    if not any(unicodedata.category(ch)[0] == "L" for ch in value):
        raise ValidationError(_("Enter a name with at least one letter."), code="invalid_name")


PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{6,40}$")


def validate_phone(value):
    if value and not PHONE_RE.match(value):
        raise ValidationError(_("Enter a phone number with digits, spaces and an optional + in front."))


class NameField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=100, validators=[validate_name], **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(unicodedata.normalize("NFC", value).split())


class TextField(forms.CharField):
    def __init__(self, *, max_length, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(max_length=max_length, validators=[validate_plain_text], **kwargs)

    def to_python(self, value):
        return unicodedata.normalize("NFC", super().to_python(value))


class DetailsMixin(forms.Form):
    """Fields everyone gives."""

    first_name = NameField(label=_("First name"), widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = NameField(label=_("Last name"), widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    organisation = TextField(
        label=_("Organisation"),
        max_length=200,
        required=True,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    job_title = TextField(
        label=_("Job title"),
        max_length=150,
        required=True,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    dietary_needs = TextField(
        label=_("Dietary needs (optional)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept apart from your other details and deleted soon after the event."),
    )
    accessibility_needs = TextField(
        label=_("Accessibility needs (optional)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept apart from your other details and deleted soon after the event."),
    )
    language = forms.ChoiceField(
        label=_("Preferred language for our emails"), choices=EventLanguage.choices, widget=forms.RadioSelect
    )


class RegistrationForm(QuestionsMixin, DetailsMixin):
    """The public form: the stakeholder type first, then the fields that fit it, then the event's questions.

    Works without JavaScript: the company fields are always in the page, and only count for companies;
    so are the questions, each counting only for the types it is asked of (participants.questions).
    ``answers`` holds the answers to store once the form is valid.
    """

    stakeholder_type = forms.ChoiceField(
        label=_("I work for"), choices=StakeholderType.choices, widget=forms.RadioSelect
    )
    company_size = forms.ChoiceField(
        label=_("Company size"), choices=CompanySize.choices, widget=forms.RadioSelect, required=False
    )
    sector = TextField(label=_("Sector (optional)"), max_length=150, help_text=_("For example: dairy, cocoa, retail."))
    email = forms.EmailField(
        label=_("Email address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(
        label=_("I agree that my details are used for this training as described in the privacy statement."),
        error_messages={"required": _("You can only register if you agree to the privacy statement.")},
    )

    field_order = [
        "stakeholder_type",
        "company_size",
        "sector",
        "first_name",
        "last_name",
        "email",
        "organisation",
        "job_title",
        "phone",
        "dietary_needs",
        "accessibility_needs",
        "language",
        "consent",
    ]
    company_fields = ("company_size", "sector")

    def __init__(self, *args, event, **kwargs):
        self.event = event
        kwargs.setdefault("initial", {}).setdefault("language", (translation.get_language() or "nl")[:2])
        super().__init__(*args, auto_id="reg-%s", label_suffix="", **kwargs)
        self.add_questions(questions_for(event))
        self.answers = {}
        if event.kind == EventKind.INTERVISION:
            self.fields["stakeholder_type"].help_text = _("This intervision group is open to SME companies only.")

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean(self):
        data = super().clean()
        kind = data.get("stakeholder_type")
        if kind == StakeholderType.COMPANY:
            if not data.get("company_size"):
                self.add_error("company_size", _("Choose the size of your company."))
        elif kind:
            data["company_size"] = ""
            data["sector"] = ""
        if (
            self.event.kind == EventKind.INTERVISION
            and kind
            and not (kind == StakeholderType.COMPANY and data.get("company_size") in (CompanySize.SME, None, ""))
        ):
            self.add_error(
                "stakeholder_type", _("Intervision groups are open to SME companies (under 250 employees) only.")
            )
        self.answers = self.clean_answers(kind)
        return data

    def regular_fields(self):
        skip = {"stakeholder_type", "consent", "language", *self.company_fields}
        return [self[name] for name in self.fields if name not in skip and not is_question_field(name)]


class DetailsForm(DetailsMixin):
    """What a participant may change through their private link."""

    def __init__(self, *args, registration, **kwargs):
        participant = registration.participant
        initial = {
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "organisation": registration.organisation.name if registration.organisation else "",
            "job_title": registration.job_title,
            "phone": participant.phone,
            "dietary_needs": registration.dietary_needs,
            "accessibility_needs": registration.accessibility_needs,
            "language": registration.language,
        }
        super().__init__(*args, initial=initial, auto_id="details-%s", label_suffix="", **kwargs)


def language_default():
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]
