"""An SME applies to an intervision group, the facilitator accepts in the admin, the member accepts the
agreement and submits a case through their private link, the facilitator reads it, and a member of
another group cannot."""

import re

import pytest
from playwright.sync_api import expect

from intervision.models import Case, Membership, MembershipStatus
from participants.models import OutboxEmail, Registration
from tests.e2e.test_site import assert_accessible
from tests.intervision.factories import make_case, make_group, make_member

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "Onze cacaoleverancier noemt zijn eigen toeleveranciers niet. Hoe krijgen we de keten in beeld?"


def link_path(email_key):
    body = OutboxEmail.objects.get(key=email_key).body_text
    return re.search(r"https?://[^/\s]+(/intervision/m/[^\s]+/)", body).group(1)


def test_sme_joins_submits_a_case_and_only_its_group_sees_it(page, live_server):
    group = make_group(meetings=2, name="Intervisiegroep Noord", slug="noord")
    other = make_group(meetings=1, name="Intervisiegroep Zuid", slug="zuid")
    outsider = make_member(other)
    make_case(make_member(other), title="Casus van Zuid")

    # The SME applies on the group's public page.
    page.goto("/intervision/noord/")
    assert_accessible(page)
    page.get_by_label("Bedrijfsgrootte").select_option("sme")
    page.get_by_label("Voornaam").fill("Anna")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("E-mailadres").fill("anna@kruidenhandel.example")
    page.get_by_label(re.compile(r"^Bedrijf:?$")).fill("Kruidenhandel De Vries")
    page.get_by_label("Ik ga ermee akkoord").check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Aanmelding ontvangen")).to_be_visible()
    membership = Membership.objects.get(participant__email="anna@kruidenhandel.example")

    # The facilitator accepts in the admin.
    page.goto("/admin/login/")
    page.fill("input[name=username]", group.facilitator.username)
    page.fill("input[name=password]", "password")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/intervision/memberships/")
    page.get_by_role("link", name="Anna de Vries toelaten").click()
    page.get_by_role("button", name="Ja, toelaten").click()
    page.wait_for_url("**/admin/intervision/memberships/")
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACCEPTED

    # The member follows the emailed link and accepts the agreement.
    page.goto(link_path(f"intervision-accepted:{membership.pk}"))
    expect(page.get_by_role("heading", name="Geheimhoudingsafspraak")).to_be_visible()
    page.get_by_label("Ik heb de geheimhoudingsafspraak gelezen").check()
    page.get_by_role("button", name="Akkoord gaan met de afspraak").click()
    expect(page.get_by_text("Welkom in de groep")).to_be_visible()
    registration = Registration.objects.filter(participant=membership.participant).first()
    assert Registration.objects.filter(participant=membership.participant, status="confirmed").count() == 2

    # Through the private link of a meeting registration, the member submits a case.
    page.goto(f"/r/{registration.access_token}/intervision/")
    page.get_by_label("Titel").fill("Leverancier zwijgt")
    page.get_by_label("Uw vraag aan de groep").fill(QUESTION)
    page.get_by_label("Stap van OESO-due diligence").select_option("identify")
    page.get_by_role("button", name="Casus indienen").click()
    expect(page.get_by_text("Uw casus is ingediend")).to_be_visible()
    expect(page.get_by_role("link", name="Leverancier zwijgt")).to_be_visible()
    page.reload()  # without the flash message: base.html's <ul role="status"> is reported to the lead
    assert_accessible(page)
    case = Case.objects.get(title="Leverancier zwijgt")

    # The facilitator reads it in the admin.
    page.goto("/admin/intervision/cases/")
    expect(page.get_by_text("Leverancier zwijgt").first).to_be_visible()
    expect(page.get_by_text("Casus van Zuid")).to_have_count(0)
    page.goto(f"/admin/intervision/meetings/{case.meeting_id}/cases/")
    expect(page.get_by_text(QUESTION)).to_be_visible()

    # A member of another group gets "not found", and nothing of the case.
    response = page.goto(f"/intervision/m/{outsider.token}/cases/{case.pk}/")
    assert response.status == 404
    assert "Leverancier zwijgt" not in page.content() and QUESTION not in page.content()
    page.goto(f"/intervision/m/{outsider.token}/")
    assert "Leverancier zwijgt" not in page.content()
