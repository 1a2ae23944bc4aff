from datetime import timedelta

import pytest
from django.utils import timezone

from events.calendar import sync_event_calendar
from events.choices import EventStatus
from events.models import CalendarEntry, EventPage, EventSession
from events.signals import calendar_changed
from tests.factories import RegistrationFactory, VenueFactory, make_event, make_programme
from tests.ical import parse

pytestmark = pytest.mark.django_db


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return parse(response.content)


def summaries(cal):
    return sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))


def test_site_programme_and_event_feeds(client):
    roadshow = make_programme(title="Roadshow")
    nevi = make_programme(title="NEVI")
    utrecht = make_event(programme=roadshow, title="Utrecht", days=2)
    make_event(programme=nevi, title="Inkoop", days=1)
    make_event(programme=roadshow, title="Concept", publish=False)
    make_event(programme=roadshow, title="Long ago", start=timezone.now() - timedelta(days=800))

    site = feed(client, "/calendar.ics")
    assert summaries(site) == ["Inkoop: Day 1", "Utrecht: Day 1", "Utrecht: Day 2"]
    assert str(site["REFRESH-INTERVAL"].to_ical().decode()) == "PT6H"
    assert site["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert site["X-PUBLISHED-TTL"].to_ical() == b"PT6H"
    assert str(site["METHOD"]) == "PUBLISH"

    programme = feed(client, roadshow.url + "calendar.ics")
    assert summaries(programme) == ["Utrecht: Day 1", "Utrecht: Day 2"]
    assert str(programme["X-WR-CALNAME"]) == "Roadshow"

    event = feed(client, utrecht.url + "calendar.ics")
    uids = {str(e["UID"]) for e in event.walk("VEVENT")}
    assert uids == {str(s.ical_uid) for s in EventSession.objects.filter(page=utrecht)}


def test_feed_urls_that_are_not_feeds_are_404(client):
    make_event(title="Utrecht")
    assert client.get("/bestaat-niet/calendar.ics").status_code == 404
    assert client.post("/calendar.ics").status_code == 405


def test_public_feed_has_no_personal_data_and_shows_cancelled_events(client):
    event = make_event(title="Amsterdam", venue=VenueFactory(name="Zaal; de Hoek, 1e etage"), days=1)
    # A name of its own: a random one can be a word of the event's text (Zaal is a Dutch surname too).
    registration = RegistrationFactory(
        event=event, participant__first_name="Quirine", participant__last_name="Xanthopoulos"
    )
    page = EventPage.objects.get(pk=event.pk)
    page.status = EventStatus.CANCELLED
    page.save_revision().publish()

    text = client.get("/calendar.ics").content.decode()
    for private in (registration.participant.email, registration.participant.last_name, registration.access_token):
        assert private not in text.replace("\r\n ", "")
    assert "ATTENDEE" not in text and "ORGANIZER" not in text
    (vevent,) = parse(text).walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["SUMMARY"]) == "Geannuleerd: Amsterdam: Day 1"
    assert str(vevent["LOCATION"]).startswith("Zaal; de Hoek, 1e etage, Stationsplein 1")
    assert int(vevent["SEQUENCE"]) == 1


def test_feed_queries_do_not_grow_with_the_number_of_events(client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(cold):
        client.get("/calendar.ics")
        if cold:
            cache.clear()
            client.get("/")  # Wagtail's own cached site paths back in place; only our VEVENTs are cold
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/calendar.ics").status_code == 200
        return len(queries)

    programme = make_programme()
    make_event(programme=programme, venue=VenueFactory())
    one_warm, one_cold = count(cold=False), count(cold=True)
    for _ in range(4):
        make_event(programme=programme, venue=VenueFactory())
    assert count(cold=False) == one_warm
    assert count(cold=True) == one_cold


def test_sync_raises_sequence_only_for_visible_changes():
    event = make_event(days=2)
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    calendar_changed.connect(listener)
    try:
        assert not sync_event_calendar(event)  # Published by the factory: nothing new.
        EventPage.objects.filter(pk=event.pk).update(capacity=99)
        assert not sync_event_calendar(event)
        day1 = EventSession.objects.filter(page=event).order_by("starts_at").first()
        EventSession.objects.filter(pk=day1.pk).update(place="Zaal 2")
        changes = sync_event_calendar(event)
        assert changes.changed == [day1.ical_uid] and changes.removed == []
        assert CalendarEntry.objects.get(uid=day1.ical_uid).sequence == 1
        assert EventSession.objects.get(pk=day1.pk).ical_sequence == 1
        assert len(received) == 1
    finally:
        calendar_changed.disconnect(listener)


def test_revision_publish_does_not_lower_the_sequence():
    """Sessions come back from the page's revision on publish; the SEQUENCE must not go back with them."""
    event = make_event(days=1)
    page = EventPage.objects.get(pk=event.pk)
    (session,) = page.sessions.all()
    session.title = "Dag 1"
    page.sessions = [session]
    first = page.save_revision()  # both drafts are saved while the session's SEQUENCE is 0
    page.title = "Nieuwe titel"
    second = page.save_revision()
    first.publish()
    assert EventSession.objects.get(page=event).ical_sequence == 1
    second.publish()
    assert EventSession.objects.get(page=event).ical_sequence == 2
    assert CalendarEntry.objects.get(event=event).sequence == 2


def test_event_page_offers_add_to_calendar_links(client):
    event = make_event(title="Den Haag", days=2)
    html = client.get(event.url).text
    assert f'href="{event.url}calendar.ics"' in html
    assert html.count("https://calendar.google.com/calendar/render?action=TEMPLATE") == 2
    assert html.count("https://outlook.office.com/calendar/0/deeplink/compose?") == 2
    assert html.count("https://outlook.live.com/calendar/0/deeplink/compose?") == 2


def test_programme_and_home_pages_offer_webcal_subscriptions(client):
    programme = make_programme(title="Roadshow")
    assert f'href="webcal://testserver{programme.url}calendar.ics"' in client.get(programme.url).text
    assert 'href="webcal://testserver/calendar.ics"' in client.get("/").text


def test_feed_shows_changes_at_once_despite_its_cache(client):
    venue = VenueFactory(city="Utrecht")
    event = make_event(title="Utrecht", venue=venue, days=1)
    assert "Utrecht" in str(feed(client, "/calendar.ics").walk("VEVENT")[0]["LOCATION"])
    venue.city = "Zwolle"
    venue.save()  # a snippet edit, no publish of the event
    assert "Zwolle" in str(feed(client, "/calendar.ics").walk("VEVENT")[0]["LOCATION"])
    EventSession.objects.filter(page=event).update(place="Zaal 3")
    sync_event_calendar(event)
    vevent = feed(client, event.url + "calendar.ics").walk("VEVENT")[0]
    assert str(vevent["LOCATION"]).startswith("Zaal 3") and int(vevent["SEQUENCE"]) == 1


def calendar_state(event):
    sessions = EventSession.objects.filter(page=event).order_by("starts_at")
    return [(s.ical_uid, s.ical_sequence) for s in sessions]


def test_copying_an_event_gives_its_sessions_new_calendar_identities(client):
    """Wagtail's copy keeps child rows' fields; a copy with the same UIDs would be the same calendar entry."""
    event = make_event(title="Utrecht", days=2)
    page = EventPage.objects.get(pk=event.pk)
    page.sessions.first().place = "Zaal 2"
    page.save_revision().publish()  # the original's first session is at SEQUENCE 1 now
    original = calendar_state(event)

    copy = page.copy(to=make_programme(title="Najaar"), keep_live=True)

    copied = calendar_state(copy)
    assert len(copied) == 2
    assert not {uid for uid, _seq in copied} & {uid for uid, _seq in original}
    assert [seq for _uid, seq in copied] == [0, 0]
    assert calendar_state(event) == original
    assert sorted(CalendarEntry.objects.filter(event=copy).values_list("uid", "sequence")) == sorted(copied)
    # The original's revisions were copied along, naming the original's UIDs: publishing one of them
    # (the admin's "revert") keeps the copy's own UIDs. The site feed has both events, each with its own.
    copy.revisions.order_by("pk").first().publish()
    assert calendar_state(copy) == copied
    uids = [str(e["UID"]) for e in feed(client, "/calendar.ics").walk("VEVENT")]
    assert sorted(uids) == sorted(str(uid) for uid, _seq in original + copied)


def test_the_admin_copies_an_event_and_publishes_the_copy(client):
    from django.urls import reverse

    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True))
    event = make_event(title="Zwolle", days=2)
    original = calendar_state(event)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=(event.pk,)),
        {
            "new_title": "Zwolle (herhaling)",
            "new_slug": "zwolle-herhaling",
            "new_parent_page": str(event.get_parent().pk),
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    copy = EventPage.objects.get(slug="zwolle-herhaling")
    assert copy.live
    copied = calendar_state(copy)
    assert not {uid for uid, _seq in copied} & {uid for uid, _seq in original}
    # Editing the copy in the admin later (a revision restores its sessions) keeps the new UIDs.
    response = client.get(reverse("wagtailadmin_pages:edit", args=(copy.pk,)))
    from wagtail.test.utils.form_data import querydict_from_html

    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["action-publish"] = "publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=(copy.pk,)), data)
    assert response.status_code == 302
    assert calendar_state(copy) == copied
    assert calendar_state(event) == original


def test_private_events_are_in_no_public_feed(client):
    from wagtail.models import PageViewRestriction

    open_programme = make_programme(title="Open")
    make_event(programme=open_programme, title="Open event", days=1)
    closed = make_programme(title="Besloten")
    hidden = make_event(programme=closed, title="Besloten bijeenkomst", days=1)
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.PASSWORD, password="geheim")

    assert summaries(feed(client, "/calendar.ics")) == ["Open event: Day 1"]
    assert client.get(closed.url + "calendar.ics").status_code == 404
    assert client.get(hidden.url + "calendar.ics").status_code == 404


def test_an_alias_is_in_feeds_once_with_the_events_own_uids(client):
    from wagtail.actions.create_alias import CreatePageAliasAction

    event = make_event(title="Utrecht", days=2)
    elsewhere = make_programme(title="Elders")
    alias = CreatePageAliasAction(EventPage.objects.get(pk=event.pk), parent=elsewhere).execute()
    uids = sorted(str(uid) for uid, _seq in calendar_state(event))

    assert sorted(str(e["UID"]) for e in feed(client, "/calendar.ics").walk("VEVENT")) == uids
    assert sorted(str(e["UID"]) for e in feed(client, alias.url + "calendar.ics").walk("VEVENT")) == uids
    # Publishing the original updates the alias (a copy of its sessions) without a clash of UIDs.
    EventPage.objects.get(pk=event.pk).save_revision().publish()
    assert sorted(str(uid) for uid, _seq in calendar_state(event)) == uids


@pytest.mark.parametrize("status", [EventStatus.SCHEDULED, EventStatus.CANCELLED])
def test_feed_vevents_say_what_icalendar_would_say(client, status):
    """The feeds' own writer (events.ics) against icalendar's VEVENT of the same session, property by property."""
    import icalendar

    from events.calendar import session_vevent

    event = make_event(
        title="Due diligence, stap 1; beleid 🌍 " + "heel lang " * 12,
        summary="Regel één, met; tekens\r\nRegel twee 🎉 \\ " + "x" * 200,
        venue=VenueFactory(name="Zaal; de Hoek, 1e etage"),
        online_url="https://meet.example.org/j/1?a=b,c;d",
        status=status,
        days=2,
    )
    EventSession.objects.filter(pk=event.ordered_sessions[1].pk).update(place="Zaal 3, achterin")
    sync_event_calendar(event)
    page = EventPage.objects.select_related("venue").get(pk=event.pk)
    fed = {str(e["UID"]): e for e in feed(client, event.url + "calendar.ics").walk("VEVENT")}

    assert len(fed) == 2
    for session in page.ordered_sessions:
        ours = fed[str(session.ical_uid)]
        stamp = page.last_published_at.replace(microsecond=0)
        reference = icalendar.Event.from_ical(
            session_vevent(page, session, url=str(ours["URL"]), stamp=stamp).to_ical()
        )
        assert sorted(ours) == sorted(reference)
        for name in reference:
            assert (ours[name].to_ical(), dict(ours[name].params)) == (
                reference[name].to_ical(),
                dict(reference[name].params),
            ), name


def test_public_feeds_and_calendar_links_leave_out_the_online_link(client):
    """The online meeting link is for confirmed participants: not in any feed nor the page's links."""
    programme = make_programme(title="Webinars")
    event = make_event(programme=programme, title="Webinar", online_url="https://meet.example.org/room-7", days=1)
    for url in ("/calendar.ics", programme.url + "calendar.ics", event.url + "calendar.ics"):
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode().replace("\r\n ", "")
        assert "room-7" not in text, url
        (vevent,) = parse(response.content).walk("VEVENT")
        assert str(vevent["LOCATION"]) == "Online"
    page = client.get(event.url)
    assert "calendar.google.com" in page.text
    assert "room-7" not in page.text
