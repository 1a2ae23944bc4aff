"""The fonts of our PDFs (certificates, name badges): Helvetica when it can set the text, else an embedded font.

Helvetica is built into every PDF reader, so nothing is embedded; when the text holds a character
Helvetica's encoding (Windows-1252) lacks, such as a Polish, Vietnamese or Greek name, the PDF
embeds DejaVu Sans instead (Debian's fonts-dejavu-core, which CI installs; Bitstream Vera, shipped
with reportlab, where the system has no DejaVu). Embedding and subsetting a font costs about a third
of a certificate's drawing time, so only the documents that need it pay for it.

A character no font here has (a Chinese name: DejaVu has no CJK) is drawn as the font's
missing-glyph box: the document is still made, never an error. ``printable`` drops what no font
draws at all (control characters, lone surrogates).
"""

import os
import unicodedata
from functools import lru_cache

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
]
BUILT_IN = ("Helvetica", "Helvetica-Bold")


def fonts_for(texts):
    """(regular, bold) font names that can set every one of ``texts``."""
    try:
        for text in texts:
            text.encode("cp1252")
    except UnicodeEncodeError:
        return unicode_fonts()
    return BUILT_IN


@lru_cache(maxsize=1)
def unicode_fonts():
    """Register the embedded fonts once per process; return (regular, bold) font names."""
    for regular, bold in FONT_CANDIDATES:
        if os.path.exists(regular) and os.path.exists(bold):
            break
    else:
        folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
        regular, bold = os.path.join(folder, "Vera.ttf"), os.path.join(folder, "VeraBd.ttf")
    pdfmetrics.registerFont(TTFont("CovenantSans", regular))
    pdfmetrics.registerFont(TTFont("CovenantSans-Bold", bold))
    return "CovenantSans", "CovenantSans-Bold"


def printable(text):
    """``text`` composed (NFC) without the characters no font draws: controls, surrogates, unassigned."""
    text = unicodedata.normalize("NFC", str(text).encode("utf-8", "replace").decode("utf-8"))
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\t\n\r":
            kept.append(" ")
        elif category not in ("Cc", "Cs", "Cn", "Co"):
            kept.append(char)
    return " ".join("".join(kept).split())
