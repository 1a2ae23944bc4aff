"""The results of evaluations, for one event or many (a programme, a period): response rate, mean and
distribution per question, the recommendation score (NPS), and the open answers without names.

Small groups stay anonymous: with fewer than ``MIN_ANSWERS`` responses nothing is shown but the
counts, and a question with fewer answers than that shows no mean or distribution. Questions are
added up across events by their code (and session number), so a programme's "overall" is the
"overall" of each of its events.
"""

from collections import defaultdict

from django.db.models import Count

from .models import SCORED, TEXT, Answer, Invitation, Question, QuestionKind, Response

MIN_ANSWERS = 3


def nps(distribution):
    """Net Promoter Score: the share of 9s and 10s less the share of 0 to 6, in points (-100 to 100)."""
    total = sum(distribution.values())
    if not total:
        return None
    promoters = sum(n for score, n in distribution.items() if score >= 9)
    detractors = sum(n for score, n in distribution.items() if score <= 6)
    return round(100 * (promoters - detractors) / total)


def _mean(distribution):
    total = sum(distribution.values())
    return round(sum(score * n for score, n in distribution.items()) / total, 1) if total else None


def results(evaluations):
    """The results of the ``evaluations`` queryset, as a JSON-ready dict (one query when there are none)."""
    evaluations = list(evaluations.values_list("pk", flat=True))
    if not evaluations:
        return empty()
    asked = Invitation.objects.filter(evaluation__in=evaluations).count()
    responses = Response.objects.filter(evaluation__in=evaluations).count()
    shown = responses >= MIN_ANSWERS
    questions = {}
    for row in (
        Question.objects.filter(evaluation__in=evaluations)
        .order_by("position", "evaluation_id")
        .values("code", "session_number", "kind", "text_nl", "text_en", "low_label_nl", "high_label_nl")
    ):
        key = f"{row['code']}:{row['session_number']}" if row["session_number"] else row["code"]
        questions.setdefault(key, {"key": key, **row, "answers": 0})
    counts = defaultdict(dict)
    for row in (
        Answer.objects.filter(response__evaluation__in=evaluations, score__isnull=False)
        .values("question__code", "question__session_number", "score")
        .annotate(n=Count("*"))
        .order_by()
    ):
        number = row["question__session_number"]
        key = f"{row['question__code']}:{number}" if number else row["question__code"]
        counts[key][row["score"]] = counts[key].get(row["score"], 0) + row["n"]
    texts = defaultdict(int)
    for row in (
        Answer.objects.filter(response__evaluation__in=evaluations, question__kind__in=TEXT)
        .exclude(text="")
        .values("question__code")
        .annotate(n=Count("*"))
        .order_by()
    ):
        texts[row["question__code"]] += row["n"]

    rows = []
    recommendation = None
    for key, question in questions.items():
        distribution = counts.get(key, {})
        answers = sum(distribution.values()) if question["kind"] in SCORED else texts.get(question["code"], 0)
        enough = shown and answers >= MIN_ANSWERS
        row = {
            "key": key,
            "code": question["code"],
            "kind": question["kind"],
            "session_number": question["session_number"],
            "text_nl": question["text_nl"],
            "text_en": question["text_en"],
            "answers": answers,
            "shown": enough,
        }
        if question["kind"] in SCORED:
            scores = range(1, 6) if question["kind"] == QuestionKind.SCALE else range(0, 11)
            row["scale"] = [scores[0], scores[-1]]
            row["mean"] = _mean(distribution) if enough else None
            row["distribution"] = {str(s): distribution.get(s, 0) for s in scores} if enough else None
            if question["kind"] == QuestionKind.RECOMMEND:
                row["nps"] = nps(distribution) if enough else None
                if recommendation is None:
                    recommendation = row
        rows.append(row)
    return {
        "evaluations": len(evaluations),
        "asked": asked,
        "responses": responses,
        "response_rate": round(responses / asked, 4) if asked else None,
        "shown": shown,
        "min_answers": MIN_ANSWERS,
        "recommendation": (
            {"mean": recommendation["mean"], "nps": recommendation["nps"], "answers": recommendation["answers"]}
            if recommendation and recommendation["shown"]
            else None
        ),
        "questions": rows,
    }


def empty():
    return {
        "evaluations": 0,
        "asked": 0,
        "responses": 0,
        "response_rate": None,
        "shown": False,
        "min_answers": MIN_ANSWERS,
        "recommendation": None,
        "questions": [],
    }


def open_answers(evaluations):
    """The open answers (no names, no dates), for the admin list and its export; none for small groups."""
    if Response.objects.filter(evaluation__in=evaluations).count() < MIN_ANSWERS:
        return Answer.objects.none()
    return (
        Answer.objects.filter(response__evaluation__in=evaluations, question__kind__in=TEXT)
        .exclude(text="")
        .select_related("question", "question__evaluation__event")
        .order_by("question__evaluation__event__starts_at", "question__position", "text")
    )
