"""Evaluation results: time and queries over 20 events with 500 responses each (about 57,000 answers).

Target: the results of all of them (a year's report) under 300 ms in a fixed number of queries
(6, whatever the data), and one event's under 50 ms. Rows are inserted in bulk; the figures are the
median of five runs.
    python -m bench evaluations
"""

import statistics
import time
import uuid
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

EVENTS = 20
RESPONSES = 500


def run(args):
    from evaluations.defaults import create_default_templates
    from evaluations.models import Answer, Evaluation, EvaluationTemplate, QuestionKind, Response, TemplateQuestion
    from evaluations.results import results
    from evaluations.services import create_evaluation
    from tests.factories import make_event, make_programme

    create_default_templates(EvaluationTemplate, TemplateQuestion)
    programme = make_programme(title="Bench roadshow")
    start = (timezone.now() - timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
    answers = 0
    for n in range(EVENTS):
        event = make_event(programme=programme, title=f"Bench {n}", start=start + timedelta(days=n), kind="roadshow")
        evaluation = create_evaluation(event)
        questions = list(evaluation.questions.all())
        responses = Response.objects.bulk_create(
            Response(id=uuid.uuid4(), evaluation=evaluation, language="nl") for _ in range(RESPONSES)
        )
        rows = []
        for i, response in enumerate(responses):
            for question in questions:
                if question.kind == QuestionKind.RECOMMEND:
                    rows.append(Answer(response=response, question=question, score=i % 11))
                elif question.kind == QuestionKind.SCALE:
                    rows.append(Answer(response=response, question=question, score=1 + i % 5))
                elif i % 3 == 0:
                    rows.append(Answer(response=response, question=question, text=f"Antwoord {i}"))
        Answer.objects.bulk_create(rows, batch_size=2000)
        answers += len(rows)

    def measure(queryset):
        results(queryset)
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                figures = results(queryset)
            timings.append((time.perf_counter() - started) * 1000)
        return statistics.median(timings), len(queries), figures

    everything, all_queries, figures = measure(Evaluation.objects.all())
    assert figures["responses"] == EVENTS * RESPONSES
    one, one_queries, _figures = measure(Evaluation.objects.filter(pk=Evaluation.objects.first().pk))
    return [
        {
            "benchmark": "evaluation results",
            "measure": f"median wall time, {EVENTS} events / {EVENTS * RESPONSES:,} responses / {answers:,} answers",
            "value": f"{everything:.0f}",
            "unit": "ms",
            "queries": all_queries,
            "target": "< 300 ms, 6 queries",
            "met": everything < 300 and all_queries == 6,
        },
        {
            "benchmark": "evaluation results",
            "measure": f"median wall time, one event of {RESPONSES} responses",
            "value": f"{one:.0f}",
            "unit": "ms",
            "queries": one_queries,
            "target": "< 50 ms",
            "met": one < 50,
        },
    ]
