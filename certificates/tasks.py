"""django-q2 tasks of this app: each takes primary keys and is safe to run twice."""

from .services import TASK_BUDGET_SECONDS, run_batch


def issue_certificates_task(batch_pk):
    run_batch(batch_pk, budget_seconds=TASK_BUDGET_SECONDS)
    return batch_pk
