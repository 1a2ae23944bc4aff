"""Everything below the private link /r/<access_token>/: one way to find the registration, one 404
page for a link that leads nowhere, and rate limits that slow down guessing but not a participant.

The URLs are read from the URLconf, so a view added below /r/ later is covered without editing this.
"""

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from participants.models import Participant, RegistrationStatus
from participants.registration.services import confirmation_token
from tests.factories import RegistrationFactory, make_event

pytestmark = pytest.mark.django_db

INVALID_LINK = "Deze link werkt niet"  # the heading of the one page for a link that leads nowhere


def private_link_url_names():
    """The namespaced name of every URL whose route starts with ``r/<``, from the project's URLconf."""
    names = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, route, inner)
            elif route.startswith("r/<") and pattern.name:
                names.append(namespace + pattern.name)

    walk(get_resolver().url_patterns, "", "")
    return sorted(names)


PRIVATE_LINK_URLS = private_link_url_names()


def test_the_list_of_private_link_urls_is_read_from_the_urlconf():
    # If the walk above broke, every test parametrized over it would pass without testing anything.
    assert {
        "participants:private_link",
        "participants:cancel",
        "participants:invite_file",
        "participants:checkin_qr_svg",
        "participants:checkin_qr_png",
        "participants:checkin_ticket",
        "participants:privacy_download",
        "participants:privacy_erase",
        "certificates:pdf",
        "certificates:badge_json",
        "intervision:private_link",
    } <= set(PRIVATE_LINK_URLS)


def unknown(registration):
    return "x" * 43


def malformed(registration):
    return "not a token; <script>"


def revoked(registration):
    old = registration.access_token
    registration.revoke_access()
    return old


def anonymised(registration):
    # The token is left as it was: the lookup itself must refuse an anonymised person.
    Participant.objects.filter(pk=registration.participant_id).update(anonymised_at=timezone.now())
    return registration.access_token


@pytest.mark.parametrize("link", [unknown, malformed, revoked, anonymised])
@pytest.mark.parametrize("name", PRIVATE_LINK_URLS)
def test_a_link_that_leads_nowhere_is_the_same_404_everywhere(client, name, link):
    registration = RegistrationFactory(participant__last_name="Verborgen", participant__email="geheim@example.org")
    url = reverse(name, kwargs={"access_token": link(registration)})
    response = client.get(url)
    assert response.status_code == 404
    page = response.content.decode()
    assert INVALID_LINK in page  # the lookup refused it, not some later check of the view
    for secret in ("Verborgen", "geheim@example.org", registration.event.title):
        assert secret not in page
    assert "no-store" in response["Cache-Control"]


def test_changes_through_a_revoked_link_change_nothing(client):
    registration = RegistrationFactory(dietary_needs="")
    old = revoked(registration)
    assert client.post(reverse("participants:private_link", args=[old]), {"dietary_needs": "Vegan"}).status_code == 404
    assert client.post(reverse("participants:cancel", args=[old])).status_code == 404
    assert client.post(reverse("participants:privacy_erase", args=[old]), {"confirm": "yes"}).status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED and registration.dietary_needs == ""
    assert registration.participant.anonymised_at is None


# Rate limits.


def test_a_participant_reloading_their_page_is_never_refused(client, ratelimits):
    """With the rates as configured: the page and its QR code, reloaded twenty times in a row."""
    registration = RegistrationFactory()
    page = reverse("participants:private_link", args=[registration.access_token])
    qr = reverse("participants:checkin_qr_svg", args=[registration.access_token])
    codes = {client.get(url).status_code for _ in range(20) for url in (page, qr)}
    assert codes == {200}


def test_guessing_links_locks_the_address_out_of_every_private_link(client, ratelimits):
    ratelimits["private_link_miss"] = "5/d"
    registration = RegistrationFactory()
    page = reverse("participants:private_link", args=[registration.access_token])
    guesses = [client.get(reverse("participants:private_link", args=[f"guess{i:038d}"])) for i in range(5)]
    assert {response.status_code for response in guesses} == {404}
    # Now even a real link is refused from this address, with a page in the visitor's language ...
    refused = client.get(page)
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 86401
    assert "Te veel verzoeken" in refused.content.decode()
    assert client.get(reverse("certificates:pdf", args=[f"guess{0:038d}"])).status_code == 429
    # ... and the email confirmation link, another secret to guess, is throttled with it.
    assert client.get(reverse("participants:confirm_email", args=[confirmation_token(registration)])).status_code == 429
    # Another address is not affected.
    assert Client(REMOTE_ADDR="10.0.0.9").get(page).status_code == 200


def test_what_a_valid_link_refuses_is_no_failed_guess(client, ratelimits):
    """A cancelled registration has no QR code (404), but its link is real: reloading it blocks nobody."""
    ratelimits["private_link_miss"] = "2/d"
    registration = RegistrationFactory(status=RegistrationStatus.CANCELLED)
    qr = reverse("participants:checkin_qr_png", args=[registration.access_token])
    assert {client.get(qr).status_code for _ in range(5)} == {404}
    assert client.get(reverse("participants:private_link", args=[registration.access_token])).status_code == 200


def test_every_address_has_a_budget_of_private_link_requests(client, ratelimits):
    ratelimits["private_link"] = "3/d"
    registration = RegistrationFactory(event=make_event())
    urls = [
        reverse(name, args=[registration.access_token])
        for name in ("participants:private_link", "participants:invite_file", "participants:privacy_download")
    ]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    assert client.get(urls[0]).status_code == 429


def test_guessing_intervision_member_links_counts_as_well(client, ratelimits):
    ratelimits["private_link_miss"] = "2/d"
    for guess in ("guess-one", "guess-two"):
        assert client.get(reverse("intervision:member", args=[guess])).status_code == 404
    registration = RegistrationFactory()
    assert client.get(reverse("participants:private_link", args=[registration.access_token])).status_code == 429
    assert client.get(reverse("intervision:member", args=["guess-three"])).status_code == 429
