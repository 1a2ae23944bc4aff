"""The evaluation form below the participant's private link: ``/r/<token>/evaluation/``.

No account: the link is the key (``participants.links.private_link``). People who did not attend
get a page that says so; a closed or not yet opened evaluation says that too.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from participants import links
from participants.links import no_store, private_link

from . import services
from .forms import EvaluationForm
from .models import in_language


def _page(request, template, context, status=200):
    return no_store(render(request, template, context, status=status))


@never_cache
@require_http_methods(["GET", "POST"])
@private_link
def evaluation_view(request, registration):
    language = registration.language or registration.event.language
    with translation.override(language):
        return _evaluation(request, registration, language)


def _evaluation(request, registration, language):
    event = registration.event
    evaluation = services.evaluation_of(registration)
    context = {"registration": registration, "event": event, "evaluation": evaluation, "language": language}
    if not services.attended(registration):
        context["message"] = _(
            "This evaluation is for the people who attended the event. "
            "According to our check-in you did not attend, so we do not ask you for your opinion."
        )
        return _page(request, "evaluations/refused.html", context, status=403)
    if evaluation is None:
        context["message"] = _("There is no evaluation of this event.")
        return _page(request, "evaluations/refused.html", context, status=404)
    if not evaluation.is_open():
        if services.has_answered(registration, evaluation):
            context["message"] = _("Thank you: your answers were saved. The evaluation is closed now.")
        else:
            context["message"] = _("The evaluation of this event is closed, or not open yet.")
        return _page(request, "evaluations/refused.html", context)
    answered = services.has_answered(registration, evaluation)
    current = services.current_answers(registration, evaluation) if answered else None
    if answered and (not evaluation.changeable or current is None):
        context["message"] = _("Thank you: you have filled in this evaluation. Your answers can no longer be changed.")
        return _page(request, "evaluations/refused.html", context)
    questions = evaluation.questions.select_related("session").order_by("position")
    form = EvaluationForm(
        request.POST if request.method == "POST" else None,
        questions=questions,
        language=language,
        initial_answers=current,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.submit(
                    registration=registration, evaluation=evaluation, answers=form.answers(), language=language
                )
            except services.EvaluationError as error:
                context["message"] = error.message
                return _page(request, "evaluations/refused.html", context, status=409)
            messages.success(request, _("Thank you: your answers have been saved."))
            return HttpResponseRedirect(links.path(registration, "evaluations:form"))
        status = 400
    context.update(
        form=form,
        answered=answered,
        intro=in_language(evaluation.template.intro_nl, evaluation.template.intro_en, language)
        if evaluation.template
        else "",
    )
    return _page(request, "evaluations/form.html", context, status=status)
