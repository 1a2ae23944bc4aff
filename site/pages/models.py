"""The site's own pages (home, plain content pages) and its site-wide settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.fields import RichTextField
from wagtail.models import Page

from events.choices import EventKind
from events.models import EventPage, ProgrammePage

from .filters import EventFilterForm


class HomePage(Page):
    """The front page: an introduction, the programmes and the upcoming events."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["events.ProgrammePage", "pages.StandardPage", "pages.EventIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = ProgrammePage.objects.live().child_of(self).specific()
        context["upcoming_events"] = EventPage.objects.upcoming().descendant_of(self).for_listing()[:6]
        context["event_index"] = EventIndexPage.objects.live().descendant_of(self).first()
        return context


class EventIndexPage(Page):
    """All events, filterable by programme, kind, month and 'open for registration'."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("event listing")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        root = self.get_parent()
        events = EventPage.objects.listed().descendant_of(root)
        form = EventFilterForm(
            request.GET or None,
            programmes=ProgrammePage.objects.live().descendant_of(root).order_by("title"),
            months=EventPage.month_choices(events),
        )
        context["filter_form"] = form
        context["events"] = form.filter(events).for_listing()
        context["kinds"] = EventKind.choices
        return context


class StandardPage(Page):
    """A plain content page: about, privacy statement, contact."""

    body = RichTextField(_("body"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]

    class Meta:
        verbose_name = _("content page")


class SiteSettings(BaseSiteSetting):
    """What the footer, emails and certificates say about the covenant."""

    covenant_name = models.CharField(_("covenant name"), max_length=200, default="Convenant Voedingsproducten")
    contact_email = models.EmailField(_("contact email"), default="secretariaat@example.org")
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("covenant_name"), FieldPanel("contact_email"), FieldPanel("privacy_page")]

    class Meta:
        verbose_name = _("site settings")
