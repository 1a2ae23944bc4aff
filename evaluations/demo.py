"""The demo's evaluations (called by ``seed_demo``): the past roadshows were evaluated by most of
those who came, through the same services as a real evaluation, so the figures agree everywhere."""

import random
from datetime import timedelta

from .defaults import create_default_templates
from .models import EvaluationTemplate, QuestionKind, TemplateQuestion
from .services import attendees, create_evaluation, invite_attendees, submit

BEST = [
    "De praktijkcasussen uit de eigen sector.",
    "Het gesprek met de ngo over klachtenmechanismen.",
    "Concrete stappen voor de risicoanalyse.",
    "Uitwisseling met andere mkb-bedrijven.",
]
TOPICS = ["Leefbaar loon", "Klachtenmechanismen", "Risicoanalyse voor grondstoffen", "Ketentransparantie"]


def evaluated_training(event, now):
    """Evaluate ``event`` (ended) as its attendees would have: about four in five answer."""
    create_default_templates(EvaluationTemplate, TemplateQuestion)
    if event.ends_at is None or event.ends_at > now or hasattr(event, "evaluation"):
        return None
    evaluation = create_evaluation(event)
    if evaluation is None:
        return None
    rng = random.Random(f"covenant-demo-evaluation-{event.slug}")
    invite_attendees(evaluation, now=evaluation.opens_at)
    moment = evaluation.opens_at + timedelta(days=2)
    for registration in attendees(event).select_related("participant", "event"):
        if rng.random() > 0.8:
            continue
        answers = {}
        for question in evaluation.questions.all():
            if question.kind == QuestionKind.RECOMMEND:
                answers[question.pk] = rng.choice([6, 7, 8, 8, 9, 9, 9, 10, 10])
            elif question.kind == QuestionKind.SCALE:
                answers[question.pk] = rng.choice([3, 4, 4, 4, 5, 5])
            elif question.kind == QuestionKind.TOPIC:
                answers[question.pk] = rng.choice(TOPICS) if rng.random() < 0.6 else ""
            else:
                answers[question.pk] = rng.choice(BEST) if rng.random() < 0.5 else ""
        submit(registration=registration, evaluation=evaluation, answers=answers, language="nl", now=moment)
    return evaluation
