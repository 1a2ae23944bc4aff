from django import forms
from django.utils.translation import gettext_lazy as _

from events.choices import EventLanguage, StakeholderType


class InterestForm(forms.Form):
    """Its ids are its own (``interest_...``): a full event's page shows the registration form too."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "interest_%s")
        super().__init__(*args, **kwargs)

    email = forms.EmailField(label=_("Email me at"), max_length=254)
    stakeholder_type = forms.ChoiceField(label=_("I represent"), choices=StakeholderType.choices)
    region = forms.CharField(
        label=_("Region or city"),
        max_length=100,
        required=False,
        help_text=_("Leave empty for anywhere in the Netherlands."),
    )
    language = forms.ChoiceField(label=_("In Dutch or English?"), choices=EventLanguage.choices)
    consent = forms.BooleanField(
        label=_("Email me about new trainings in this programme. I can unsubscribe from every email."),
        error_messages={"required": _("Please agree, or we cannot email you.")},
    )
