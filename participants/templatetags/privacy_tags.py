"""``{% retention_policy %}``: the retention periods as the settings have them, for the privacy statement,
so the statement and what the nightly clean-up does can never disagree."""

from django import template

from participants.privacy.retention import policy

register = template.Library()


@register.inclusion_tag("participants/retention_policy.html")
def retention_policy():
    return {"policy": policy()}
