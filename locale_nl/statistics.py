# Dutch translations of the attendance statistics (issue 8); bin/fill_po.py writes them into the .po files.
NL = {
    # Figures and their definitions (participants/reports/figures.py)
    "Registrations": "Inschrijvingen",
    "Participations": "Deelnames",
    "Completions": "Afgerond",
    "Completed": "Afgerond",
    "Unique participants": "Unieke deelnemers",
    "Unique organisations": "Unieke organisaties",
    "No-show rate": "No-showpercentage",
    "By stakeholder type": "Per type belanghebbende",
    "Companies against government, NGOs and trade unions": "Bedrijven tegenover overheid, ngo's en vakbonden",
    "Companies by size": "Bedrijven naar grootte",
    "By programme": "Per programma",
    "By event": "Per bijeenkomst",
    "By session": "Per sessie",
    "Participations per month": "Deelnames per maand",
    "First-time and returning organisations": "Nieuwe en terugkerende organisaties",
    "Events that start in the period and are not cancelled. An event counts in the period of its first session.": (
        "Bijeenkomsten die in de periode beginnen en niet zijn geannuleerd. Een bijeenkomst telt mee in de "
        "periode van haar eerste sessie."
    ),
    "Sessions (days, modules, meetings) of those events.": (
        "Sessies (dagen, modules, bijeenkomsten) van die bijeenkomsten."
    ),
    "Registrations for those events, by their status now: confirmed, on the waiting list, cancelled, ...": (
        "Inschrijvingen voor die bijeenkomsten, naar hun huidige status: bevestigd, op de wachtlijst, geannuleerd, ..."
    ),
    "Registrations that are not cancelled, with at least one check-in that was not undone. A person at two "
    "trainings is two participations.": (
        "Niet-geannuleerde inschrijvingen met minstens één check-in die niet ongedaan is gemaakt. Iemand die twee "
        "trainingen volgt, telt als twee deelnames."
    ),
    "Participations that met the event's attendance rule: checked in for at least as many different sessions as "
    "the rule requires (all sessions, or the minimum the organiser set).": (
        "Deelnames die aan de aanwezigheidseis van de bijeenkomst voldeden: ingecheckt voor minstens zoveel "
        "verschillende sessies als de eis vraagt (alle sessies, of het minimum dat de organisator instelde)."
    ),
    "Different people with at least one participation. A person at two trainings counts once.": (
        "Verschillende personen met minstens één deelname. Iemand die twee trainingen volgt, telt één keer."
    ),
    "Different organisations with at least one participation, as given at registration. An organisation that "
    "changed its name counts once.": (
        "Verschillende organisaties met minstens één deelname, zoals opgegeven bij de inschrijving. Een organisatie "
        "die van naam veranderde, telt één keer."
    ),
    "Of the confirmed registrations for events that have ended, the share without any check-in. Events still to "
    "come are left out.": (
        "Het deel van de bevestigde inschrijvingen voor afgelopen bijeenkomsten zonder enige check-in. "
        "Bijeenkomsten die nog komen, tellen niet mee."
    ),
    "Per stakeholder type as given at registration: registered (confirmed registrations), attended "
    "(participations), completed, and unique participants. A person who came once for a company and once for an "
    "NGO counts in both types.": (
        "Per type belanghebbende zoals opgegeven bij de inschrijving: ingeschreven (bevestigde inschrijvingen), "
        "aanwezig (deelnames), afgerond en unieke deelnemers. Iemand die eens voor een bedrijf en eens voor een ngo "
        "kwam, telt bij beide typen."
    ),
    "The stakeholder types grouped as the covenant reports them: companies; government, NGOs and trade unions; "
    "and the others (sector associations, knowledge institutions, other).": (
        "De typen belanghebbenden gegroepeerd zoals het convenant rapporteert: bedrijven; overheid, ngo's en "
        "vakbonden; en de overige (brancheverenigingen, kennisinstellingen, anders)."
    ),
    "Different organisations that took part as a company, by the size given at registration (SME: under 250 "
    "employees).": (
        "Verschillende organisaties die als bedrijf deelnamen, naar de grootte opgegeven bij de inschrijving "
        "(mkb: minder dan 250 medewerkers)."
    ),
    "The same figures per programme (the roadshow, the NEVI course, ...).": (
        "Dezelfde cijfers per programma (de roadshow, de NEVI-cursus, ...)."
    ),
    "The same figures per event, with its sessions and attendance rule.": (
        "Dezelfde cijfers per bijeenkomst, met haar sessies en aanwezigheidseis."
    ),
    "Check-ins per session, and per session number over all events: for two-day trainings, day 1 against day 2.": (
        "Check-ins per sessie, en per sessienummer over alle bijeenkomsten: bij tweedaagse trainingen dag 1 "
        "tegenover dag 2."
    ),
    "Participations by the month in which their event starts.": (
        "Deelnames naar de maand waarin hun bijeenkomst begint."
    ),
    "Per calendar year, the organisations with a participation that year: first-time when it is their first year "
    "with a participation (under the same programme, kind and type filters, at any time before), returning "
    "otherwise.": (
        "Per kalenderjaar de organisaties met een deelname in dat jaar: nieuw als het hun eerste jaar met een "
        "deelname is (onder dezelfde filters voor programma, soort en type, op enig moment ervoor), anders "
        "terugkerend."
    ),
    # Headline (participants/reports/headline.py)
    "%(days)s-day": "%(days)sdaagse",
    "%(count)s %(days)straining": ("%(count)s %(days)straining", "%(count)s %(days)strainingen"),
    "%(count)s NEVI course": ("%(count)s NEVI-cursus", "%(count)s NEVI-cursussen"),
    "%(count)s intervision meeting": ("%(count)s intervisiebijeenkomst", "%(count)s intervisiebijeenkomsten"),
    "%(count)s %(days)sevent": ("%(count)s %(days)sbijeenkomst", "%(count)s %(days)sbijeenkomsten"),
    "No events in this selection.": "Geen bijeenkomsten in deze selectie.",
    "%(count)s company representative": (
        "%(count)s vertegenwoordiger van een bedrijf",
        "%(count)s vertegenwoordigers van bedrijven",
    ),
    "%(count)s representative of government, NGOs and trade unions": (
        "%(count)s vertegenwoordiger van overheid, ngo's en vakbonden",
        "%(count)s vertegenwoordigers van overheid, ngo's en vakbonden",
    ),
    "%(count)s other participant": ("%(count)s andere deelnemer", "%(count)s andere deelnemers"),
    "%(events)s reached %(people)s.": ("%(events)s bereikte %(people)s.", "%(events)s bereikten %(people)s."),
    "and": "en",
    "%(events)s, without check-ins so far.": (
        "%(events)s, nog zonder check-ins.",
        "%(events)s, nog zonder check-ins.",
    ),
    "Of the companies: %(sme)s SME and %(large)s large.": "Van de bedrijven waren er %(sme)s mkb en %(large)s groot.",
    "%(completed)s of the %(participations)s participations met the attendance rule.": (
        "%(completed)s van de %(participations)s deelnames voldeed aan de aanwezigheidseis.",
        "%(completed)s van de %(participations)s deelnames voldeden aan de aanwezigheidseis.",
    ),
    "Of those confirmed for events that have ended, %(rate)s%% did not come.": (
        "Van wie bevestigd was voor een afgelopen bijeenkomst, kwam %(rate)s%% niet."
    ),
    # Charts
    "Registered, attended and completed, by stakeholder type": (
        "Ingeschreven, aanwezig en afgerond, per type belanghebbende"
    ),
    "Registered": "Ingeschreven",
    "Attended": "Aanwezig",
    "Participations and completions by programme": "Deelnames en afgeronde deelnames per programma",
    "No data in this selection.": "Geen gegevens in deze selectie.",
    # Exports
    "Summary": "Samenvatting",
    "Figure": "Cijfer",
    "Value": "Waarde",
    "Size": "Grootte",
    "Organisations": "Organisaties",
    "Per month": "Per maand",
    "Organisations per year": "Organisaties per jaar",
    "Definitions": "Definities",
    "Key": "Sleutel",
    "Definition": "Definitie",
    "Filter": "Filter",
    # Admin
    "Calendar year": "Kalenderjaar",
    "Covenant year (June to June)": "Convenantjaar (juni tot juni)",
    "Events from": "Bijeenkomsten vanaf",
    "Events until": "Bijeenkomsten tot en met",
    "Attendance statistics": "Aanwezigheidsstatistieken",
    "Section": "Onderdeel",
    "Item": "Item",
    "Measure": "Maat",
    "Starts": "Begint",
    "Attendance by event": "Aanwezigheid per bijeenkomst",
    "Required sessions": "Vereiste sessies",
    "Waiting list": "Wachtlijst",
    "No-shows": "No-shows",
    "Attendance list: %(event)s": "Presentielijst: %(event)s",
    "Name": "Naam",
    "Organisation": "Organisatie",
    "Company size": "Bedrijfsgrootte",
    "Status": "Status",
    "Sessions attended": "Sessies aanwezig",
    "Attendance this covenant year": "Aanwezigheid dit convenantjaar",
    "All attendance statistics": "Alle aanwezigheidsstatistieken",
    "Charts": "Grafieken",
    "PNG": "PNG",
    "SVG": "SVG",
    "SME": "Mkb",
    "Large": "Groot",
    "Checked in": "Ingecheckt",
    "Session %(number)s": "Sessie %(number)s",
    "Year": "Jaar",
    "First time": "Nieuw",
    "Returning": "Terugkerend",
    "All figures": "Alle cijfers",
    "Every figure, one a row: this is what the CSV and XLSX downloads contain. The events are listed under "
    "Attendance by event.": (
        "Elk cijfer op een eigen regel: dit staat in de CSV- en XLSX-downloads. De bijeenkomsten staan onder "
        "Aanwezigheid per bijeenkomst."
    ),
    "Programme": "Programma",
    "Kind": "Soort",
    "Event": "Bijeenkomst",
    "Session": "Sessie",
    "Sessions": "Sessies",
    "Events": "Bijeenkomsten",
    "Stakeholder type": "Type belanghebbende",
    "Confirmed": "Bevestigd",
    "Cancelled": "Geannuleerd",
    "confirmed": "bevestigd",
    "Check the filters. %(problems)s": "Controleer de filters. %(problems)s",
    "The period ends before it starts: check the dates.": "De periode eindigt voordat ze begint: controleer de data.",
    # Registration.sessions_checked_in (participants/models.py)
    "sessions checked in": "ingecheckte sessies",
}
