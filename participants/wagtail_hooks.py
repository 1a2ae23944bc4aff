from .reports import wagtail_hooks as statistics_hooks  # registers the attendance statistics in the admin

__all__ = ["statistics_hooks"]
