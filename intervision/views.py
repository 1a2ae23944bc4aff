"""Public pages (groups, applying, best practices) and the member's own pages behind their secret link.

Every member page resolves the secret itself and answers 404 for an unknown or replaced one; a case
is looked up within the member's own group only, so another group's case is simply not found.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from certificates import views as certificate_views
from certificates.models import Certificate
from core import ratelimit
from participants import hashed_secrets
from participants.links import UnknownLink, private_link, secret_link
from participants.models import Attendance

from . import services
from .forms import AgreementForm, ApplicationForm, CaseForm
from .models import (
    Case,
    IntervisionGroup,
    Learning,
    Membership,
    MembershipStatus,
    OecdStep,
)

OPEN_FOR_CASES = (MembershipStatus.ACTIVE,)
MIN_YEAR, MAX_YEAR = 2000, 2999


def group_list(request):
    groups = (
        IntervisionGroup.objects.filter(accepts_applications=True)
        .annotate(taken=Count("memberships", filter=Q(memberships__status__in=["accepted", "active"])))
        .order_by("name")
    )
    return render(request, "intervision/group_list.html", {"groups": groups})


def group_detail(request, slug):
    group = get_object_or_404(IntervisionGroup, slug=slug)
    form = ApplicationForm(
        request.POST or None, initial={"language": request.LANGUAGE_CODE[:2], "stakeholder_type": "company"}
    )
    email = ratelimit.email_key(request.POST.get("email"))  # None without one: the form will say so
    if request.method == "POST" and (
        retry_after := (email and ratelimit.count(request, "intervision_apply", key=email))
        or ratelimit.count(request, "intervision_apply_address")
    ):
        return ratelimit.rate_limited_response(request, retry_after)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply(group=group, details=form.cleaned_data)
        except services.IntervisionError as error:
            form.add_error(None, error.message)
        else:
            return redirect("intervision:applied", slug=group.slug)
    meetings = group.upcoming_meetings().select_related("event__venue")
    return render(
        request,
        "intervision/group_detail.html",
        {"group": group, "form": form, "meetings": meetings, "full": group.is_full},
        status=400 if request.method == "POST" else 200,
    )


def applied(request, slug):
    group = get_object_or_404(IntervisionGroup, slug=slug)
    return render(request, "intervision/applied.html", {"group": group})


def learnings(request):
    items = Learning.objects.published().select_related("group").order_by("-published_at")
    step = request.GET.get("step", "")
    commodity = request.GET.get("commodity", "")
    if step in OecdStep.values:
        items = items.filter(oecd_step=step)
    if commodity:
        items = items.filter(commodity__iexact=commodity)
    commodities = (
        Learning.objects.published()
        .exclude(commodity="")
        .order_by("commodity")
        .values_list("commodity", flat=True)
        .distinct()
    )
    return render(
        request,
        "intervision/learnings.html",
        {
            "learnings": items,
            "steps": OecdStep.choices,
            "step": step,
            "commodities": commodities,
            "commodity": commodity,
        },
    )


# The member's pages, behind the membership's secret.


def _membership(token):
    membership = (
        Membership.objects.select_related("group", "participant")
        .filter(
            token_hash__in=hashed_secrets.digests(token, hashed_secrets.MEMBER), participant__anonymised_at__isnull=True
        )
        .first()
    )
    if membership is None:
        raise UnknownLink  # counted against the address by @secret_link, as a wrong private link is
    return membership


@never_cache
@secret_link
def member(request, token):
    membership = _membership(token)
    group = membership.group
    context = {"membership": membership, "group": group, "statuses": MembershipStatus}
    if membership.status == MembershipStatus.ACCEPTED:
        context["agreement_form"] = AgreementForm()
    if membership.status in OPEN_FOR_CASES:
        form = CaseForm(request.POST or None, group=group)
        if request.method == "POST" and form.is_valid():
            try:
                services.submit_case(
                    membership=membership,
                    meeting=form.cleaned_data["meeting"],
                    title=form.cleaned_data["title"],
                    question=form.cleaned_data["question"],
                    oecd_step=form.cleaned_data["oecd_step"],
                )
            except services.IntervisionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your case has been submitted. The facilitator will be in touch."))
                return redirect(membership.get_absolute_url())
        context["case_form"] = form
        context["meetings"] = group.meetings.select_related("event").prefetch_related("cases__membership__participant")
    elif request.method == "POST":
        raise Http404
    # The proof of participation stays available after leaving the group: the meetings were attended.
    context["proofs"] = participation_years(membership)
    status = 400 if request.method == "POST" else 200
    return render(request, "intervision/member.html", context, status=status)


@require_POST
@secret_link
def accept_agreement(request, token):
    membership = _membership(token)
    form = AgreementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to accept the agreement."))
        return redirect(membership.get_absolute_url())
    try:
        services.accept_agreement(membership=membership)
    except services.IntervisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Welcome to the group. You are registered for its meetings; the invitations are on their way.")
        )
    return redirect(membership.get_absolute_url())


@never_cache
@secret_link
def case_detail(request, token, pk):
    membership = _membership(token)
    if membership.status not in OPEN_FOR_CASES:
        raise Http404
    # Looked up within the member's own group: another group's case does not exist here.
    case = get_object_or_404(
        Case.objects.select_related("membership__participant", "meeting__event"),
        pk=pk,
        meeting__group=membership.group,
    )
    return render(
        request, "intervision/case_detail.html", {"membership": membership, "group": membership.group, "case": case}
    )


@secret_link
def leave(request, token):
    membership = _membership(token)
    if membership.status not in (
        MembershipStatus.APPLIED,
        MembershipStatus.ACCEPTED,
        MembershipStatus.ACTIVE,
        MembershipStatus.WAITLISTED,
    ):
        return redirect(membership.get_absolute_url())
    if request.method == "POST":
        try:
            services.leave(membership=membership)
        except services.IntervisionError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("You have left the group. Your registrations for its future meetings are cancelled.")
            )
        return redirect(membership.get_absolute_url())
    return render(request, "intervision/leave.html", {"membership": membership, "group": membership.group})


def participation_years(membership):
    """[(year, year certificate or None)] for each year with a meeting of the group attended, newest first."""
    years = {
        timezone.localtime(starts_at).year
        for starts_at in Attendance.objects.counted()
        .filter(
            registration__participant=membership.participant,
            session__page__intervision_meeting__group=membership.group,
        )
        .values_list("session__starts_at", flat=True)
    }
    certificates = {
        c.year: c
        for c in Certificate.objects.of_series(membership.group).filter(
            participant=membership.participant, year__in=years
        )
    }
    return [(year, certificates.get(year)) for year in sorted(years, reverse=True)]


def _check_year(year):
    # A year in the path that no meeting can have is simply not found (and never reaches a date lookup).
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404


def _year_certificate(token, year):
    _check_year(year)
    membership = _membership(token)
    certificate = (
        Certificate.objects.of_series(membership.group)
        .valid()
        .filter(participant=membership.participant, year=year)
        .first()
    )
    if certificate is None:
        raise Http404(_("There is no certificate for this year."))
    return certificate


@require_GET
@never_cache
@secret_link
def certificate_pdf(request, token, year):
    return certificate_views.pdf_response(_year_certificate(token, year))


@require_GET
@never_cache
@secret_link
def certificate_json(request, token, year):
    return certificate_views.badge_json_response(_year_certificate(token, year))


@never_cache
@secret_link
def participation(request, token, year):
    """A printable proof of participation: the meetings of this group the member attended in ``year``."""
    _check_year(year)
    membership = _membership(token)
    attendances = (
        Attendance.objects.counted()
        .filter(
            registration__participant=membership.participant,
            session__page__intervision_meeting__group=membership.group,
            session__starts_at__year=year,
        )
        .select_related("session__page")
        .order_by("session__starts_at")
    )
    if not attendances:
        raise Http404
    certificate = (
        Certificate.objects.of_series(membership.group).filter(participant=membership.participant, year=year).first()
    )
    return render(
        request,
        "intervision/participation.html",
        {
            "membership": membership,
            "group": membership.group,
            "attendances": attendances,
            "year": year,
            "certificate": certificate,
        },
    )


@private_link
def from_private_link(request, registration):
    """The registration's private link leads to the member's page of the meeting's group."""
    meeting = getattr(registration.event, "intervision_meeting", None)
    if meeting is None:
        raise Http404
    membership = (
        Membership.objects.filter(group_id=meeting.group_id, participant_id=registration.participant_id)
        .order_by("-applied_at")
        .first()
    )
    if membership is None:
        raise Http404
    return redirect(reverse("intervision:member", kwargs={"token": membership.token}))
