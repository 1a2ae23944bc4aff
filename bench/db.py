"""A throwaway database for benchmarks: Django's test database machinery, kept out of var/.

On SQLite it is a file in a temporary folder, as every user runs it (WAL, fsync on commit), not the
in-memory database Django's test runner would make: in memory the figures flatter every write.

Every benchmark starts from the database as migrations leave it (``fresh``), as each test does:
one benchmark's rows (people, events, registrations) would otherwise be counted, or collide, in
the next one's.
"""

import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test.utils import setup_databases, teardown_databases


@contextmanager
def benchmark_database():
    with tempfile.TemporaryDirectory(prefix="covenant-bench-") as folder:
        if connection.vendor == "sqlite":
            connection.settings_dict.setdefault("TEST", {})["NAME"] = str(Path(folder) / "bench.sqlite3")
        config = setup_databases(verbosity=0, interactive=False)  # serializes what the migrations made
        try:
            yield
        finally:
            teardown_databases(config, verbosity=0)


def database_description():
    """Which database the figures are from, for the table's heading."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return "SQLite, in memory" if connection.is_in_memory_db() else f"SQLite, file {name}"
    return f"{connection.vendor}, {name}"


def fresh():
    """Empty the database and put back what the migrations made (page tree, site, roles); clear the cache."""
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    # The rows put back keep their ids; on PostgreSQL the emptied tables' sequences start again at 1.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(sql)
    cache.clear()
