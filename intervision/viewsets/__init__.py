"""The intervision admin under one "Intervision" menu: groups, memberships, meetings, cases, learnings.

Row-level rules, on top of the model permissions the roles get (migration 0002), kept by
``core.admin_scope`` with each model's ``visible_to`` (which asks ``core.access``):
- memberships and meetings: the group's facilitator (and superusers);
- cases: the group's facilitator only, whatever the role; nobody has them in a report or export;
- learnings: the group's facilitator; whoever may publish them (the Secretariat) sees them all.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from intervision.viewsets.cases import CaseViewSet, LearningViewSet
from intervision.viewsets.groups import IntervisionGroupViewSet
from intervision.viewsets.meetings import MeetingViewSet
from intervision.viewsets.memberships import MembershipViewSet


class IntervisionViewSetGroup(ViewSetGroup):
    menu_label = _("Intervision")
    menu_icon = "group"
    menu_order = 230
    items = (IntervisionGroupViewSet, MembershipViewSet, MeetingViewSet, CaseViewSet, LearningViewSet)
