"""Fixtures and markers shared by every test package."""

import os
import shutil

import factory.random
import pytest
from django.db import connection


def chromium_path():
    return (
        os.environ.get("CHROMIUM")
        or shutil.which("chromium")
        or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    )


@pytest.fixture(autouse=True)
def _seeded_faker(request):
    """The factories' random names and addresses depend on the test alone, not on the order the tests
    ran in: a name that breaks a test breaks it every time, and can be read from the failure."""
    factory.random.reseed_random(request.node.nodeid)


def pytest_collection_modifyitems(config, items):
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL=postgres://...")
    skip_browser = pytest.mark.skip(
        reason="Chromium is not installed: apt-get install -y --no-install-recommends chromium"
    )
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    has_chromium = chromium_path() is not None
    for item in items:
        # A transactional test (browser tests, concurrency tests) empties the database when it ends;
        # serialized rollback puts back what the data migrations made (page tree, home page, site,
        # roles) so the next test starts from the same database as any other. Put first: the closest mark
        # wins, and a test's own @django_db(transaction=True) is closer than anything appended.
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(
                pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True}), append=False
            )
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            if not has_chromium:
                item.add_marker(skip_browser)


@pytest.fixture
def home(db):
    from tests.factories import home_page

    return home_page()


@pytest.fixture
def ratelimits(settings):
    """Switch the rate limits on (the test settings have them off, as every client is 127.0.0.1),
    with no requests counted yet; a test sets its own rates in the returned dict."""
    from core.ratelimit import limiter_cache

    limiter_cache().clear()
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMITS = {**settings.RATELIMITS}
    yield settings.RATELIMITS
    limiter_cache().clear()


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, test in a file rather than in memory.

    The browser tests' live server answers the page and its images in threads at once; with an
    in-memory database they all share one connection, which SQLite refuses ("bad parameter or other
    API misuse") and the test hangs. With a file each thread has its own connection.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # One file per pytest-xdist worker (`pytest -n 2`): two workers creating, flushing and
        # deleting the same file fail each other's tests with "disk I/O error".
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        name = f"test_{worker}.sqlite3" if worker else "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(settings.VAR_DIR / name)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Give every connection wrapper the copy of the freshly migrated database (home page, site, roles).

    Transactional tests (browser tests, concurrency tests) empty the database when they end; those
    marked ``serialized_rollback=True`` get the migrated data back from the copy Django keeps on the
    connection wrapper. But wrappers are per context, and Playwright runs the browser tests in a
    greenlet of its own, so a browser test that ran after the database was set up elsewhere (say
    `pytest tests/pages tests/e2e`) found a wrapper without the copy, and no home page. Kept on the
    wrapper's class, every context sees it.
    """
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = connection.__dict__.get("_test_serialized_contents")
            if contents is None:
                contents = connection.creation.serialize_db_to_string()
            type(connection)._test_serialized_contents = contents
