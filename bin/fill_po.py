"""Fill empty Dutch translations in the .po files from a dictionary file: python bin/fill_po.py DICT.py

DICT.py defines NL = {"English msgid": "Nederlandse vertaling", ...}; for plurals the value is a
tuple (singular, plural). Existing translations are left alone unless --force is given.
Prints the msgids that are still untranslated, so nothing is missed.
"""

import runpy
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]


def main(argv):
    force = "--force" in argv
    paths = [a for a in argv if not a.startswith("--")]
    table = {}
    for path in paths:
        table.update(runpy.run_path(path)["NL"])
    missing = []
    for po_path in sorted(ROOT.glob("**/locale/nl/LC_MESSAGES/*.po")):
        if ".venv" in po_path.parts:
            continue
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.obsolete:
                continue
            done = entry.msgstr or (entry.msgstr_plural and all(entry.msgstr_plural.values()))
            if done and not force and "fuzzy" not in entry.flags:
                continue
            value = table.get(entry.msgid)
            if value is None:
                missing.append(f"{po_path.relative_to(ROOT)}: {entry.msgid!r}")
                continue
            if entry.msgid_plural:
                single, plural = value
                entry.msgstr_plural = {0: single, 1: plural}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.save()
    for line in missing:
        print("untranslated:", line)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
