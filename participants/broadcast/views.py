"""The admin screens of messages: an event's messages, writing one (preview, test mail, count,
send) and one message's progress. Every view asks the access policy for the event first."""

from django.contrib import messages as flash
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core import access
from events.models import EventPage
from participants.broadcast import compose, services
from participants.broadcast.forms import MessageForm
from participants.broadcast.recipients import recipients
from participants.models import Message


def scoped_event(request, page_id):
    return get_object_or_404(access.scope_events(request.user, EventPage.objects.all()), pk=page_id)


def render(request, template, title, **context):
    return TemplateResponse(
        request, template, {"header_title": title, "page_title": title, "header_icon": "mail", **context}
    )


def event_messages(request, page_id):
    event = scoped_event(request, page_id)
    sent = [
        {"message": message, "progress": services.progress(message)}
        for message in Message.objects.filter(event=event).select_related("sender")
    ]
    return render(
        request,
        "participants/broadcast/event_messages.html",
        _("Messages: %(event)s") % {"event": event.title},
        event=event,
        sent=sent,
        new_url=reverse("participants_message_new", args=[event.pk]),
        registrations_url=reverse("registrations:event", args=[event.pk]),
    )


def new_message(request, page_id):
    """Write, preview (the count and one recipient's text), send a test to yourself, then send."""
    event = scoped_event(request, page_id)
    form = MessageForm(request.POST or None, event=event)
    context = {"event": event, "form": form}
    if request.method == "POST" and form.is_valid():
        chosen = recipients(event, form.filters())
        count = chosen.count()
        action = request.POST.get("action", "preview")
        first = chosen.first()
        if action == "send" and request.POST.get("count") == str(count) and count:
            message = services.send(
                event=event,
                sender=request.user,
                texts=form.texts(),
                filters=form.filters(),
                send_at=form.cleaned_data.get("send_at"),
            )
            flash.success(request, _("The message to %(count)s people is on its way.") % {"count": count})
            return redirect("participants_message", message.pk)
        if action == "send":
            flash.warning(request, _("The number of recipients changed: check the preview, then send again."))
        if action == "test" and first is not None:
            if not request.user.email:
                flash.error(request, _("Your account has no email address to send a test to."))
            else:
                services.send_test(message_texts=form.texts(), event=event, registration=first, user=request.user)
                flash.success(request, _("A test was sent to %(email)s.") % {"email": request.user.email})
        if first is not None:
            first.event = event
            subject, body = compose.text_for(Message(event=event, **form.texts()), first)
            context["preview"] = {"registration": first, "subject": subject, "body": body}
        context["count"] = count
    return render(
        request,
        "participants/broadcast/new_message.html",
        _("New message: %(event)s") % {"event": event.title},
        list_url=reverse("participants_messages", args=[event.pk]),
        **context,
    )


def message_detail(request, pk):
    message = get_object_or_404(Message.objects.visible_to(request.user).select_related("event", "sender"), pk=pk)
    if message.event is None:
        raise Http404
    return render(
        request,
        "participants/broadcast/message.html",
        _("Message: %(subject)s") % {"subject": message.subject_nl},
        message=message,
        event=message.event,
        progress=services.progress(message),
        list_url=reverse("participants_messages", args=[message.event_id]),
    )
