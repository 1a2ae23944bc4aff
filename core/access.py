"""The access policy: who may see or do what, for which event, registration, group or case.

Every admin view, viewset, report, export, check-in endpoint and intervision screen asks here, and
nowhere else. Roles are permissions (codenames), which the data migrations grant to the groups
(Secretariat, Organisers, Editors; ``site/pages/migrations``); nothing here or in a view names a group.

- The Secretariat holds ``events.manage_all_events`` (every event, every registration) and
  ``events.assign_organisers`` (who organises an event and who facilitates a group).
- Organisers hold ``events.plan_events`` (capacity, reserved seats, registration window) and reach
  the events whose ``organisers`` name them; nothing of other events, not even whether a
  registration there exists.
- Editors hold neither: they edit texts of content pages and events, never personal data or the
  operational fields. Someone who is both Editor and Organiser is treated as an Organiser.
- Facilitators: a group's ``facilitator``. Its cases are for the facilitator only, whatever else the
  user may do; nobody may make themselves facilitator (another Secretariat member must), so no role
  reaches confidential cases on its own say-so.
- Participants have no account: their private link is their key (``participants.links``).

This module imports no app: it works on the models through the relations and permissions named
below, so every app can ask it (``core`` is the bottom layer).
"""

MANAGE_ALL_EVENTS = "events.manage_all_events"
ASSIGN_ORGANISERS = "events.assign_organisers"
PLAN_EVENTS = "events.plan_events"
MANAGE_GROUPS = "intervision.change_intervisiongroup"
PUBLISH_LEARNINGS = "intervision.publish_learning"
ISSUE_CERTIFICATES = "certificates.add_certificatebatch"


def is_active(user):
    return bool(user is not None and user.is_authenticated and user.is_active)


# Events, and what hangs from them (registrations, attendance, scans, certificates).


def sees_all_events(user):
    """The Secretariat (and superusers) plan and run every event."""
    return is_active(user) and (user.is_superuser or user.has_perm(MANAGE_ALL_EVENTS))


def _event_id(event):
    return getattr(event, "pk", event)


def organises(user, event):
    """Whether ``user`` is named among the organisers of ``event`` (an EventPage or its id)."""
    if not is_active(user) or event is None:
        return False
    return user.organised_events.filter(pk=_event_id(event)).exists()


def may_run_event(user, event):
    """Registrations, check-in, attendance, scan log, exports and messages of ``event``."""
    return sees_all_events(user) or organises(user, event)


def scope_events(user, events):
    """The events of the queryset ``events`` that ``user`` may run."""
    if sees_all_events(user):
        return events
    if not is_active(user):
        return events.none()
    return events.filter(organisers=user)


def scope(user, queryset, event="event"):
    """The rows of ``queryset`` (registrations, attendance, certificates ...) of events ``user`` may run.

    ``event`` is the lookup path from the rows to their EventPage.
    """
    if sees_all_events(user):
        return queryset
    if not is_active(user):
        return queryset.none()
    return queryset.filter(**{f"{event}__organisers": user})


def runs_any_event(user):
    return sees_all_events(user) or (is_active(user) and user.organised_events.exists())


def may_replace_links(user):
    """A participant's private link is replaced (the old one dead) by them, or by the Secretariat."""
    return sees_all_events(user)


def may_plan(user):
    """Operational fields of an event (capacity, reserved seats, registration window)."""
    return is_active(user) and (user.is_superuser or user.has_perm(PLAN_EVENTS))


def may_assign_organisers(user):
    return is_active(user) and (user.is_superuser or user.has_perm(ASSIGN_ORGANISERS))


def may_edit_event(user, event):
    """The event's page in the editor: Editors edit the texts of any event, organisers only their own."""
    if not is_active(user):
        return False
    if not may_plan(user):
        return True  # an Editor: the operational fields are not in their form (panel permissions)
    return sees_all_events(user) or organises(user, event)


def sees_all_events_sql():
    """SQL that is true when the user whose id is the one parameter sees all events, for hot paths.

    The door's check-in asks this in its one locking statement (participants' check-in service)
    instead of loading the user's permissions first: two queries more per scan otherwise.
    """
    app_label, codename = MANAGE_ALL_EVENTS.split(".")
    return (
        "EXISTS (SELECT 1 FROM auth_permission ap"
        " INNER JOIN django_content_type ct ON ct.id = ap.content_type_id"
        " WHERE ap.codename = %s AND ct.app_label = %s AND ("
        " ap.id IN (SELECT gp.permission_id FROM auth_group_permissions gp"
        " INNER JOIN auth_user_groups ug ON ug.group_id = gp.group_id WHERE ug.user_id = %s)"
        " OR ap.id IN (SELECT up.permission_id FROM auth_user_user_permissions up WHERE up.user_id = %s)))"
    ), [codename, app_label]


# Intervision groups and their confidential cases.


def facilitates(user, group):
    return is_active(user) and group is not None and group.facilitator_id == user.pk


def scope_groups(user, groups):
    """Groups whose members and meetings ``user`` manages: their own, or all for a superuser."""
    if not is_active(user):
        return groups.none()
    if user.is_superuser:
        return groups
    return groups.filter(facilitator=user)


def scope_meetings(user, meetings):
    """Meetings (dates, not cases): the facilitator's, or all for whoever manages groups."""
    if not is_active(user):
        return meetings.none()
    if user.is_superuser or user.has_perm(MANAGE_GROUPS):
        return meetings
    return meetings.filter(group__facilitator=user)


def scope_cases(user, cases):
    """Case texts: the group's own facilitator only, whatever the role (superusers included)."""
    if not is_active(user):
        return cases.none()
    return cases.filter(meeting__group__facilitator=user)


def scope_learnings(user, learnings):
    """Facilitators see their groups' learnings; whoever may publish them (the Secretariat) sees all."""
    if not is_active(user):
        return learnings.none()
    if user.is_superuser or user.has_perm(PUBLISH_LEARNINGS):
        return learnings
    return learnings.filter(group__facilitator=user)


def may_manage_meetings(user, group):
    return facilitates(user, group) or (is_active(user) and (user.is_superuser or user.has_perm(MANAGE_GROUPS)))


def may_issue_group_certificates(user, group):
    return facilitates(user, group) or (is_active(user) and (user.is_superuser or user.has_perm(ISSUE_CERTIFICATES)))


def may_assign_facilitator(user, facilitator):
    """The Secretariat assigns facilitators, never itself: a facilitator reads the group's cases."""
    if not may_assign_organisers(user):
        return False
    return facilitator is None or facilitator.pk != user.pk
