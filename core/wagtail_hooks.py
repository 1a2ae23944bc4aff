from wagtail import hooks

from .audit import register_actions


@hooks.register("register_log_actions")
def register_audit_log_actions(actions):
    register_actions(actions)
