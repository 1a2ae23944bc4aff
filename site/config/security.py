"""Security middleware that the settings wire in.

The public site runs under the strict Content Security Policy in ``SECURE_CSP`` (nonces for any
inline script or style). The Wagtail admin cannot: its templates carry inline scripts without a nonce
(the page editor's set-up; tests/e2e/test_csp.py saw six of them blocked on one page edit under the
strict policy) and its JavaScript sets inline styles (Draftail, the sidebar, the preview panel).
So below /admin/ the browser enforces a policy that still stops framing by other sites, plugins and
foreign form targets, and only *reports* the strict one (Content-Security-Policy-Report-Only), which
shows what the admin would need without breaking it.
"""

from django.conf import settings
from django.middleware.csp import get_nonce
from django.utils.csp import CSP, build_policy

ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}


class AdminContentSecurityPolicyMiddleware:
    """Give responses below the admin's URL the admin policy; listed after Django's CSP middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(getattr(settings, "WAGTAILADMIN_PATH", "/admin/")):
            # Django's middleware leaves headers a response already has alone (its documented way for a
            # view to set its own policy), so the admin's are written here, before it looks.
            if str(CSP.HEADER_ENFORCE) not in response:
                response[str(CSP.HEADER_ENFORCE)] = build_policy(ADMIN_CSP)
            if settings.SECURE_CSP and str(CSP.HEADER_REPORT_ONLY) not in response:
                response[str(CSP.HEADER_REPORT_ONLY)] = build_policy(settings.SECURE_CSP, get_nonce(request))
        return response
