import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    # The rate limit counts in the cache; every test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()


def form_data(**overrides):
    data = {
        "stakeholder_type": "company",
        "company_size": "sme",
        "sector": "Zuivel",
        "first_name": "Anna",
        "last_name": "de Vries",
        "email": "anna@example.org",
        "organisation": "Zuivelhoeve B.V.",
        "job_title": "Inkoper",
        "phone": "",
        "dietary_needs": "",
        "accessibility_needs": "",
        "language": "nl",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def details(**overrides):
    data = form_data(**overrides)
    data.pop("consent", None)
    return data
