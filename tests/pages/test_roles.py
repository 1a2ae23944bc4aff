"""The roles made by the data migration pages/0003_roles: what each group may do in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory, make_event, make_programme, organiser, secretariat

pytestmark = pytest.mark.django_db


def editor():
    return UserFactory(groups=["Editors"])


def test_the_three_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Organisers", "Secretariat", "Editors"}


@pytest.mark.parametrize("make_user", [organiser, secretariat, editor])
def test_every_role_can_log_in_to_the_admin(client, make_user):
    client.force_login(make_user())
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_user_without_a_role_cannot(client):
    client.force_login(UserFactory())
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_organiser_plans_events(client):
    user = organiser()
    programme = make_programme()
    event = make_event(programme=programme)
    assert programme.permissions_for_user(user).can_add_subpage()
    # Another organiser's event: not theirs to edit (the access policy); their own event is.
    assert not event.permissions_for_user(user).can_edit()
    event.organisers.add(user)
    event.save_revision().publish()
    assert event.permissions_for_user(user).can_edit()
    assert event.permissions_for_user(user).can_publish()
    assert user.has_perms(["events.add_venue", "events.change_venue"])
    assert user.has_perms(["participants.view_registration", "participants.add_attendance"])
    assert not user.has_perm("events.delete_venue")
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_pages:add", args=("events", "eventpage", programme.pk))).status_code == 200


def test_secretariat_sees_all_registrations_and_keeps_the_site_settings():
    user = secretariat()
    assert user.has_perms(
        [
            "participants.view_registration",
            "participants.change_registration",
            "participants.view_participant",
            "participants.view_attendance",
            "participants.view_outboxemail",
            "pages.change_sitesettings",
        ]
    )
    assert make_programme().permissions_for_user(user).can_add_subpage()


def test_editor_edits_pages_but_not_registrations(client):
    user = editor()
    event = make_event()
    assert event.permissions_for_user(user).can_edit()
    assert event.get_parent().permissions_for_user(user).can_add_subpage()
    for perm in ("view_registration", "view_participant", "view_attendance", "view_organisation"):
        assert not user.has_perm(f"participants.{perm}"), perm
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,))).status_code == 200


def test_no_role_is_a_superuser_or_may_manage_users():
    for make_user in (organiser, secretariat, editor):
        user = make_user()
        assert not user.is_superuser
        assert not user.has_perm("auth.change_user")
        assert not user.has_perm("auth.change_group")
