"""The registration services' one error type."""

from core.errors import DomainError


class RegistrationError(DomainError):
    """Something a person or organiser can get wrong; ``code`` is for machines, the message for people.

    Codes: ``invalid`` (a required detail is missing or wrong), ``not_open`` (outside the window,
    cancelled or past event), ``sme_only`` (intervision), ``bad_link``, ``expired_link``,
    ``lapsed`` (the registration was cancelled or its hold expired), ``full`` (no seat for this
    type), ``wrong_status`` (the action does not fit the registration's status).
    """
