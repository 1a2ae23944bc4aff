"""Bad input everywhere: hypothesis throws arbitrary input at the public registration form, the check-in
API, certificate verification and the private-link pages. Whatever comes in, no server error: a clear
refusal (4xx) or an answer."""

import json
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import RegistrationFactory, make_event, organiser

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=80),
    st.sampled_from(["", " ", "0", "-1", "9" * 30, "2026-02-30T25:61:00", "null", "<script>", "' OR 1=1 --", "\x00"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def exists(path):
    """True when a view of ours answers ``path`` (not Wagtail's page serving, which matches everything)."""
    try:
        return resolve(path).url_name != "wagtail_serve"
    except Resolver404:
        return False


def assert_no_server_error(response):
    assert response.status_code < 500, response.content[:500]


@pytest.fixture
def checkin_client(db):
    if not exists("/api/checkin/"):
        pytest.skip("no check-in API on this branch yet")
    event = make_event(days=1)
    user = organiser()
    event.organisers.add(user)
    client = Client()
    client.force_login(user)
    registration = RegistrationFactory(event=event)
    return client, event.sessions.get().pk, registration.checkin_code


@FUZZ
@given(data=st.data())
def test_checkin_api_takes_any_json(checkin_client, data):
    client, session, code = checkin_client
    body = data.draw(
        st.fixed_dictionaries(
            {},
            optional={
                "code": st.one_of(json_values, st.just(code)),
                "session": st.one_of(json_values, st.just(session), st.just(str(session))),
                "nonce": json_values,
                "scanned_at": json_values,
                "registration": json_values,
                "action": json_values,
            },
        )
    )
    response = client.post("/api/checkin/", json.dumps(body), content_type="application/json")
    assert_no_server_error(response)
    assert "status" in response.json()


@FUZZ
@given(
    raw=st.binary(max_size=200),
    content_type=st.sampled_from(
        ["application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"]
    ),
)
def test_checkin_api_takes_any_bytes(checkin_client, raw, content_type):
    client, _session, _code = checkin_client
    assert_no_server_error(client.post("/api/checkin/", raw, content_type=content_type))


@FUZZ
@given(
    code=st.one_of(st.text(min_size=1, max_size=60), st.binary(min_size=1, max_size=40).map(lambda b: b.hex())),
    as_json=st.booleans(),
)
def test_certificate_verification_takes_any_code(db, code, as_json):
    try:
        url = reverse("certificates:verify", args=["x"]).rsplit("x", 1)[0]
    except NoReverseMatch:
        pytest.skip("no certificate verification on this branch yet")
    response = Client().get(url + quote(code, safe="") + "/" + ("?format=json" if as_json else ""))
    assert_no_server_error(response)


@FUZZ
@given(
    token=st.text(min_size=1, max_size=80), data=st.dictionaries(st.text(max_size=10), st.text(max_size=30), max_size=4)
)
def test_private_link_pages_take_any_token_and_form(db, token, data):
    client = Client()
    for suffix in ("", "erase/", "my-data.json", "calendar.ics", "qr.svg"):
        path = f"/r/{quote(token, safe='')}/{suffix}"
        assert_no_server_error(client.get(path))
        assert_no_server_error(client.post(path, data))


@FUZZ
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "first_name",
                "last_name",
                "email",
                "phone",
                "job_title",
                "organisation",
                "stakeholder_type",
                "company_size",
                "sector",
                "dietary_needs",
                "accessibility_needs",
                "consent",
                "language",
                "event",
                "csrfmiddlewaretoken",
                "website",
            ]
        ),
        st.one_of(st.text(max_size=300), st.sampled_from(["company", "sme", "large", "x" * 5000, "a@b", "@", "on"])),
        max_size=16,
    )
)
def test_the_registration_form_takes_any_input(registration_form_url, data):
    assert_no_server_error(Client().post(registration_form_url, data))


@pytest.fixture
def registration_form_url(db):
    from tests.scale.registration import registration_form_path

    event = make_event(quotas=[("company", 2)])
    path = registration_form_path(event)
    if path is None:
        pytest.skip("no registration form on this branch yet")
    return path
