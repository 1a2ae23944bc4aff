"""A walk-in at the door: the registration form's fields, the same seats, then checked in at once.

Registration itself is the registration service's (``participants.registration.services.register`` with
``source=walk_in``): the same eligibility rules and the same locked seat count as the public form,
so a walk-in never takes a seat that is not there; without a seat the person goes on the waiting
list and is not checked in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from participants.checkin import services as checkin
from participants.checkin.views import may_see_session
from participants.models import AttendanceMethod, RegistrationSource, RegistrationStatus, ScanAction, ScanStatus
from participants.registration.forms import RegistrationForm
from participants.registration.seats import seat_counts
from participants.registration.services import RegistrationError, register


@login_required
def walk_in(request, session_id):
    session, refusal = may_see_session(request, session_id)
    if refusal:
        return refusal
    event = session.page
    form = RegistrationForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = register(
                event=event, details=form.cleaned_data, answers=form.answers, source=RegistrationSource.WALK_IN
            )
        except RegistrationError as error:
            form.add_error(None, error.message)
        else:
            registration = outcome.registration
            name = form.cleaned_data["first_name"] + " " + form.cleaned_data["last_name"]
            if registration.status != RegistrationStatus.CONFIRMED:
                messages.warning(
                    request,
                    _("No seat left: %(name)s is on the waiting list and was not checked in.") % {"name": name},
                )
            else:
                result = checkin.check_in(
                    user=request.user,
                    session_id=session.pk,
                    registration_id=registration.pk,
                    action=ScanAction.MANUAL,
                    method=AttendanceMethod.WALK_IN,
                )
                if result.status == ScanStatus.OK:
                    messages.success(request, _("%(name)s is registered and checked in.") % {"name": name})
                else:
                    messages.warning(request, result.message)
                # The scanner page then offers this person's badge to print.
                scanner = reverse("participants:checkin_scanner", args=[session.pk])
                return redirect(f"{scanner}?badge={registration.pk}")
            return redirect("participants:checkin_scanner", session.pk)
    return render(
        request,
        "participants/checkin/walk_in.html",
        {"session": session, "event": event, "form": form, "seats": seat_counts(event)},
    )
