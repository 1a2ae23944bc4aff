"""A throwaway database for benchmarks: Django's test database machinery, kept out of var/."""

from contextlib import contextmanager

from django.test.utils import setup_databases, teardown_databases


@contextmanager
def benchmark_database():
    config = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(config, verbosity=0)
