"""The private link's answers page: a participant reads and changes their answers while registration is open."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from participants import links
from participants.links import no_store, private_link
from participants.questions.forms import AnswersForm
from participants.questions.services import AnswersError, may_change_answers, questions_for, update_answers


@never_cache
@require_http_methods(["GET", "POST"])
@private_link
def answers_view(request, registration):
    questions = questions_for(registration.event, registration.stakeholder_type)
    editable = may_change_answers(registration)
    form = AnswersForm(
        request.POST if request.method == "POST" and editable else None,
        questions=questions,
        answers=registration.answers.all(),
        stakeholder_type=registration.stakeholder_type,
    )
    status = 200
    if request.method == "POST":
        if not editable:
            messages.error(request, _("Registration for this event has closed: your answers can no longer be changed."))
            return HttpResponseRedirect(request.path)
        if form.is_valid():
            try:
                update_answers(registration=registration, answers=form.answers)
            except AnswersError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Your answers have been saved."))
                return HttpResponseRedirect(links.path(registration))
        else:
            status = 400
    context = {
        "registration": registration,
        "event": registration.event,
        "form": form,
        "editable": editable,
        "answers": registration.answers.select_related("question"),
        "private_url": links.path(registration),
    }
    return no_store(render(request, "participants/questions/answers.html", context, status=status))
