"""Every Dutch translation of the project is complete: no empty, fuzzy or mismatched entry in any .po file.

This guards every app, not only the pages: run `make messages`, then `bin/fill_po.py locale_nl/*.py`.
"""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO_FILES = sorted(p for p in ROOT.glob("**/locale/nl/LC_MESSAGES/*.po") if ".venv" not in p.parts)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


def placeholders(text):
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def test_there_are_dutch_translations():
    names = {p.relative_to(ROOT).parts[0] for p in PO_FILES}
    assert {"events", "participants", "site"} <= names


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_translated(po_path):
    problems = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete or not entry.msgid:
            continue
        where = f"{entry.msgid!r} ({', '.join(f'{f}:{n}' for f, n in entry.occurrences[:1])})"
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {where}")
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if len(forms) < 2 or not all(forms.values()):
                problems.append(f"untranslated plural: {where}")
                continue
            translations = list(forms.values())
        else:
            if not entry.msgstr:
                problems.append(f"untranslated: {where}")
                continue
            translations = [entry.msgstr]
        # A translation that drops or renames a placeholder fails at runtime (or silently loses data).
        expected = placeholders(entry.msgid)
        for text in translations:
            got = placeholders(text)
            if got != expected and not (entry.msgid_plural and set(got) <= set(placeholders(entry.msgid_plural))):
                problems.append(f"placeholders {got} instead of {expected}: {where}")
    assert not problems, f"{po_path.relative_to(ROOT)}:\n" + "\n".join(problems)
