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
