"""Admin panels that Wagtail lacks: an inline panel that only users with a permission see and submit."""

from wagtail.admin.panels import InlinePanel, Panel


class PermissionedInlinePanel(InlinePanel):
    """An InlinePanel with a ``permission``, as FieldPanel has.

    Wagtail's FieldPanel leaves its field out of the form of a user without the permission, so a
    posted value is ignored; an InlinePanel has no such option. Here the form (EventPageForm) drops
    the formset for such a user, and this panel is then not shown.
    """

    def __init__(self, *args, permission=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "permission": self.permission}

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            form = kwargs.get("form")
            if form is not None and kwargs["panel"].relation_name not in form.formsets:
                Panel.BoundPanel.__init__(self, **kwargs)
                self.label = self.panel.label
                self.formset = None
                self.children = []
                return
            super().__init__(**kwargs)

        def is_shown(self):
            if self.formset is None:
                return False
            if self.panel.permission and not self.request.user.has_perm(self.panel.permission):
                return False
            return super().is_shown()
