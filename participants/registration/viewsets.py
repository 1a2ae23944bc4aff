"""The organisers' registrations in the Wagtail admin: a ModelViewSet scoped to their own events,
with filters, search, CSV/XLSX export, manual add, and the actions cancel, approve and move from
the waiting list; and a per-event page with the seat counts per type against the quotas."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.coreutils import multigetattr

from core import access
from core.admin_scope import ScopedIndexView, ScopedViewSetMixin
from core.audit import AuditedExportMixin
from events.choices import CompanySize, EventLanguage, StakeholderType
from events.models import EventPage
from participants import links
from participants.models import Registration, RegistrationSource, RegistrationStatus
from participants.questions.admin import AnswerColumnsMixin, question_viewset
from participants.registration.seats import seat_counts
from participants.registration.services import RegistrationError, approve, cancel, promote, register


class RegistrationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=RegistrationStatus.choices)
    stakeholder_type = django_filters.ChoiceFilter(
        label=gettext_lazy("Stakeholder type"), choices=StakeholderType.choices
    )
    company_size = django_filters.ChoiceFilter(label=gettext_lazy("Company size"), choices=CompanySize.choices)
    event = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Event"),
        queryset=lambda request: access.scope_events(request.user, EventPage.objects.order_by("-starts_at")),
    )

    class Meta:
        model = Registration
        fields = ["status", "stakeholder_type", "company_size", "event"]


class RegistrationIndexView(AnswerColumnsMixin, AuditedExportMixin, ScopedIndexView):
    """The answers to the event's own questions are columns of the list and the export (AnswerColumnsMixin)."""

    audit_export_name = "registrations"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("participant", "event", "organisation")
            .prefetch_related("answers")
        )

    # The viewset's list_export, with the answer fields after it.
    @property
    def list_export(self):
        return [*self.base_list_export, *self.answer_fields()]

    @list_export.setter
    def list_export(self, value):
        self.base_list_export = value

    @cached_property
    def columns(self):
        return [*super().columns, *self.answer_columns()]

    def to_row_dict(self, item):
        row = {field: multigetattr(item, field) for field in self.base_list_export}
        for field in self.answer_fields():
            row[field] = self.answer_value(item, field)
        return row

    def get_heading(self, queryset, field):
        if field in self.answer_fields():
            return self.answer_heading(field)
        return super().get_heading(queryset, field)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        url = self.action_url
        if instance.status == RegistrationStatus.WAITLISTED:
            buttons.append(
                MenuItem(_("Move from the waiting list"), url=url("promote", instance), icon_name="arrow-up")
            )
        if instance.status == RegistrationStatus.AWAITING_APPROVAL:
            buttons.append(MenuItem(_("Approve"), url=url("approve", instance), icon_name="tick"))
        if instance.status != RegistrationStatus.CANCELLED:
            buttons.append(MenuItem(_("Cancel registration"), url=url("cancel", instance), icon_name="cross"))
        if access.may_replace_links(self.request.user):
            buttons.append(MenuItem(_("Replace private link"), url=url("replace_link", instance), icon_name="link"))
        buttons.append(MenuItem(_("Seats of this event"), url=self.event_url(instance.event_id), icon_name="table"))
        return buttons

    def action_url(self, action, instance):
        return reverse(f"{self.url_namespace}:{action}", args=[instance.pk])

    def event_url(self, event_id):
        return reverse(f"{self.url_namespace}:event", args=[event_id])


class AddRegistrationForm(forms.Form):
    event = forms.ModelChoiceField(label=gettext_lazy("Event"), queryset=EventPage.objects.none())
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=100)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=100)
    stakeholder_type = forms.ChoiceField(label=gettext_lazy("Stakeholder type"), choices=StakeholderType.choices)
    company_size = forms.ChoiceField(
        label=gettext_lazy("Company size"), choices=[("", "---------"), *CompanySize.choices], required=False
    )
    organisation = forms.CharField(label=gettext_lazy("Organisation"), max_length=200, required=False)
    job_title = forms.CharField(label=gettext_lazy("Job title"), max_length=150, required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=EventLanguage.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = access.scope_events(user, EventPage.objects.all()).order_by("-starts_at")


def can(user, action):
    return user.has_perm(f"participants.{action}_registration")


class RegistrationViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = gettext_lazy("Registrations")
    menu_order = 220
    add_to_admin_menu = True
    # Registrations point at pages, but nothing needs their references in Wagtail's index; keeping
    # them out saves four queries on every save.
    add_to_reference_index = False
    index_view_class = RegistrationIndexView
    list_display = [
        Column("participant", label=gettext_lazy("Name"), accessor="participant.full_name"),
        Column("email", label=gettext_lazy("Email address"), accessor="participant.email"),
        Column("event", label=gettext_lazy("Event"), accessor="event.title"),
        Column("stakeholder_type", label=gettext_lazy("Type"), accessor="get_stakeholder_type_display"),
        Column("company_size", label=gettext_lazy("Size"), accessor="get_company_size_display"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=gettext_lazy("Registered")),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["participant__email", "participant__first_name", "participant__last_name", "organisation__name"]
    list_export = [
        "participant.first_name",
        "participant.last_name",
        "participant.email",
        "event.title",
        "stakeholder_type",
        "company_size",
        "sector",
        "organisation.name",
        "job_title",
        "status",
        "source",
        "language",
        "created_at",
        "confirmed_at",
        "waitlisted_at",
        "cancelled_at",
    ]
    export_headings = {
        "participant.first_name": gettext_lazy("First name"),
        "participant.last_name": gettext_lazy("Last name"),
        "participant.email": gettext_lazy("Email address"),
        "event.title": gettext_lazy("Event"),
        "organisation.name": gettext_lazy("Organisation"),
    }
    export_filename = "registrations"
    form_fields = ["stakeholder_type", "company_size", "sector", "job_title", "dietary_needs", "accessibility_needs"]

    @property
    def add_view(self):
        return self.add_registration_view

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/cancel/", self.action_view("cancel"), name="cancel"),
            path("<int:pk>/approve/", self.action_view("approve"), name="approve"),
            path("<int:pk>/promote/", self.action_view("promote"), name="promote"),
            path("<int:pk>/replace-link/", self.action_view("replace_link"), name="replace_link"),
            path("event/<int:event_id>/", self.event_view, name="event"),
        ]

    # Views of our own

    def render(self, request, template, title, **context):
        return TemplateResponse(
            request,
            template,
            {
                "header_title": title,
                "page_title": title,
                "header_icon": self.icon,
                "index_url": self.url("index"),
                **context,
            },
        )

    def url(self, name, *args):
        return reverse(f"{self.url_namespace}:{name}", args=args)

    def add_registration_view(self, request):
        if not can(request.user, "add"):
            raise PermissionDenied
        initial = {"event": request.GET.get("event"), "language": "nl"}
        form = AddRegistrationForm(request.POST or None, initial=initial, user=request.user)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                outcome = register(event=data["event"], details=data, source=RegistrationSource.ADMIN, consent=False)
            except RegistrationError as error:
                form.add_error(None, error.message)
            else:
                registration = outcome.registration
                if not outcome.created:
                    messages.warning(
                        request,
                        _("%(name)s was already registered for this event.") % {"name": registration.participant},
                    )
                else:
                    messages.success(
                        request,
                        _("%(name)s has been added: %(status)s.")
                        % {"name": registration.participant, "status": registration.get_status_display()},
                    )
                return redirect(self.url("event", registration.event_id))
        return self.render(request, "participants/admin/add_registration.html", _("Add a registration"), form=form)

    def action_view(self, action):
        labels = {
            "cancel": (_("Cancel registration"), _("Cancel the registration of %(name)s for %(event)s?")),
            "approve": (_("Approve"), _("Approve the registration of %(name)s for %(event)s?")),
            "promote": (_("Move from the waiting list"), _("Give %(name)s a seat at %(event)s?")),
            "replace_link": (
                _("Replace private link"),
                _(
                    "Give %(name)s a new private link for %(event)s? The old link stops working at once; "
                    "the new one is emailed to them."
                ),
            ),
        }

        def view(request, pk):
            if not can(request.user, "change"):
                raise PermissionDenied
            # Replacing a link is the Secretariat's (a leaked link reported to them), not an organiser's.
            if action == "replace_link" and not access.may_replace_links(request.user):
                raise PermissionDenied
            registration = get_object_or_404(
                access.scope(request.user, Registration.objects.all()).select_related("participant", "event"), pk=pk
            )
            title, question = labels[action]
            if request.method == "POST":
                try:
                    if action == "replace_link":
                        links.replace(registration, reason="replaced")
                    elif action == "cancel":
                        cancel(registration=registration, by_participant=False)
                    elif action == "approve":
                        approve(registration=registration)
                    else:
                        promote(registration=registration)
                except RegistrationError as error:
                    messages.error(request, error.message)
                else:
                    messages.success(request, _("Done: %(name)s.") % {"name": registration.participant})
                return redirect(self.url("event", registration.event_id))
            question = question % {"name": registration.participant, "event": registration.event.title}
            return self.render(
                request, "participants/admin/confirm_action.html", title, question=question, registration=registration
            )

        return view

    def event_view(self, request, event_id):
        if not can(request.user, "view"):
            raise PermissionDenied
        event = get_object_or_404(
            access.scope_events(request.user, EventPage.objects.all()).prefetch_related("quotas"), pk=event_id
        )
        by_status = {
            (row["stakeholder_type"], row["status"]): row["n"]
            for row in Registration.objects.filter(event=event)
            .values("stakeholder_type", "status")
            .annotate(n=Count("pk"))
        }
        seats = seat_counts(event)
        rows = []
        for row in seats.rows():
            for status in RegistrationStatus.values:
                row[status] = by_status.get((row["type"], status), 0)
            rows.append(row)
        totals = {status: sum(r[status] for r in rows) for status in RegistrationStatus.values}
        return self.render(
            request,
            "participants/admin/event_registrations.html",
            _("Registrations: %(event)s") % {"event": event.title},
            event=event,
            seats=seats,
            rows=rows,
            totals=totals,
            list_url=self.url("index") + f"?event={event.pk}",
            add_url=self.url("add") + f"?event={event.pk}",
            edit_page_url=reverse("wagtailadmin_pages:edit", args=[event.pk]),
            questions_url=reverse(f"{question_viewset.url_namespace}:index") + f"?event={event.pk}",
        )


registration_viewset = RegistrationViewSet("registrations")
