# Dutch translations of the check-in's strings (issue 5); bin/fill_po.py writes them into the .po files.
NL = {
    # Service and API answers.
    "Registered for another event: %(event)s.": "Ingeschreven voor een andere bijeenkomst: %(event)s.",
    "This registration has been cancelled.": "Deze inschrijving is geannuleerd.",
    "On the waiting list: this person has no seat (yet).": "Op de wachtlijst: deze persoon heeft (nog) geen plaats.",
    "This registration is not confirmed yet.": "Deze inschrijving is nog niet bevestigd.",
    "Unknown code. Check the code, or search the person by name.": (
        "Onbekende code. Controleer de code of zoek de persoon op naam."
    ),
    "This session does not exist.": "Deze sessie bestaat niet.",
    "Check-in for this session is open on the day of the session only.": (
        "Inchecken voor deze sessie kan alleen op de dag van de sessie."
    ),
    "You may not check people in for this event.": "U mag voor deze bijeenkomst geen mensen inchecken.",
    "Welcome, %(name)s!": "Welkom, %(name)s!",
    "Already checked in at %(time)s.": "Al ingecheckt om %(time)s.",
    "No such registration for this event.": "Deze inschrijving hoort niet bij deze bijeenkomst.",
    "Check-in of %(name)s undone.": "Check-in van %(name)s ongedaan gemaakt.",
    "Was not checked in.": "Was niet ingecheckt.",
    "%(name)s has a new QR code; the old one no longer works.": (
        "%(name)s heeft een nieuwe QR-code; de oude werkt niet meer."
    ),
    "This token is not valid.": "Dit token is niet geldig.",
    "Log in as an organiser of this event to check people in.": (
        "Log in als organisator van deze bijeenkomst om mensen in te checken."
    ),
    "The security check failed: reload the page.": "De beveiligingscontrole is mislukt: laad de pagina opnieuw.",
    "The request is too large.": "Het verzoek is te groot.",
    "The request is not valid JSON.": "Het verzoek is geen geldige JSON.",
    "The nonce must be a text of at most 64 characters.": "De nonce moet een tekst van hoogstens 64 tekens zijn.",
    "scanned_at must be a date and time (ISO 8601).": "scanned_at moet een datum en tijd zijn (ISO 8601).",
    "Use POST.": "Gebruik POST.",
    "Too many failed scans: wait a minute and try again.": (
        "Te veel mislukte scans: wacht een minuut en probeer het opnieuw."
    ),
    "Choose a session.": "Kies een sessie.",
    "No code was scanned.": "Er is geen code gescand.",
    "Choose a person.": "Kies een persoon.",
    # Models.
    "Checked in": "Ingecheckt",
    "Already checked in": "Al ingecheckt",
    "Invalid code": "Ongeldige code",
    "Registration cancelled": "Inschrijving geannuleerd",
    "Registered for another event": "Ingeschreven voor een andere bijeenkomst",
    "Not allowed": "Niet toegestaan",
    "Check-in undone": "Check-in ongedaan gemaakt",
    "QR code scanned": "QR-code gescand",
    "Checked in by hand": "Met de hand ingecheckt",
    "Sent after scanning offline": "Offline gescand, later verstuurd",
    "Undo": "Ongedaan maken",
    "scanned by": "gescand door",
    "action": "handeling",
    "result": "resultaat",
    "reason": "reden",
    "scanned": "gescand",
    "received": "ontvangen",
    "scan": "scan",
    "scans": "scans",
    # Pages.
    "Name": "Naam",
    "Organisation": "Organisatie",
    "Signature": "Handtekening",
    "Check-in at the door": "Inchecken aan de deur",
    "Check-in": "Inchecken",
    "Live counts per session": "Actuele aantallen per sessie",
    "Updated every few seconds.": "Wordt om de paar seconden bijgewerkt.",
    "Expected": "Verwacht",
    "By stakeholder type": "Per type belanghebbende",
    "Lists": "Lijsten",
    "Scanner": "Scanner",
    "Attendance list": "Presentielijst",
    "Attendance list (print)": "Presentielijst (afdrukken)",
    "Attendance list (PDF)": "Presentielijst (pdf)",
    "QR codes": "QR-codes",
    "A new code makes the old one (a lost or shared print-out) scan as invalid.": (
        "Met een nieuwe code wordt de oude (een verloren of gedeelde afdruk) als ongeldig gescand."
    ),
    "Status": "Status",
    "New QR code": "Nieuwe QR-code",
    "No one is registered.": "Er is niemand ingeschreven.",
    "%(points)s PE points %(register)s": "%(points)s PE-punten %(register)s",
    "%(n)s of %(total)s checked in": "%(n)s van %(total)s ingecheckt",
    "Print": "Afdrukken",
    "Only the organisers of an event and the secretariat may check people in.": (
        "Alleen de organisatoren van een bijeenkomst en het secretariaat mogen mensen inchecken."
    ),
    "Sessions today, %(day)s": "Sessies vandaag, %(day)s",
    "None of your events has a session today.": "Geen van uw bijeenkomsten heeft vandaag een sessie.",
    "Back to today's sessions": "Terug naar de sessies van vandaag",
    "Your check-in code": "Uw check-in-code",
    "Show this QR code at the door: on your phone, or printed.": (
        "Laat deze QR-code zien bij de deur: op uw telefoon of afgedrukt."
    ),
    "QR code for the check-in": "QR-code om in te checken",
    "Printable version": "Afdrukbare versie",
    "Download as image": "Downloaden als afbeelding",
    "Show this code at the door, on your phone or printed.": (
        "Laat deze code zien bij de deur, op uw telefoon of afgedrukt."
    ),
    "Check-in and attendance": "Inchecken en aanwezigheid",
    # The scanner page (template and JavaScript).
    "Online": "Online",
    "No scans waiting to be sent": "Geen scans die nog verstuurd moeten worden",
    "List not downloaded yet": "Lijst nog niet gedownload",
    "This session is not today: scans will be refused.": "Deze sessie is niet vandaag: scans worden geweigerd.",
    "Camera image": "Camerabeeld",
    "Tap “Start camera” to scan QR codes.": "Tik op “Camera starten” om QR-codes te scannen.",
    "Start camera": "Camera starten",
    "Hold a QR code in front of the camera": "Houd een QR-code voor de camera",
    "Undo this check-in": "Deze check-in ongedaan maken",
    "Find a person": "Iemand zoeken",
    "Name, email or organisation": "Naam, e-mailadres of organisatie",
    "Search": "Zoeken",
    "More": "Meer",
    "Download the list for offline use": "Lijst downloaden voor offline gebruik",
    "Other session": "Andere sessie",
    "List of %(count)s people, downloaded at %(time)s": "Lijst van %(count)s personen, gedownload om %(time)s",
    "%(count)s scan waiting to be sent": (
        "%(count)s scan wacht op verzending",
        "%(count)s scans wachten op verzending",
    ),
    "A scan made offline was refused:": "Een offline gemaakte scan is geweigerd:",
    "Not in the downloaded list. The scan will be checked when the network is back.": (
        "Niet in de gedownloade lijst. De scan wordt gecontroleerd zodra er weer netwerk is."
    ),
    "Welcome, %(name)s! (offline: will be sent when the network is back)": (
        "Welkom, %(name)s! (offline: wordt verstuurd zodra er weer netwerk is)"
    ),
    "Invalid": "Ongeldig",
    "Cancelled": "Geannuleerd",
    "Waiting list": "Wachtlijst",
    "Other event": "Andere bijeenkomst",
    "Undone": "Ongedaan gemaakt",
    "Unknown (offline)": "Onbekend (offline)",
    "Undoing a check-in needs the network.": "Voor het ongedaan maken van een check-in is netwerk nodig.",
    "Starting the camera…": "Camera wordt gestart…",
    "Scanning": "Scannen",
    "No camera available: search people by name instead.": "Geen camera beschikbaar: zoek mensen op naam.",
    "No one found.": "Niemand gevonden.",
    "Undo check-in": "Check-in ongedaan maken",
    "Check in": "Inchecken",
    "Offline: scans are kept on this phone": "Offline: scans worden op deze telefoon bewaard",
    # Admin and emails.
    "%(name)s has a new QR code, sent by email; the old one no longer works.": (
        "%(name)s heeft een nieuwe QR-code gekregen, per e-mail verstuurd; de oude werkt niet meer."
    ),
    "Scans at the door": "Scans aan de deur",
    "Show this QR code at the door, on your phone or printed. It is also attached to this email (qr-code.png).": (
        "Laat deze QR-code zien bij de deur, op uw telefoon of afgedrukt. Hij zit ook als bijlage bij deze e-mail"
        " (qr-code.png)."
    ),
    "Your check-in code is attached to this email (qr-code.png). Show it at the door, on your phone or printed.": (
        "Uw check-in-code zit als bijlage bij deze e-mail (qr-code.png). Laat hem zien bij de deur, op uw telefoon"
        " of afgedrukt."
    ),
    "You can also find it, and a printable version, on your personal page:": (
        "U vindt hem ook, met een afdrukbare versie, op uw persoonlijke pagina:"
    ),
    "Dear %(name)s,": "Beste %(name)s,",
    "The organiser has given you a new check-in code for %(event)s. Your previous code no longer works.": (
        "De organisator heeft u een nieuwe check-in-code gegeven voor %(event)s. Uw vorige code werkt niet meer."
    ),
    "Your new check-in code for %(event)s": "Uw nieuwe check-in-code voor %(event)s",
    # Walk-ins.
    "No seat left: %(name)s is on the waiting list and was not checked in.": (
        "Geen plaats meer: %(name)s staat op de wachtlijst en is niet ingecheckt."
    ),
    "%(name)s is registered and checked in.": "%(name)s is ingeschreven en ingecheckt.",
    "Register a walk-in": "Iemand aan de deur inschrijven",
    "Register and check in": "Inschrijven en inchecken",
    "Back to the scanner": "Terug naar de scanner",
}
