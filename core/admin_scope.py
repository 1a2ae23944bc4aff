"""Row-level scoping for the Wagtail admin's generic views: the one mechanism every app's viewsets use.

A model's queryset says which rows a user may see with ``visible_to(user)``, which asks the access
policy (``core.access``). A viewset with ``ScopedViewSetMixin`` then lists only those rows, and every
view that shows one object (edit, inspect, delete, and history and usage, which show at least its
name) answers 404 for any other: that such a row exists is not told.
"""

from django.http import Http404
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().visible_to(self.request.user)


class ScopedObjectMixin:
    """An object outside the user's scope is not found, rather than forbidden."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not type(obj)._default_manager.visible_to(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class ScopedViewSetMixin:
    """For a ModelViewSet: every view of it is scoped; copying is off (a copy would show the original)."""

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    inspect_view_class = ScopedInspectView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
