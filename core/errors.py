"""The one base class of the domain's errors: a message for people, a code for machines.

As pretix does (``CheckInError(_("This order is not marked as paid."), "unpaid")``): each app's
services raise a subclass of DomainError; views show ``message`` in the user's language and decide
by ``code``, never by the text.
"""


class DomainError(Exception):
    """Something a person or an organiser can get wrong, said in their language (``message``).

    ``code`` is a short machine-readable reason (``full``, ``not_open``, ``sme_only`` ...).
    """

    def __init__(self, message, code):
        super().__init__(str(message))
        self.message = message
        self.code = code
