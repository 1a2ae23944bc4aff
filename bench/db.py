"""A throwaway database for benchmarks: Django's test database machinery, kept out of var/.

Every benchmark starts from the database as migrations leave it (``fresh``), as each test does:
one benchmark's rows (people, events, registrations) would otherwise be counted, or collide, in
the next one's.
"""

from contextlib import contextmanager

from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test.utils import setup_databases, teardown_databases


@contextmanager
def benchmark_database():
    config = setup_databases(verbosity=0, interactive=False)  # serializes what the migrations made
    try:
        yield
    finally:
        teardown_databases(config, verbosity=0)


def fresh():
    """Empty the database and put back what the migrations made (page tree, site, roles); clear the cache."""
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    # The rows put back keep their ids; on PostgreSQL the emptied tables' sequences start again at 1.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(sql)
    cache.clear()
