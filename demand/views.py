"""Public pages: "let me know when there is a new training", its confirmation, and unsubscribing.

Every answer to the form is the same ("check your email"), whether the address was known or not,
so the form tells nobody who asked before. Confirming and unsubscribing are POSTs (a GET shows a
button), so mail scanners that follow links do neither; the unsubscribe POST also takes the
one-click request a mail client sends (RFC 8058), which has no CSRF token.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core import ratelimit
from events.models import EventPage, ProgrammePage
from participants.links import no_store

from . import services
from .forms import InterestForm


@require_http_methods(["GET", "POST"])
def interest_view(request, programme_id):
    programme = get_object_or_404(ProgrammePage.objects.live().public(), pk=programme_id)
    source = EventPage.objects.filter(pk=request.POST.get("event") or request.GET.get("event") or 0).first()
    language = (translation.get_language() or "nl")[:2]
    form = InterestForm(request.POST or None, initial={"language": language if language in ("nl", "en") else "nl"})
    status = 200
    if request.method == "POST":
        if retry_after := ratelimit.count(request, "interest_address"):
            return ratelimit.rate_limited_response(request, retry_after)
        if form.is_valid():
            email = form.cleaned_data["email"]
            if retry_after := ratelimit.count(request, "interest", key=ratelimit.email_key(email)):
                return ratelimit.rate_limited_response(request, retry_after)
            services.register_interest(
                programme=programme,
                email=email,
                stakeholder_type=form.cleaned_data["stakeholder_type"],
                region=form.cleaned_data["region"],
                language=form.cleaned_data["language"],
                source_event=source,
            )
            return no_store(render(request, "demand/check_email.html", {"programme": programme, "email": email}))
        status = 400
    context = {"programme": programme, "form": form, "event": source}
    return no_store(render(request, "demand/interest.html", context, status=status))


def _interest(token):
    interest = services.interest_for_token(token)
    if interest is None:
        raise Http404("unknown interest link")
    return interest


@require_http_methods(["GET", "POST"])
def confirm_view(request, token):
    interest = _interest(token)
    if request.method == "POST":
        services.confirm(interest)
        return no_store(render(request, "demand/confirmed.html", {"interest": interest}))
    return no_store(render(request, "demand/confirm.html", {"interest": interest}))


@csrf_exempt  # RFC 8058: the mail client's one-click POST carries no CSRF token; it changes only this.
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    interest = services.interest_for_token(token)
    if request.method == "POST":
        if interest is not None:
            services.unsubscribe(interest)
        return no_store(render(request, "demand/unsubscribed.html", {}))
    if interest is None:
        return no_store(render(request, "demand/unsubscribed.html", {}))
    return no_store(render(request, "demand/unsubscribe.html", {"interest": interest}))
