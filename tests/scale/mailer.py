"""A mail backend for the scale test and the load benchmark: one file per message in a directory.

Files are written under a temporary name and renamed, so a reader in another process never sees half
a message; separate web and worker processes all write to the same directory, which the test counts.
``delay`` (seconds) slows each message down, so a batch is still running when the test kills a cluster.
"""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class FilePerMessageBackend(BaseEmailBackend):
    def __init__(self, *args, directory, delay=0.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = Path(directory)
        self.delay = float(delay)

    def send_messages(self, email_messages):
        self.directory.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            if self.delay:
                time.sleep(self.delay)
            name = f"{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex}"
            temporary = self.directory / f".{name}.tmp"
            temporary.write_bytes(message.message().as_bytes())
            os.replace(temporary, self.directory / f"{name}.eml")
        return len(email_messages)
