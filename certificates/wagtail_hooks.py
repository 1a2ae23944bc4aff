"""The admin for certificates, and the certificate section of the participant's private link page.

One "Certificates" menu groups three viewsets: the templates (a snippet with a live preview), the
certificates (inspect; "edit" is correcting the name, which reissues; revoke), and the batches
("add" starts issuing an event's certificates; the list shows their progress). Event pages get an
"Issue certificates" button in the page listing. Only users with the model permissions (the
Secretariat, by this app's data migration) see and use them.
"""

from django import forms
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import EventPage
from participants.signals import PRIVATE_LINK_PANELS

from . import badges, privacy
from .eligibility import is_eligible
from .models import Certificate, CertificateBatch, CertificateTemplate
from .services import CertificateError, reissue_certificate, revoke_certificate, start_batch


class RestrictedPolicy(ModelPermissionPolicy):
    """Model permissions, except for actions nobody may take through the generic views."""

    def __init__(self, model, forbidden):
        super().__init__(model)
        self.forbidden = set(forbidden)

    def user_has_permission(self, user, action):
        return action not in self.forbidden and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# Certificates are made by issuing and never deleted (a revoked one keeps its code); batches are
# records of what happened.
register_permission_policy(Certificate, RestrictedPolicy(Certificate, {"add", "delete"}))
register_permission_policy(CertificateBatch, RestrictedPolicy(CertificateBatch, {"change", "delete"}))


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Templates")
    list_display = ["name", "kind", "scope", "language", "signatory_name"]
    list_filter = ["kind", "scope", "language"]


# Certificates: "edit" reissues with a corrected name; "revoke" revokes.


class ServiceFormMixin:
    """Turn a service's CertificateError into a form error instead of a crash."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except CertificateError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)


class ReissueView(ServiceFormMixin, EditView):
    page_title = _("Correct the name")
    submit_button_label = _("Reissue with this name")
    success_message = _("Certificate '%(object)s' reissued as a new version and emailed.")

    def save_instance(self):
        return reissue_certificate(
            certificate=Certificate.objects.get(pk=self.object.pk),
            holder_name=self.form.cleaned_data["holder_name"],
            user=self.request.user,
        )


class RevokeForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["revoke_reason"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revoke_reason"].required = True
        self.fields["revoke_reason"].help_text = _("Shown to anyone who verifies the certificate.")


class RevokeView(ServiceFormMixin, EditView):
    page_title = _("Revoke")
    submit_button_label = _("Revoke this certificate")
    success_message = _("Certificate '%(object)s' revoked.")
    revoke_url_name = None

    def get_edit_url(self):
        return reverse(self.revoke_url_name, args=[self.object.pk])

    def save_instance(self):
        return revoke_certificate(
            certificate=Certificate.objects.get(pk=self.object.pk),
            reason=self.form.cleaned_data["revoke_reason"],
            user=self.request.user,
        )


class CertificateIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_revoked and self.user_has_permission("change"):
            url = reverse("certificate_admin:revoke", args=[instance.pk])
            buttons.append(MenuItem(_("Revoke"), url=url, icon_name="cross", priority=40))
        return buttons


class CertificateViewSet(ModelViewSet):
    model = Certificate
    url_prefix = "certificates"
    url_namespace = "certificate_admin"
    index_view_class = CertificateIndexView
    icon = "doc-full-inverse"
    menu_label = _("Certificates")
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["holder_name"]
    edit_view_class = ReissueView
    list_display = [
        "code",
        "holder_name",
        "event_title",
        "version",
        Column("status", label=_("status"), accessor="status_label"),
        "issued_at",
    ]
    list_filter = ["event_kind", "year", "language"]
    search_fields = ["code", "holder_name", "event_title"]
    inspect_view_fields = [
        "code",
        "version",
        "holder_name",
        "organisation_name",
        "event_title",
        "event_kind",
        "year",
        "first_date",
        "last_date",
        "hours",
        "sessions_attended",
        "pe_points",
        "pe_register",
        "language",
        "issued_at",
        "reissued_at",
        "emailed_at",
        "revoked_at",
        "revoke_reason",
    ]

    def get_queryset(self, request):
        return Certificate.objects.select_related("event")

    @property
    def revoke_view(self):
        return self.construct_view(
            RevokeView,
            **self.get_edit_view_kwargs(panel=None, form_class=RevokeForm),
            revoke_url_name=self.get_url_name("revoke"),
        )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("revoke/<int:pk>/", self.revoke_view, name="revoke")]


# Batches: "add" issues an event's certificates.


class BatchForm(forms.ModelForm):
    class Meta:
        model = CertificateBatch
        fields = ["event"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = EventPage.objects.filter(ends_at__lte=timezone.now()).order_by("-ends_at")
        self.fields["event"].help_text = _(
            "Everyone who met the event's attendance rule and has no certificate yet gets one, by email. "
            "Running it again later issues those checked in late."
        )


class IssueView(ServiceFormMixin, CreateView):
    page_title = _("Issue certificates")
    submit_button_label = _("Issue certificates")
    success_message = _("Issuing the certificates of %(object)s: follow the progress here.")

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("event", "").isdigit():
            initial["event"] = int(self.request.GET["event"])
        return initial

    def save_instance(self):
        return start_batch(event=self.form.cleaned_data["event"], user=self.request.user)

    def get_success_message(self, instance):
        return self.success_message % {"object": instance.event.title}


class CertificateBatchViewSet(ModelViewSet):
    model = CertificateBatch
    url_prefix = "certificate-batches"
    url_namespace = "certificate_batches"
    icon = "list-ul"
    menu_label = _("Batches")
    add_view_class = IssueView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["event"]
    list_display = ["event", "status", "progress", "issued", "created_at", "finished_at", "created_by"]
    list_filter = ["status"]

    def get_form_class(self, for_update=False):
        return BatchForm

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(panel=None, **kwargs)


class CertificatesGroup(ModelViewSetGroup):
    menu_label = _("Certificates")
    menu_icon = "doc-full-inverse"
    menu_order = 330
    items = (CertificateViewSet, CertificateBatchViewSet, CertificateTemplateViewSet)


register_snippet(CertificatesGroup)


@hooks.register("register_page_listing_more_buttons")
def issue_certificates_button(page, user, next_url=None):
    if page.specific_class is EventPage and user.has_perm("certificates.add_certificatebatch"):
        yield Button(
            _("Issue certificates"),
            reverse("certificate_batches:add") + f"?event={page.pk}",
            icon_name="doc-full-inverse",
            priority=45,
        )


@hooks.register(PRIVATE_LINK_PANELS, order=50)
def certificate_link_panel(request, registration):
    """The certificate section of the participant's private link page, or nothing when there is none."""
    certificate = Certificate.objects.filter(registration=registration).first()
    eligible = certificate is None and registration.event.ends_at and is_eligible(registration)
    if certificate is None and not eligible:
        return None
    return render_to_string(
        "certificates/link_panel.html",
        {"certificate": certificate, "registration": registration, "eligible": eligible, "can_sign": badges.can_sign()},
        request=request,
    )


# Retention and erasure of what certificates say about their holder (certificates/privacy.py).
hooks.register("apply_retention", privacy.apply_certificate_retention)
hooks.register("participant_anonymise", privacy.anonymise_certificates)
hooks.register("participant_data_export", privacy.export_certificates)
