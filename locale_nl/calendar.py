# Dutch translations of the calendar strings (issue 4); bin/fill_po.py writes them into the .po files.
NL = {
    "Cancelled: %(title)s": "Geannuleerd: %(title)s",
    "Online: %(url)s": "Online: %(url)s",
    "More information: %(url)s": "Meer informatie: %(url)s",
    "calendar entry": "agenda-item",
    "calendar entries": "agenda-items",
    "Add to calendar": "Zet in je agenda",
    "All sessions as a calendar file (.ics)": "Alle sessies als agendabestand (.ics)",
    "Calendar file (.ics)": "Agendabestand (.ics)",
    "for Apple Calendar, Outlook and others": "voor Apple Agenda, Outlook en andere",
    "Subscribe to this programme in your calendar": "Abonneer je agenda op dit programma",
    "Subscribe to all events in your calendar": "Abonneer je agenda op alle bijeenkomsten",
    "Calendar feed address (.ics)": "Adres van de agendafeed (.ics)",
    "Your registration (change or cancel): %(link)s": "Je inschrijving (wijzigen of annuleren): %(link)s",
    "calendar invite": "agenda-uitnodiging",
    "calendar invites": "agenda-uitnodigingen",
    "In your calendar": "In je agenda",
    "You received a calendar invitation per session by email. Lost it, or use another calendar?": (
        "Je hebt per sessie een agenda-uitnodiging per e-mail gekregen. Kwijt, of gebruik je een andere agenda?"
    ),
    "Download all sessions (.ics)": "Download alle sessies (.ics)",
    "This event has been cancelled. We are sorry.": "Deze bijeenkomst is geannuleerd. Het spijt ons.",
    "This session no longer takes place. The other sessions of the event stay in your calendar.": (
        "Deze sessie gaat niet door. De andere sessies van de bijeenkomst blijven in je agenda staan."
    ),
    "Your registration has been cancelled.": "Je inschrijving is geannuleerd.",
    "Opening the attachment removes it from your calendar.": "Als je de bijlage opent, verdwijnt hij uit je agenda.",
    "%(date)s, %(start)s\u2013%(end)s": "%(date)s, %(start)s\u2013%(end)s",
    "Cancelled: %(summary)s": "Geannuleerd: %(summary)s",
    "Something changed in a session you are registered for. Your calendar is updated when you open the "
    "invitation attached to this email.": (
        "Er is iets veranderd in een sessie waarvoor je bent ingeschreven. Je agenda wordt bijgewerkt als je "
        "de uitnodiging bij deze e-mail opent."
    ),
    "You are registered. This email holds the calendar invitation for:": (
        "Je bent ingeschreven. In deze e-mail zit de agenda-uitnodiging voor:"
    ),
    "Change or cancel your registration with your private link (do not forward it):": (
        "Wijzig of annuleer je inschrijving met je persoonlijke link (stuur hem niet door):"
    ),
    "Changed: %(summary)s": "Gewijzigd: %(summary)s",
    "Invitation: %(summary)s": "Uitnodiging: %(summary)s",
    "See you soon at %(title)s.": "Tot binnenkort bij %(title)s.",
    "The attached calendar file holds every session; you can also download it here:": (
        "Het agendabestand in de bijlage bevat alle sessies; je kunt het ook hier downloaden:"
    ),
    "Cannot come after all? Cancel with your private link, so someone on the waiting list gets your seat:": (
        "Kun je toch niet komen? Annuleer met je persoonlijke link, zodat iemand op de wachtlijst je plaats krijgt:"
    ),
    "Reminder: %(title)s": "Herinnering: %(title)s",
    "Calendar invitation not found": "Agenda-uitnodiging niet gevonden",
    "There is no calendar invitation at this link. The link may be mistyped or replaced by a newer one, or the "
    "registration is not (or no longer) confirmed.": (
        "Via deze link is geen agenda-uitnodiging te vinden. De link is misschien verkeerd overgenomen of "
        "vervangen door een nieuwere, of de inschrijving is (nog) niet of niet meer bevestigd."
    ),
    "Use the link in your most recent email from us, or register again.": (
        "Gebruik de link in je meest recente e-mail van ons, of schrijf je opnieuw in."
    ),
}
