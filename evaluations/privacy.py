"""What evaluations hold about a person, under the retention policy and on erasure.

The answers hold no person (models.py). What links a person to their answers is the sealed key on
their invitation: erasure (``participant_anonymise``) blanks it, so the answers still count in every
figure but are nobody's any more, and cannot be changed. Open answers are free text that may name
someone: the retention policy deletes their text ``evaluation_open_answer_months`` months after the
evaluation closed (the scores stay). The data download lists the evaluations a person was asked to
fill in and whether they did, not their answers: we cannot tell which are theirs.

Registered in wagtail_hooks.py for the hooks participants calls.
"""

from participants.privacy.retention import months_before

from .models import TEXT, Answer, Invitation

DEFAULT_MONTHS = 12


def apply_evaluation_retention(*, now, policy):
    months = policy.get("evaluation_open_answer_months", DEFAULT_MONTHS)
    cutoff = months_before(now, months)
    expired = Answer.objects.filter(
        question__kind__in=TEXT, question__evaluation__closes_at__lt=cutoff, text_deleted_at__isnull=True
    ).exclude(text="")
    deleted = expired.update(text="", text_deleted_at=now.date())
    # Nobody changes answers after the evaluation closed: the links to them are of no more use.
    unlinked = (
        Invitation.objects.filter(evaluation__closes_at__lt=cutoff)
        .exclude(answer_key_sealed="")
        .update(answer_key_sealed="")
    )
    return {"evaluation_open_answers_deleted": deleted, "evaluation_links_removed": unlinked}


def unlink_evaluations(participant, *, now, on_request=False):
    """On erasure (and anonymisation by the policy): the person's answers stay, but are nobody's."""
    Invitation.objects.filter(registration__participant=participant).update(answer_key_sealed="")


def export_evaluations(participant):
    return (
        "evaluations",
        [
            {
                "event": invitation.evaluation.event.title,
                "invited_at": invitation.invited_at.isoformat() if invitation.invited_at else None,
                "reminded_at": invitation.reminded_at.isoformat() if invitation.reminded_at else None,
                "answered": bool(invitation.answered_at),
            }
            for invitation in Invitation.objects.filter(registration__participant=participant)
            .select_related("evaluation__event")
            .order_by("pk")
        ],
    )
