"""What intervision holds about a person, under the retention policy and on erasure.

Free text is what could identify someone here: a case's title and question (a member's own words
about their company and suppliers), and an application's motivation and job title. The rows stay:
memberships (who was in which group, when) and cases (who brought one to which meeting, and whether
it was chosen) feed the rotation and the group's figures, and hold nothing personal once blanked.
Learnings are written anonymised by the facilitator and are not touched.

- A case's text goes ``intervision_case_months_after_meeting`` months after its meeting: it has been
  discussed, and what is worth keeping is in a learning.
- A motivation goes ``intervision_motivation_days_after_decision`` days after the application was
  decided: it served the decision.
- When a person is anonymised (privacy.anonymise), all of the above goes at once for them, with the
  sector they gave, the text of the emails that told the facilitator of their application, and
  their member link stops working.

Registered in wagtail_hooks.py for the hooks participants calls: ``apply_retention``,
``participant_anonymise`` and ``participant_data_export``.
"""

from datetime import timedelta

from participants import hashed_secrets
from participants.mail.outbox import blank_emails
from participants.models import OutboxEmail
from participants.privacy.erasure import relabel_log_entries
from participants.privacy.retention import months_before

from .models import Case, Membership

CASE_TEXT = {"title": "", "question": ""}
MEMBERSHIP_TEXT = {"motivation": "", "job_title": "", "sector": ""}
# Emails about a membership to someone else (the facilitator), which name the applicant.
EMAILS_ABOUT_MEMBERSHIP = ("intervision-new-application:{pk}",)


def _blank_cases(cases):
    return cases.exclude(title="", question="").update(**CASE_TEXT)


def apply_intervision_retention(*, now, policy):
    """Blank old cases' text and decided applications' motivation."""
    case_cutoff = months_before(now, policy["intervision_case_months_after_meeting"])
    motivation_cutoff = now - timedelta(days=policy["intervision_motivation_days_after_decision"])
    cases = _blank_cases(Case.objects.filter(meeting__event__ends_at__lt=case_cutoff))
    motivations = (
        Membership.objects.filter(decided_at__lt=motivation_cutoff).exclude(motivation="").update(motivation="")
    )
    return {"intervision_cases_blanked": cases, "intervision_motivations_deleted": motivations}


def anonymise_intervision(participant, *, now, **kwargs):
    """Blank what the person wrote and told in intervision, and revoke their member links."""
    memberships = Membership.objects.filter(participant=participant)
    _blank_cases(Case.objects.filter(membership__in=memberships))
    memberships.update(**MEMBERSHIP_TEXT)
    pks = list(memberships.values_list("pk", flat=True))
    blank_emails(
        OutboxEmail.objects.filter(key__in=[key.format(pk=pk) for key in EMAILS_ABOUT_MEMBERSHIP for pk in pks])
    )
    for pk in memberships.values_list("pk", flat=True):
        # One by one: each needs its own fresh secret (a unique column).
        Membership.objects.filter(pk=pk).update(**hashed_secrets.fresh_columns("token", hashed_secrets.MEMBER))
    # Wagtail labels its own log entries with str(obj): "name - group" for a membership, the title for a case.
    relabel_log_entries(Membership, memberships.values_list("pk", flat=True))
    relabel_log_entries(Case, Case.objects.filter(membership__in=memberships).values_list("pk", flat=True))


def export_intervision(participant):
    """The person's memberships and the cases they brought, for their data download."""
    memberships = Membership.objects.filter(participant=participant).select_related("group").order_by("applied_at")
    return (
        "intervision",
        [
            {
                "group": membership.group.name,
                "status": membership.status,
                "job_title": membership.job_title,
                "sector": membership.sector,
                "motivation": membership.motivation,
                "applied_at": membership.applied_at.isoformat(),
                "cases": [
                    {"title": case.title, "question": case.question, "submitted_at": case.submitted_at.isoformat()}
                    for case in membership.cases.order_by("submitted_at")
                ],
            }
            for membership in memberships
        ],
    )
