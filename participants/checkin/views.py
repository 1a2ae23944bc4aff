"""The check-in API (POST /api/checkin/, see DESIGN.md), the scanner page, counts and attendance lists.

The API authenticates with the organiser's session (and then checks CSRF, as Django would) or with
``Authorization: Bearer <token>`` (see checkin_tokens). Every answer is JSON with a ``status`` and a
``message`` in the user's language; bad input gets a 4xx answer of the same shape, never a 500.
HTTP codes: 200 for every scan that was judged (ok, already_checked_in, invalid, cancelled,
waitlisted, wrong_event), 400 for a request that cannot be read, 401 without a login or token,
403 for not_allowed, 413 for a body that is too large, 429 when a user has too many failed scans
or an address too many tokens that are not valid (the rate limiter's one answer, status not_allowed).
"""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core import access, ratelimit
from core.audit import audit
from events.models import EventSession
from participants.checkin import days, lists
from participants.checkin import services as checkin
from participants.checkin.pdf import attendance_pdf
from participants.checkin.tokens import user_for_token
from participants.models import Registration, RegistrationStatus, ScanAction, ScanStatus

MAX_BODY_BYTES = 4096


class BadRequest(Exception):
    def __init__(self, message, reason, status=400):
        super().__init__(message)
        self.message, self.reason, self.status = message, reason, status


def answer(status, message, http_status=200, **extra):
    return JsonResponse({"status": str(status), "message": str(message), **extra}, status=http_status)


def result_response(result):
    http_status = 403 if result.status == ScanStatus.NOT_ALLOWED else 200
    return JsonResponse(result.as_json(), status=http_status)


# Authentication and input.


def api_user(request):
    """(user, None) for an authenticated request, or (None, the JSON answer refusing it)."""
    header = request.headers.get("Authorization", "")
    if header:
        # Tokens that are not valid are counted per client address; past the budget every token from
        # that address is refused until the window ends, so a token cannot be guessed at speed.
        if retry_after := ratelimit.used_up(request, "checkin_token_miss"):
            return None, ratelimit.rate_limited_response(request, retry_after, json_status=ScanStatus.NOT_ALLOWED)
        scheme, _sep, token = header.partition(" ")
        user = user_for_token(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
        if user is None:
            ratelimit.count(request, "checkin_token_miss")
            return None, answer(ScanStatus.NOT_ALLOWED, _("This token is not valid."), 401, reason="bad_token")
        return user, None
    user = request.user
    if not (user.is_authenticated and user.is_active):
        return None, answer(
            ScanStatus.NOT_ALLOWED,
            _("Log in as an organiser of this event to check people in."),
            401,
            reason="not_logged_in",
        )
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        # The view is csrf_exempt for token clients; a session must pass the usual CSRF check.
        check = CsrfViewMiddleware(lambda r: None)
        check.process_request(request)
        if check.process_view(request, None, (), {}) is not None:
            return None, answer(
                ScanStatus.NOT_ALLOWED, _("The security check failed: reload the page."), 403, reason="csrf"
            )
    return user, None


def read_json(request):
    """The request's JSON object, refusing a huge body before reading it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        raise BadRequest(_("The request is too large."), "too_large", 413)
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest(_("The request is too large."), "too_large", 413)
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(_("The request is not valid JSON."), "malformed") from None
    if not isinstance(data, dict):
        raise BadRequest(_("The request is not valid JSON."), "malformed")
    return data


def int_field(data, name, message):
    value = data.get(name)
    if isinstance(value, bool) or value is None:
        raise BadRequest(message, f"bad_{name}")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadRequest(message, f"bad_{name}") from None
    if not 0 < number < 2**62:
        raise BadRequest(message, f"bad_{name}")
    return number


def optional_fields(data):
    nonce = data.get("nonce") or ""
    if not isinstance(nonce, str) or len(nonce) > checkin.MAX_NONCE_LENGTH:
        raise BadRequest(_("The nonce must be a text of at most 64 characters."), "bad_nonce")
    scanned_at = data.get("scanned_at")
    if scanned_at not in (None, ""):
        try:
            parsed = parse_datetime(scanned_at) if isinstance(scanned_at, str) and len(scanned_at) < 40 else None
        except ValueError:  # well-formed but impossible, such as year 0
            parsed = None
        if parsed is None:
            raise BadRequest(_("scanned_at must be a date and time (ISO 8601)."), "bad_scanned_at")
        scanned_at = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
    else:
        scanned_at = None
    return nonce, scanned_at


# Failed scans are limited per organiser (RATELIMITS["checkin"]), not per address: the doors of one
# venue share an address, and a guessing scanner should not stop the others.


def failures_key(user):
    return f"user:{user.pk}"


def judge(request, run, code=None):
    """Authenticate, read, rate-limit, run the check-in and answer; shared by the scan, manual and undo APIs."""
    if request.method != "POST":
        return answer(ScanStatus.INVALID, _("Use POST."), 405, reason="method")
    user, refusal = api_user(request)
    if refusal:
        return refusal
    failures = failures_key(user)
    if retry_after := ratelimit.used_up(request, "checkin", key=failures):
        checkin.log_refusal(
            user=user, session_id=None, code=None, nonce=None, status=ScanStatus.NOT_ALLOWED, reason="rate_limited"
        )
        return ratelimit.rate_limited_response(request, retry_after, json_status=ScanStatus.NOT_ALLOWED)
    data = {}
    try:
        data = read_json(request)
        result = run(user, data)
    except BadRequest as error:
        code = data.get("code") if isinstance(data.get("code"), str) else None
        session_id = data.get("session") if isinstance(data.get("session"), int) else None
        checkin.log_refusal(
            user=user,
            session_id=session_id,
            code=code,
            nonce=data.get("nonce"),
            status=ScanStatus.INVALID,
            reason=error.reason,
        )
        ratelimit.count(request, "checkin", key=failures)
        return answer(ScanStatus.INVALID, error.message, error.status, reason=error.reason)
    if result.failed:
        ratelimit.count(request, "checkin", key=failures)
    return result_response(result)


def scan(user, data):
    session_id = int_field(data, "session", _("Choose a session."))
    nonce, scanned_at = optional_fields(data)
    code = data.get("code")
    if not isinstance(code, str):
        raise BadRequest(_("No code was scanned."), "bad_code")
    code = code.strip()
    if not code:
        raise BadRequest(_("No code was scanned."), "empty")
    if len(code) > checkin.MAX_CODE_LENGTH:
        raise BadRequest(_("Unknown code. Check the code, or search the person by name."), "unknown_code")
    return checkin.check_in(user=user, session_id=session_id, code=code, nonce=nonce, scanned_at=scanned_at)


def by_hand(user, data):
    session_id = int_field(data, "session", _("Choose a session."))
    registration_id = int_field(data, "registration", _("Choose a person."))
    nonce, scanned_at = optional_fields(data)
    # The offline queue sends people it found in its downloaded list this way.
    action = ScanAction.OFFLINE if data.get("offline") is True else ScanAction.MANUAL
    return checkin.check_in(
        user=user,
        session_id=session_id,
        registration_id=registration_id,
        nonce=nonce,
        scanned_at=scanned_at,
        action=action,
    )


def undo(user, data):
    session_id = int_field(data, "session", _("Choose a session."))
    registration_id = int_field(data, "registration", _("Choose a person."))
    return checkin.undo_check_in(user=user, session_id=session_id, registration_id=registration_id)


@csrf_exempt
@never_cache
def checkin_api(request):
    return judge(request, scan)


@csrf_exempt
@never_cache
def manual_api(request):
    return judge(request, by_hand)


@csrf_exempt
@never_cache
def undo_api(request):
    return judge(request, undo)


def session_for(request, session_id):
    """(session, None) if the user may check in for it, or (None, the refusal)."""
    user, refusal = api_user(request)
    if refusal:
        return None, refusal
    session = EventSession.objects.select_related("page").filter(pk=session_id).first()
    if session is None:
        return None, answer(ScanStatus.INVALID, _("This session does not exist."), 404, reason="unknown_session")
    if not access.may_run_event(user, session.page_id):
        return None, answer(ScanStatus.NOT_ALLOWED, _("You may not check people in for this event."), 403)
    return session, None


@csrf_exempt
@never_cache
def counts_api(request, session_id):
    session, refusal = session_for(request, session_id)
    if refusal:
        return refusal
    return JsonResponse(lists.session_counts(session))


@csrf_exempt
@never_cache
def registrations_api(request, session_id):
    """Without ``q``: the whole list for scanning offline (codes as hashes). With ``q``: a search."""
    session, refusal = session_for(request, session_id)
    if refusal:
        return refusal
    query = request.GET.get("q", "")[:100].strip()
    people = lists.search_registrations(session, query) if query else lists.session_registrations(session)
    return JsonResponse(
        {
            "session": session.pk,
            "generated_at": timezone.now().isoformat(),
            "registrations": [lists.offline_entry(r) for r in people],
        }
    )


# Pages.


def may_see_session(request, session_id):
    session = get_object_or_404(EventSession.objects.select_related("page"), pk=session_id)
    if not access.may_run_event(request.user, session.page_id):
        return session, render(request, "participants/checkin/not_allowed.html", {"session": session}, status=403)
    return session, None


@login_required
def scanner_index(request):
    """Pick one of today's sessions."""
    today = timezone.localdate()
    sessions = list(days.sessions_on(today, request.user))
    allowed = access.runs_any_event(request.user)
    return render(
        request,
        "participants/checkin/index.html",
        {"sessions": sessions, "today": today, "allowed": allowed},
        status=200 if allowed else 403,
    )


@login_required
def scanner(request, session_id):
    session, refusal = may_see_session(request, session_id)
    if refusal:
        return refusal
    config = {
        "session": session.pk,
        "isToday": days.is_session_day(session.starts_at, session.ends_at, timezone.now(), session.page.time_zone),
        "urls": {
            "checkin": reverse("participants:checkin_api"),
            "manual": reverse("participants:checkin_manual_api"),
            "undo": reverse("participants:checkin_undo_api"),
            "counts": reverse("participants:checkin_counts_api", args=[session.pk]),
            "registrations": reverse("participants:checkin_registrations_api", args=[session.pk]),
            "serviceWorker": reverse("participants:checkin_service_worker"),
        },
        # Offline, the scanner judges a scan itself: it says what the server would, in the server's words.
        "messages": {
            "invalid": _("Unknown code. Check the code, or search the person by name."),
            "cancelled": _("This registration has been cancelled."),
            "waitlisted": _("On the waiting list: this person has no seat (yet)."),
            "unconfirmed": _("This registration is not confirmed yet."),
            "alreadyCheckedIn": _("Already checked in at %(time)s."),
        },
    }
    return render(
        request,
        "participants/checkin/scanner.html",
        {"session": session, "event": session.page, "config": config, "badge": walk_in_badge(request, session)},
    )


def walk_in_badge(request, session):
    """The walk-in just registered (``?badge=<registration>``), whose badge the page offers to print."""
    pk = request.GET.get("badge", "")
    if not pk.isdigit() or len(pk) > 12:
        return None
    return (
        Registration.objects.filter(pk=pk, event_id=session.page_id, status=RegistrationStatus.CONFIRMED)
        .select_related("participant")
        .first()
    )


@login_required
def attendance_list(request, session_id):
    """A signature sheet: everyone confirmed, with their check-in time and room to sign (print CSS)."""
    session, refusal = may_see_session(request, session_id)
    if refusal:
        return refusal
    people = [r for r in lists.session_registrations(session) if r.status == "confirmed" or r.checked_in_at]
    return render(
        request,
        "participants/checkin/attendance_list.html",
        {"session": session, "event": session.page, "people": people, "counts": lists.session_counts(session)},
    )


@login_required
def attendance_list_pdf(request, session_id):
    session, refusal = may_see_session(request, session_id)
    if refusal:
        return refusal
    people = [r for r in lists.session_registrations(session) if r.status == "confirmed" or r.checked_in_at]
    response = HttpResponse(attendance_pdf(session, people), content_type="application/pdf")
    audit(
        "covenant.export",
        actor=request.user,
        obj=session.page,
        what="attendance-list-pdf",
        format="pdf",
        session=session.pk,
        rows=len(people),
    )
    response["Content-Disposition"] = f'inline; filename="attendance-{session.pk}.pdf"'
    return response


def service_worker(request):
    """The scanner's service worker, served below /checkin/ so that its scope covers the scanner."""
    assets = [
        static("participants/checkin.css"),
        static("participants/checkin.js"),
        static("participants/vendor/jsqr-1.4.0/jsQR.js"),
        reverse("javascript-catalog"),
        reverse("participants:checkin_manifest"),
    ]
    body = render(request, "participants/checkin/sw.js", {"assets": json.dumps(assets)}).content
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def manifest(request):
    data = {
        "name": _("Check-in at the door"),
        "short_name": pgettext("at the door", "Check-in"),
        "start_url": reverse("participants:checkin"),
        "scope": reverse("participants:checkin"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4e89",
        "icons": [
            {"src": static("participants/icons/checkin-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("participants/icons/checkin-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})
