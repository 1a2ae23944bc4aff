import pytest

from participants.signals import registration_cancelled, registration_confirmed


@pytest.fixture
def signals_sent():
    """Collect the registration signals sent during a test: [("confirmed"|"cancelled", registration)]."""
    sent = []

    def on_confirmed(sender, registration, **kwargs):
        sent.append(("confirmed", registration))

    def on_cancelled(sender, registration, **kwargs):
        sent.append(("cancelled", registration))

    registration_confirmed.connect(on_confirmed, weak=False)
    registration_cancelled.connect(on_cancelled, weak=False)
    yield sent
    registration_confirmed.disconnect(on_confirmed)
    registration_cancelled.disconnect(on_cancelled)
