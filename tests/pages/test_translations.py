"""Every Dutch translation of the project is complete and says "u": the .po files are the one source.

This guards every app, not only the pages. After changing a user-facing string, run `make messages`
(or add the entry by hand to the .po file of the app that owns the string) and write its Dutch.
"""

import json
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.core.management.commands import makemessages
from django.test import override_settings
from django.utils import translation

from tests.factories import organiser
from tests.participants.checkin_helpers import add_organiser, sessions_of, today_event

ROOT = Path(__file__).resolve().parents[2]
PO_FILES = sorted(p for p in ROOT.glob("**/locale/nl/LC_MESSAGES/*.po") if ".venv" not in p.parts)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")
# The Dutch of this site addresses its reader as "u"; these are the informal forms.
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jouwe|jezelf|jullie)\b", re.IGNORECASE)
# The same directories `make messages` leaves out (see the Makefile).
IGNORE = [".venv", "var", "tests", "bench", "static-collected", "node_modules", "*/vendor/*"]


def placeholders(text):
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def where(entry):
    context = f" [{entry.msgctxt}]" if entry.msgctxt else ""
    return f"{entry.msgid!r}{context} ({', '.join(f'{f}:{n}' for f, n in entry.occurrences[:1])})"


def translations(entry):
    if entry.msgid_plural:
        return list(entry.msgstr_plural.values())
    return [entry.msgstr]


def test_there_are_dutch_translations():
    names = {p.relative_to(ROOT).parts[0] for p in PO_FILES}
    assert {"events", "participants", "site", "certificates", "intervision"} <= names


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_translated(po_path):
    problems = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete or not entry.msgid:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {where(entry)}")
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if len(forms) < 2 or not all(forms.values()):
                problems.append(f"untranslated plural: {where(entry)}")
                continue
        elif not entry.msgstr:
            problems.append(f"untranslated: {where(entry)}")
            continue
        # A translation that drops or renames a placeholder fails at runtime (or silently loses data).
        expected = placeholders(entry.msgid)
        for text in translations(entry):
            got = placeholders(text)
            if got != expected and not (entry.msgid_plural and set(got) <= set(placeholders(entry.msgid_plural))):
                problems.append(f"placeholders {got} instead of {expected}: {where(entry)}")
    assert not problems, f"{po_path.relative_to(ROOT)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_dutch_says_u_never_je(po_path):
    informal = [
        f"{match.group(0)!r} in {text!r}: {where(entry)}"
        for entry in polib.pofile(str(po_path))
        if not entry.obsolete and entry.msgid
        for text in translations(entry)
        for match in INFORMAL.finditer(text)
    ]
    assert not informal, f"{po_path.relative_to(ROOT)} addresses the reader informally:\n" + "\n".join(informal)


def test_one_english_text_has_one_dutch_translation_in_every_app():
    """Django merges the apps' catalogues, so a text translated two ways shows one of them everywhere.

    Where the English means two things, the code says which with pgettext (a context of its own).
    """
    seen = {}
    for po_path in PO_FILES:
        for entry in polib.pofile(str(po_path)):
            if entry.msgid and not entry.obsolete:
                seen.setdefault((entry.msgctxt, entry.msgid), {}).setdefault(tuple(translations(entry)), []).append(
                    str(po_path.relative_to(ROOT))
                )
    twice = [f"{key}: {dict(ways)}" for key, ways in seen.items() if len(ways) > 1]
    assert not twice, "Translated two ways (give one, or a pgettext context):\n" + "\n".join(twice)


class CollectOnly(makemessages.Command):
    """makemessages that extracts the strings into .pot files and merges nothing into the .po files."""

    def write_po_file(self, potfile, locale):
        pass


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The strings `make messages` finds in the code, per .po file: {relative .po path: {(context, msgid)}}.

    makemessages runs on a copy of the code, so the working tree is never written to.
    """
    copy = tmp_path_factory.mktemp("messages") / "code"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "var", "static-collected", "*.mo"))
    found = {}
    with pytest.MonkeyPatch.context() as patch, override_settings(LOCALE_PATHS=[copy / "site" / "locale"]):
        patch.chdir(copy)
        for domain in ("django", "djangojs"):
            call_command(
                CollectOnly(), locale=["nl"], domain=domain, ignore_patterns=IGNORE, keep_pot=True, verbosity=0
            )
            for pot_path in copy.glob(f"**/locale/{domain}.pot"):
                po = pot_path.parent.relative_to(copy) / "nl" / "LC_MESSAGES" / f"{domain}.po"
                found[po] = {(e.msgctxt, e.msgid) for e in polib.pofile(str(pot_path)) if e.msgid}
    return found


def test_every_string_in_the_code_is_in_its_apps_po_file(extracted):
    assert extracted, "makemessages found no strings at all"
    missing = []
    for po_path, keys in sorted(extracted.items()):
        present = set()
        if (ROOT / po_path).exists():
            present = {(e.msgctxt, e.msgid) for e in polib.pofile(str(ROOT / po_path)) if not e.obsolete}
        missing += [
            f"{po_path}: {msgid!r}" + (f" [{ctx}]" if ctx else "") for ctx, msgid in sorted(keys - present, key=str)
        ]
    assert not missing, "Strings in the code without a Dutch entry (run `make messages`):\n" + "\n".join(missing)


def test_no_po_file_keeps_strings_the_code_no_longer_has(extracted):
    stale = []
    for po_path in PO_FILES:
        relative = po_path.relative_to(ROOT)
        keys = extracted.get(relative, set())
        stale += [
            f"{relative}: {where(e)}"
            for e in polib.pofile(str(po_path))
            if e.msgid and not e.obsolete and (e.msgctxt, e.msgid) not in keys
        ]
    assert not stale, "Entries no string in the code uses (run `make messages`):\n" + "\n".join(stale)


@pytest.mark.django_db
def test_the_scanner_says_inchecken_at_the_door_never_aanmelding(client):
    """ "Aanmelding" is an intervision application; at the door the Dutch word is "inchecken"."""
    event = today_event()
    client.force_login(add_organiser(event, organiser()))
    page = client.get(f"/checkin/{sessions_of(event)[0].pk}/").content.decode()
    assert "<title>Inchecken: Roadshow Zwolle" in page
    manifest = client.get("/checkin/manifest.webmanifest").json()
    assert (manifest["name"], manifest["short_name"]) == ("Inchecken aan de deur", "Inchecken")
    assert "Aanmelding" not in page + str(manifest)


@pytest.mark.django_db
def test_the_offline_scanner_says_the_servers_sentences(client):
    """Offline, the scanner's answers are the server's own Dutch, sent with the page: said once, not twice."""
    event = today_event()
    client.force_login(add_organiser(event, organiser()))
    response = client.get(f"/checkin/{sessions_of(event)[0].pk}/")
    config = json.loads(re.search(r'id="checkin-config"[^>]*>(.*?)</script>', response.content.decode()).group(1))
    assert config["messages"]["cancelled"] == "Deze inschrijving is geannuleerd."
    assert config["messages"]["alreadyCheckedIn"] == "Al ingecheckt om %(time)s."
    script = (ROOT / "participants/static/participants/checkin.js").read_text()
    assert "This registration has been cancelled." not in script


def test_one_english_word_two_dutch_meanings():
    with translation.override("nl"):
        assert translation.gettext("Join the waiting list") == "Inschrijven voor de wachtlijst"
        assert translation.pgettext("intervision application", "Join the waiting list") == (
            "Aanmelden voor de wachtlijst"
        )
        assert translation.gettext("Filter") == "Filteren"  # the button
        assert translation.pgettext("noun", "Filter") == "Filter"  # a report's heading
