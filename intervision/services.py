"""Writes and rules of intervision: applying, accepting, the agreement, leaving, meetings, cases, attendance.

Meeting registrations are ordinary Registrations (source ``intervision``), confirmed or cancelled
here with the same signals the registration service sends, so the calendar invites and
cancellations follow without this app knowing about calendars.
"""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from certificates.eligibility import series_participant_ids
from certificates.services import issue_year_certificate
from core.absolute import absolute_url
from core.errors import DomainError
from events.choices import AttendanceRule, CompanySize, EventKind, StakeholderType
from events.models import EventPage, EventSession
from participants.mail.outbox import queue_email
from participants.models import (
    ACTIVE,
    Attendance,
    AttendanceMethod,
    Participant,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from participants.registration.services import RegistrationError, cancel, register, upsert_person

from .models import (
    DECIDABLE,
    OPEN_STATUSES,
    SEAT_TAKING,
    Case,
    IntervisionGroup,
    Meeting,
    Membership,
    MembershipStatus,
)


class IntervisionError(DomainError):
    """A rule of intervision said no; ``message`` is for the user, ``code`` for the code."""


def check_eligible(*, stakeholder_type, company_size):
    """Refuse anyone but an SME company, with a message that says why and where to go instead."""
    if stakeholder_type != StakeholderType.COMPANY:
        raise IntervisionError(
            _("Intervision groups are open to representatives of SME companies only."), "not_company"
        )
    if company_size != CompanySize.SME:
        raise IntervisionError(
            _(
                "Intervision groups are for SMEs (under 250 employees). Large companies are welcome "
                "at the due diligence roadshow and the other trainings."
            ),
            "large_company",
        )


def apply(*, group, details):
    """Record an SME representative's application to ``group``; on the waiting list when it is full.

    Applying again with the same email address sends the existing link again rather than saying
    so on the page, which would tell anyone typing an address who is in which group.
    """
    check_eligible(stakeholder_type=details.get("stakeholder_type"), company_size=details.get("company_size"))
    if not group.accepts_applications:
        raise IntervisionError(_("This group does not take applications at the moment."), "closed")
    now = timezone.now()
    with transaction.atomic():
        group = IntervisionGroup.objects.select_for_update().get(pk=group.pk)
        participant, organisation = upsert_person(details=details, fill_blanks=True)
        existing = Membership.objects.filter(group=group, participant=participant, status__in=OPEN_STATUSES).first()
        if existing:
            # At most one resend per ten minutes, as for a registration: the form must not become a way
            # to flood someone's inbox by typing their address again and again.
            bucket = int(now.timestamp() // 600)
            _email_application(existing, key=f"intervision-application:{existing.pk}:resend:{bucket}")
            return existing
        membership = Membership.objects.create(
            group=group,
            participant=participant,
            organisation=organisation,
            job_title=details.get("job_title", ""),
            sector=details.get("sector", ""),
            motivation=details.get("motivation", ""),
            language=details.get("language") or group.language,
            status=MembershipStatus.WAITLISTED if group.is_full else MembershipStatus.APPLIED,
            consent_at=now,
            applied_at=now,
        )
        _email_application(membership, key=f"intervision-application:{membership.pk}")
        _email_facilitator(
            group,
            key=f"intervision-new-application:{membership.pk}",
            template="intervision/email/new_application",
            admin_url=reverse("intervision_memberships:index"),
            membership=membership,
        )
    return membership


def _email_facilitator(group, *, key, template, admin_url, **context):
    """Tell the group's facilitator (if they have an address), in the group's language, with a link to the admin."""
    if group.facilitator and group.facilitator.email:
        queue_email(
            key=key,
            to=group.facilitator.email,
            template=template,
            context={"group": group, "admin_link": absolute_url(admin_url), **context},
            language=group.language,
        )


def _email_application(membership, *, key):
    queue_email(
        key=key,
        to=membership.participant.email,
        template="intervision/email/application",
        context={
            "membership": membership,
            "group": membership.group,
            "participant": membership.participant,
            "link": absolute_url(membership.get_absolute_url()),
        },
        language=membership.language,
    )


def _lock(membership):
    IntervisionGroup.objects.select_for_update().get(pk=membership.group_id)
    return Membership.objects.select_for_update().select_related("group", "participant").get(pk=membership.pk)


def accept(*, membership, by):
    """Accept an application; the member then accepts the agreement through the emailed link."""
    with transaction.atomic():
        membership = _lock(membership)
        if membership.status not in DECIDABLE:
            raise IntervisionError(_("This application has already been decided."), "decided")
        if membership.group.is_full:
            raise IntervisionError(
                _("The group is full. Someone has to leave before you can accept another member."), "full"
            )
        membership.status = MembershipStatus.ACCEPTED
        membership.decided_at = timezone.now()
        membership.decided_by = by
        membership.save(update_fields=["status", "decided_at", "decided_by"])
        queue_email(
            key=f"intervision-accepted:{membership.pk}",
            to=membership.participant.email,
            template="intervision/email/accepted",
            context={
                "membership": membership,
                "group": membership.group,
                "participant": membership.participant,
                "link": absolute_url(membership.get_absolute_url()),
            },
            language=membership.language,
        )
    return membership


def decline(*, membership, by):
    """Decline an application (or a place on the waiting list) and tell the applicant."""
    with transaction.atomic():
        membership = _lock(membership)
        if membership.status not in DECIDABLE:
            raise IntervisionError(_("This application has already been decided."), "decided")
        membership.status = MembershipStatus.DECLINED
        membership.decided_at = timezone.now()
        membership.decided_by = by
        membership.save(update_fields=["status", "decided_at", "decided_by"])
        queue_email(
            key=f"intervision-declined:{membership.pk}",
            to=membership.participant.email,
            template="intervision/email/declined",
            context={"membership": membership, "group": membership.group, "participant": membership.participant},
            language=membership.language,
        )
    return membership


def accept_agreement(*, membership):
    """Make an accepted applicant a member and register them for every future meeting of the group."""
    with transaction.atomic():
        membership = _lock(membership)
        if membership.status == MembershipStatus.ACTIVE:
            return membership
        if membership.status != MembershipStatus.ACCEPTED:
            raise IntervisionError(
                _("Your application has not been accepted (yet), so there is no agreement to accept."), "not_accepted"
            )
        membership.status = MembershipStatus.ACTIVE
        membership.agreement_accepted_at = timezone.now()
        membership.save(update_fields=["status", "agreement_accepted_at"])
        for meeting in membership.group.meetings.upcoming().select_related("event"):
            _register(membership, meeting.event)
    return membership


def _register(membership, event):
    """Register a member for a meeting of their group, through the registration service."""
    if event.is_cancelled:
        return None
    participant = membership.participant
    details = {
        "email": participant.email,
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "stakeholder_type": StakeholderType.COMPANY,
        "company_size": CompanySize.SME,
        "sector": membership.sector,
        "organisation": membership.organisation.name if membership.organisation else "",
        "job_title": membership.job_title,
        "language": membership.language,
    }
    try:
        outcome = register(event=event, details=details, source=RegistrationSource.INTERVISION, notify=False)
    except RegistrationError:
        return None
    return outcome.registration if outcome.created else None


def leave(*, membership):
    """Take a member (or applicant) out of the group and cancel their registrations for future meetings."""
    with transaction.atomic():
        membership = _lock(membership)
        if membership.status not in OPEN_STATUSES:
            raise IntervisionError(_("You are no longer in this group."), "not_open")
        freed_a_place = membership.status in SEAT_TAKING
        membership.status = MembershipStatus.LEFT
        membership.left_at = timezone.now()
        membership.save(update_fields=["status", "left_at"])
        registrations = Registration.objects.filter(
            participant=membership.participant,
            event__intervision_meeting__group=membership.group,
            event__starts_at__gt=membership.left_at,
            status__in=ACTIVE,
        )
        for registration in registrations:
            cancel(registration=registration, by_participant=True, notify=False, now=membership.left_at)
        group = membership.group
        waiting = group.memberships.filter(status=MembershipStatus.WAITLISTED).count()
        if freed_a_place and waiting:
            # The facilitator chooses who comes in from the waiting list: a group is not a queue.
            _email_facilitator(
                group,
                key=f"intervision-place-opened:{membership.pk}",
                template="intervision/email/place_opened",
                admin_url=reverse("intervision_memberships:index"),
                waiting=waiting,
            )
    return membership


def _unique_slug(parent, base):
    slug, n = base, 1
    siblings = set(parent.get_children().values_list("slug", flat=True))
    while slug in siblings:
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_meeting_series(
    *, group, first_date, start_time, end_time, interval_weeks, count, venue=None, online_url="", programme=None
):
    """Create ``count`` meetings every ``interval_weeks`` weeks as published EventPages under the programme.

    The pages are ordinary events afterwards: move a date or a venue in the page editor. Active
    members are registered for each new meeting.
    """
    programme = programme or group.programme
    if programme is None:
        raise IntervisionError(_("Choose the programme under which the meetings are created."), "no_programme")
    if end_time <= start_time:
        raise IntervisionError(_("A meeting must end after it starts."), "times")
    meetings = []
    with transaction.atomic():
        group = IntervisionGroup.objects.select_for_update().get(pk=group.pk)
        number = group.meetings.count()
        with translation.override(group.language):
            for index in range(count):
                number += 1
                day = first_date + timedelta(weeks=interval_weeks * index)
                starts_at = timezone.make_aware(datetime.combine(day, start_time))
                ends_at = timezone.make_aware(datetime.combine(day, end_time))
                title = gettext("%(group)s, meeting %(number)s") % {"group": group.name, "number": number}
                event = EventPage(
                    title=title,
                    slug=_unique_slug(programme, slugify(f"{group.slug}-{number}")),
                    kind=EventKind.INTERVISION,
                    language=group.language,
                    summary=group.theme,
                    venue=venue,
                    online_url=online_url,
                    capacity=group.max_size,
                    # The group page is the way in: the meeting page names the group instead of
                    # showing a form, and the public registration is closed (members are registered
                    # by accept_agreement). Should an organiser reopen it, registrations still wait
                    # for the facilitator.
                    registration_closes_at=timezone.now(),
                    requires_approval=True,
                    attendance_rule=AttendanceRule.ALL_SESSIONS,
                    organiser_email=group.facilitator.email if group.facilitator else "",
                )
                event.sessions = [EventSession(title=gettext("Meeting"), starts_at=starts_at, ends_at=ends_at)]
                if group.facilitator:
                    event.organisers = [group.facilitator]
                programme.add_child(instance=event)
                event.save_revision().publish()
                meeting = Meeting.objects.create(group=group, event=event, number=number)
                meetings.append(meeting)
        for membership in group.memberships.active().select_related("participant"):
            for meeting in meetings:
                if meeting.event.starts_at > timezone.now():
                    _register(membership, meeting.event)
    return meetings


def hand_over_group(*, group, previous):
    """Make the group's (new) facilitator the organiser of its meetings in place of ``previous``.

    A meeting's registrations and attendance belong to whoever runs its event: without this, the
    former facilitator would keep them, and the new one would not have them.
    """
    events = EventPage.objects.filter(intervision_meeting__group=group)
    for event in events:
        latest = event.get_latest_revision_as_object()
        organisers = {user.pk for user in latest.organisers.all()} - {getattr(previous, "pk", previous)}
        if group.facilitator_id:
            organisers.add(group.facilitator_id)
        latest.organisers = sorted(organisers)
        revision = latest.save_revision(log_action=False)
        if event.live and not event.has_unpublished_changes:
            revision.publish(log_action=False)
        elif event.live:
            # A draft waits for its editor; the live page changes its organisers now.
            event.organisers = sorted(organisers)
            event.save()


def submit_case(*, membership, meeting, title, question, oecd_step):
    """Record a member's case for a meeting of their own group that has not started yet."""
    if not membership.is_active:
        raise IntervisionError(_("Only members who accepted the agreement can submit a case."), "not_member")
    if meeting.group_id != membership.group_id:
        raise IntervisionError(_("This meeting does not exist."), "not_found")
    if meeting.has_started():
        raise IntervisionError(
            _("This meeting has already taken place; cases are submitted before a meeting. Choose a later meeting."),
            "too_late",
        )
    if meeting.event.is_cancelled:
        raise IntervisionError(_("This meeting has been cancelled. Choose another meeting."), "cancelled")
    case = Case.objects.create(
        membership=membership, meeting=meeting, title=title, question=question, oecd_step=oecd_step
    )
    # The email says that there is a case, not what it is: mailboxes are forwarded and shared.
    _email_facilitator(
        membership.group,
        key=f"intervision-new-case:{case.pk}",
        template="intervision/email/new_case",
        admin_url=reverse("intervision_meeting_cases", args=[meeting.pk]),
        meeting=meeting,
    )
    return case


def select_case_holders(*, meeting, cases, by):
    """Mark ``cases`` as the ones presented at ``meeting``; the meeting's other cases are not."""
    chosen = {case.pk for case in cases}
    now = timezone.now()
    with transaction.atomic():
        for case in meeting.cases.select_for_update():
            if case.pk in chosen and not case.selected_at:
                case.selected_at, case.selected_by = now, by
                case.save(update_fields=["selected_at", "selected_by"])
            elif case.pk not in chosen and case.selected_at:
                case.selected_at, case.selected_by = None, None
                case.save(update_fields=["selected_at", "selected_by"])


def record_attendance_list(*, meeting, present, by):
    """Tick the attendance list: ``present`` registrations attended every session; the others did not.

    Check-ins made at the door stay; unticking someone undoes their check-in, as the check-in
    screen's undo does, so the row remains as a record.
    """
    present_ids = {registration.pk for registration in present}
    now = timezone.now()
    sessions = list(meeting.event.sessions.all())
    registrations = Registration.objects.filter(event=meeting.event, status=RegistrationStatus.CONFIRMED)
    with transaction.atomic():
        for registration in registrations:
            for session in sessions:
                existing = Attendance.objects.filter(registration=registration, session=session, undone_at__isnull=True)
                if registration.pk in present_ids and not existing.exists():
                    try:
                        with transaction.atomic():
                            Attendance.objects.create(
                                registration=registration,
                                session=session,
                                checked_in_by=by,
                                method=AttendanceMethod.LIST,
                                checked_in_at=now,
                            )
                    except IntegrityError:
                        pass  # Checked in at the door in the same moment: that check-in counts.
                elif registration.pk not in present_ids:
                    existing.update(undone_at=now, undone_by=by)


# Year certificates: the proof of participation per year, through the certificates app.


def year_certificate_candidates(*, group, year):
    """Everyone who attended a meeting of ``group`` in ``year`` (members who left since too), by name."""
    ids = series_participant_ids(events=group.certificate_events(), year=year)
    return Participant.objects.filter(pk__in=ids, anonymised_at__isnull=True).order_by("last_name", "first_name", "pk")


def issue_year_certificates(*, group, year, by=None, participants=None):
    """Issue (or bring up to date) the year certificates of ``group`` for ``year``; return the outcome counts.

    Each goes out in the member's own language, by email, once per version; running it again issues
    only what is new. ``participants`` limits it to some of the candidates.
    """
    candidates = year_certificate_candidates(group=group, year=year)
    if participants is not None:
        candidates = candidates.filter(pk__in=[p.pk for p in participants])
    counts = {}
    for participant in candidates:
        membership = group.membership_of(participant)
        _certificate, outcome = issue_year_certificate(
            participant=participant,
            series=group,
            year=year,
            language=membership.language if membership else group.language,
            user=by,
        )
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
