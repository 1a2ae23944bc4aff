"""A headline summary in the covenant's own style, written from the report's figures, in Dutch or English.

"Zes tweedaagse trainingen bereikten 67 vertegenwoordigers van bedrijven en 22 vertegenwoordigers van
overheid, ngo's en vakbonden. Van de bedrijven waren er 94 mkb en 62 groot."

Numbers up to twenty are written as words, as Dutch house styles (and the covenant's reports) do.
People are counted as different people per group: someone who came once for a company and once for
an NGO is one of each.
"""

from django.utils import formats, translation
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participants.reports.sections import headline_sentences

WORDS = {
    "nl": [
        "nul",
        "één",
        "twee",
        "drie",
        "vier",
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
        "elf",
        "twaalf",
        "dertien",
        "veertien",
        "vijftien",
        "zestien",
        "zeventien",
        "achttien",
        "negentien",
        "twintig",
    ],
    "en": [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ],
}


def number(value, language):
    """A count as a word up to twenty, else in digits with the language's thousands separator."""
    if 0 <= value <= 20:
        return WORDS[language][value]
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _day_adjective(days, language):
    """'tweedaagse' / 'two-day'; compounds take 'een', not 'één' ('eendaagse')."""
    word = number(days, language).replace("één", "een")
    return _("%(days)s-day") % {"days": word}


def _events_phrase(kinds, count, word, days):
    """'zes tweedaagse trainingen' / 'six two-day trainings': the number, the length, the kind of event."""
    kind = kinds[0] if len(kinds) == 1 else None
    values = {"count": word, "days": f"{days} " if days else ""}
    if kind in {"roadshow", "expert"}:
        return ngettext("%(count)s %(days)straining", "%(count)s %(days)strainings", count) % values
    if kind == "nevi":
        return ngettext("%(count)s NEVI course", "%(count)s NEVI courses", count) % values
    if kind == "intervision":
        return ngettext("%(count)s intervision meeting", "%(count)s intervision meetings", count) % values
    return ngettext("%(count)s %(days)sevent", "%(count)s %(days)sevents", count) % values


def headline(report, language):
    """The summary of ``report`` (build_report's result) in ``language`` ('nl' or 'en'), a few sentences."""
    with translation.override(language):
        return " ".join(_sentences(report, language))


def _sentences(report, language):
    n = report["events"]
    if not n:
        return [_("No events in this selection.")]
    kinds = sorted(report["events_by_kind"])
    per_event = report["sessions_per_event"]
    days = int(next(iter(per_event))) if len(per_event) == 1 else None
    adjective = None
    if days and 1 <= days <= 5 and set(kinds) <= {"roadshow", "expert", "other"}:
        adjective = _day_adjective(days, language)
    events = _events_phrase(kinds, n, number(n, language), adjective)

    groups = report["by_stakeholder_group"]
    reached = []
    companies = groups["companies"]["unique_participants"]
    civil = groups["civil_society"]["unique_participants"]
    others = groups["others"]["unique_participants"]
    if companies:
        reached.append(
            ngettext("%(count)s company representative", "%(count)s company representatives", companies)
            % {"count": number(companies, language)}
        )
    if civil:
        reached.append(
            ngettext(
                "%(count)s representative of government, NGOs and trade unions",
                "%(count)s representatives of government, NGOs and trade unions",
                civil,
            )
            % {"count": number(civil, language)}
        )
    if others:
        reached.append(
            ngettext("%(count)s other participant", "%(count)s other participants", others)
            % {"count": number(others, language)}
        )
    sentences = []
    if reached:
        sentences.append(
            ngettext("%(events)s reached %(people)s.", "%(events)s reached %(people)s.", n)
            % {"events": events, "people": get_text_list(reached, _("and"))}
        )
    else:
        sentences.append(
            ngettext("%(events)s, without check-ins so far.", "%(events)s, without check-ins so far.", n)
            % {"events": events}
        )

    sme, large = report["companies_by_size"]["sme"], report["companies_by_size"]["large"]
    if sme or large:
        sentences.append(
            _("Of the companies: %(sme)s SME and %(large)s large.")
            % {"sme": number(sme, language), "large": number(large, language)}
        )
    if report["participations"]:
        sentences.append(
            ngettext(
                "%(completed)s of the %(participations)s participations met the attendance rule.",
                "%(completed)s of the %(participations)s participations met the attendance rule.",
                report["completed"],
            )
            % {
                "completed": number(report["completed"], language),
                "participations": number(report["participations"], language),
            }
        )
    experts = [r for r in report.get("by_region", ()) if r["abroad"] and r["experts_trained"]]
    if experts:
        trained = sum(r["experts_trained"] for r in experts)
        names = [r["region"] if language == "nl" else r["name_en"] for r in experts]
        sentences.append(
            ngettext(
                "%(count)s local risk-assessment expert trained in %(regions)s (%(names)s).",
                "%(count)s local risk-assessment experts trained in %(regions)s (%(names)s).",
                trained,
            )
            % {
                "count": number(trained, language),
                "regions": ngettext("%(n)s region", "%(n)s regions", len(names)) % {"n": number(len(names), language)},
                "names": ", ".join(names),
            }
        )
        # A region abroad whose expert trainings in this selection have not trained anyone yet.
        planned = [r for r in report["by_region"] if r["abroad"] and r["expert_events"] and not r["experts_trained"]]
        if planned:
            sentences.append(
                ngettext(
                    "A further region is planned (%(names)s).",
                    "%(n)s further regions are planned (%(names)s).",
                    len(planned),
                )
                % {
                    "n": number(len(planned), language),
                    "names": ", ".join(r["region"] if language == "nl" else r["name_en"] for r in planned),
                }
            )
    if report["no_show_rate"] is not None:
        sentences.append(
            _("Of those confirmed for events that have ended, %(rate)s%% did not come.")
            % {"rate": formats.number_format(round(100 * report["no_show_rate"]), use_l10n=True)}
        )
    sentences += headline_sentences(report, language)  # other apps' sentences (the evaluations' score)
    return [_capitalise(s) for s in sentences]


def _capitalise(sentence):
    """Capitalise the first letter; Dutch writes a sentence that starts with 'één' as 'Eén'."""
    if sentence.startswith("één"):
        return "Eén" + sentence[3:]
    return capfirst(sentence)
