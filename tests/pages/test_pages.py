import pytest

from tests.factories import make_event, make_programme

pytestmark = pytest.mark.django_db


def test_home_page_lists_upcoming_events_and_programmes(client):
    programme = make_programme(title="NEVI-training")
    make_event(programme=programme, title="IMVO en inkoop")
    response = client.get("/")
    assert response.status_code == 200
    assert "IMVO en inkoop" in response.text
    assert "NEVI-training" in response.text


def test_unknown_page_is_a_clear_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text


def test_every_page_has_the_language_switcher(client, home):
    from pages.models import EventIndexPage, StandardPage

    programme = make_programme(title="NEVI-training")
    event = make_event(programme=programme)
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    privacy = home.add_child(instance=StandardPage(title="Privacy", slug="privacy", body="<p>Tekst</p>"))
    for url in ["/", agenda.url, programme.url, event.url, privacy.url, "/bestaat-niet/"]:
        response = client.get(url)
        assert response.status_code in (200, 404)
        assert 'class="utrecht-alternate-lang-nav language-switcher"' in response.text, url
        assert 'name="language" value="en" lang="en" hreflang="en">English</button>' in response.text, url


def test_switching_language_keeps_the_visitor_on_the_page(client, home):
    event = make_event(title="IMVO en inkoop")
    response = client.post("/i18n/setlang/", {"language": "en", "next": event.url})
    assert response.status_code == 302 and response["Location"] == event.url
    page = client.get(event.url)
    assert '<html lang="en">' in page.text and "Sessions" in page.text
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert '<html lang="nl">' in client.get(event.url).text
