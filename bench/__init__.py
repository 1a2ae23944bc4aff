"""Benchmarks: `make bench` runs every bench/bench_*.py and prints one table of figures.

A benchmark module defines ``run(args)`` that returns a list of rows, each a dict with
``benchmark``, ``measure``, ``value``, ``unit``, and optionally ``queries`` and ``target``. A row
with a target also says whether it was met: ``met`` is True or False, and one False (or a benchmark
that raises) makes `make bench` exit with status 1.
Benchmarks set up their own data in a throwaway database (see ``bench.db``).
"""
