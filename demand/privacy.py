"""What demand holds about a person: an email address with a region, per programme.

Unsubscribing deletes it at once. The retention policy deletes requests never confirmed after
``UNCONFIRMED_DAYS`` days. The person's data download (``participant_data_export``) lists the
programmes their address asked about. Erasure through the participants app blanks the address
before the hooks run, so it cannot find these rows: the person unsubscribes from any of our emails
(one click), which deletes them.
"""

from datetime import timedelta

from .models import Interest

UNCONFIRMED_DAYS = 30


def apply_demand_retention(*, now, policy):
    cutoff = now - timedelta(days=policy.get("unconfirmed_interest_days", UNCONFIRMED_DAYS))
    deleted = (
        Interest.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()[1].get("demand.Interest", 0)
    )
    return {"unconfirmed_interests_deleted": deleted}


def export_demand(participant):
    return (
        "interest_in_trainings",
        [
            {
                "programme": interest.programme.title,
                "stakeholder_type": interest.stakeholder_type,
                "region": interest.region,
                "language": interest.language,
                "confirmed_at": interest.confirmed_at.isoformat() if interest.confirmed_at else None,
            }
            for interest in Interest.objects.filter(email__iexact=participant.email).select_related("programme")
        ],
    )
