"""Compile every .po catalogue of the project into its .mo, without GNU gettext.

`make setup` runs this instead of `manage.py compilemessages`, which needs gettext's `msgfmt`: the
project must set up on a machine that has only Python. polib writes what msgfmt writes for these
catalogues (the same translations: fuzzy entries left out, plural forms and contexts kept; only the
header's creation date, which msgfmt drops, differs). All seven take well under a second.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".venv", "var", "node_modules", "static-collected", ".git"}


def catalogues(root):
    for path in root.rglob("locale/*/LC_MESSAGES/*.po"):
        if not SKIP.intersection(path.relative_to(root).parts):
            yield path


def main():
    compiled = 0
    for po in catalogues(ROOT):
        polib.pofile(str(po)).save_as_mofile(str(po.with_suffix(".mo")))
        compiled += 1
    if "-v" in sys.argv:
        print(f"{compiled} catalogue(s) compiled")


if __name__ == "__main__":
    main()
