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
from django.utils.csp import CSP

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
        if request.path.startswith(getattr(settings, "WAGTAILADMIN_PATH", "/admin/")) and not hasattr(
            response, "_csp_config"
        ):
            response._csp_config = ADMIN_CSP
            response._csp_ro_config = settings.SECURE_CSP
        return response
