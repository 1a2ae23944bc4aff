# Dutch translations of the certificates app's strings; bin/fill_po.py writes them into the .po files.
NL = {
    "Proof of participation": "Bewijs van deelname",
    "Certificate of attendance": "Certificaat van deelname",
    "{name} took part in the intervision meeting “{event}” on {dates}: a confidential peer-review meeting of "
    "small and medium-sized companies on due diligence in their supply chains.":
        "{name} nam op {dates} deel aan de intervisiebijeenkomst “{event}”: een vertrouwelijke bijeenkomst "
        "waarin mkb-bedrijven elkaar adviseren over gepaste zorgvuldigheid in hun ketens.",
    "{name} attended the {kind} “{event}” on {dates}, {hours} hours in {sessions} sessions.":
        "{name} nam op {dates} deel aan “{event}” ({kind}): {hours} uur in {sessions} sessies.",
    "Name": "Naam", "Organisation": "Organisatie", "Dates": "Data", "Hours attended": "Aanwezige uren",
    "Verify this certificate at": "Controleer dit certificaat op",
    "the participant's name": "de naam van de deelnemer", "their organisation": "diens organisatie",
    "the event's title": "de titel van de bijeenkomst", "the kind of event": "het soort bijeenkomst",
    "the dates attended": "de bijgewoonde data", "the hours attended": "de bijgewoonde uren",
    "the number of sessions attended": "het aantal bijgewoonde sessies", "the PE points": "de PE-punten",
    "the PE register": "het PE-register", "the issuer": "de uitgever", "the verification code": "de verificatiecode",
    "Unknown placeholder: %(unknown)s. You can use: %(known)s.":
        "Onbekende invulplek: %(unknown)s. U kunt gebruiken: %(known)s.",
    "For the admin only.": "Alleen voor de beheeromgeving.", "kind of event": "soort bijeenkomst",
    "Leave empty to use this template for every kind that has no template of its own.":
        "Laat leeg om dit sjabloon te gebruiken voor elk soort bijeenkomst zonder eigen sjabloon.",
    "Placeholders such as {name}, {event}, {dates}, {hours} and {pe_points} are filled in.":
        "Invulplekken zoals {name}, {event}, {dates}, {hours} en {pe_points} worden ingevuld.",
    "issuer": "uitgever", "Who issues the certificate; the site's name if empty.":
        "Wie het certificaat uitgeeft; de naam van de site als dit leeg is.",
    "signatory": "ondertekenaar", "signatory's role": "functie van de ondertekenaar", "signature": "handtekening",
    "logo": "logo", "Placeholders:": "Invulplekken:", "Signature": "Handtekening",
    "certificate template": "certificaatsjabloon", "certificate templates": "certificaatsjablonen",
    "PDF": "PDF", "Text only": "Alleen tekst", "verification code": "verificatiecode", "version": "versie",
    "name on the certificate": "naam op het certificaat", "event title": "titel van de bijeenkomst",
    "first date": "eerste datum", "last date": "laatste datum", "hours attended": "aanwezige uren",
    "sessions attended": "bijgewoonde sessies", "template": "sjabloon", "issued": "uitgegeven",
    "reissued": "opnieuw uitgegeven", "emailed": "gemaild", "revoked": "ingetrokken",
    "reason for revoking": "reden van intrekking", "certificate": "certificaat", "certificates": "certificaten",
    "valid": "geldig", "Running": "Bezig", "Done": "Klaar", "eligible": "komen in aanmerking", "done": "verwerkt",
    "newly issued": "nieuw uitgegeven", "error": "fout", "started by": "gestart door", "started": "gestart",
    "finished": "klaar", "certificate batch": "certificatenronde", "certificate batches": "certificatenrondes",
    "This registration does not meet the event's attendance rule.":
        "Deze inschrijving voldoet niet aan de aanwezigheidseis van de bijeenkomst.",
    "No unique verification code could be made; try again.":
        "Er kon geen unieke verificatiecode worden gemaakt; probeer het opnieuw.",
    "Give the name as it should be printed.": "Geef de naam zoals die op het certificaat moet staan.",
    "A revoked certificate cannot be reissued.": "Een ingetrokken certificaat kan niet opnieuw worden uitgegeven.",
    "The certificate was changed meanwhile; look again.": "Het certificaat is intussen gewijzigd; bekijk het opnieuw.",
    "Give the reason for revoking; verification shows it.":
        "Geef de reden van intrekking; de controlepagina toont die.",
    "This certificate was already revoked.": "Dit certificaat was al ingetrokken.",
    "This event was cancelled: it has no certificates.": "Deze bijeenkomst is geannuleerd: er zijn geen certificaten.",
    "Certificates can be issued after the event's last session.":
        "Certificaten kunnen worden uitgegeven na de laatste sessie van de bijeenkomst.",
    "Dear %(name)s,": "Beste %(name)s,",
    "We have corrected your certificate for %(event_title)s. The new version replaces the previous one; its "
    "verification code stays the same.":
        "We hebben uw certificaat voor %(event_title)s gecorrigeerd. De nieuwe versie vervangt de vorige; de "
        "verificatiecode blijft hetzelfde.",
    "Thank you for taking part in %(event_title)s. Your certificate is ready.":
        "Dank voor uw deelname aan %(event_title)s. Uw certificaat staat klaar.",
    "Download your certificate (PDF)": "Download uw certificaat (pdf)",
    "Your registration page, with a digital badge for your records":
        "Uw inschrijvingspagina, met een digitale badge voor uw eigen administratie",
    "Anyone can check that your certificate is genuine with the code %(code)s at:":
        "Iedereen kan met de code %(code)s controleren dat uw certificaat echt is op:",
    "Download it (PDF):": "Downloaden (pdf):",
    "Your registration page, with a digital badge for your records:":
        "Uw inschrijvingspagina, met een digitale badge voor uw eigen administratie:",
    "Your corrected certificate for %(event_title)s": "Uw gecorrigeerde certificaat voor %(event_title)s",
    "Your certificate for %(event_title)s": "Uw certificaat voor %(event_title)s",
    "Your certificate has been revoked: %(reason)s": "Uw certificaat is ingetrokken: %(reason)s",
    "Your certificate has verification code <code>%(code)s</code>.":
        "Uw certificaat heeft verificatiecode <code>%(code)s</code>.",
    "Open Badge (JSON)": "Open Badge (JSON)", "signed (JWT)": "ondertekend (JWT)",
    "Verification page": "Controlepagina",
    "You met the attendance rule. Your certificate will be sent to you by email once it is issued.":
        "U voldoet aan de aanwezigheidseis. Uw certificaat wordt u gemaild zodra het is uitgegeven.",
    "Verify a certificate": "Certificaat controleren", "Revoked": "Ingetrokken",
    "this certificate was issued by us but has been revoked.":
        "dit certificaat is door ons uitgegeven, maar is ingetrokken.",
    "Genuine": "Echt", "this certificate was issued by us and is valid.":
        "dit certificaat is door ons uitgegeven en is geldig.",
    "Code": "Code", "Issued": "Uitgegeven", "version %(version)s": "versie %(version)s", "Reason": "Reden",
    "Verification code": "Verificatiecode", "Verify": "Controleren",
    "Too many verification attempts from your address. Try again in a few minutes.":
        "Te veel controlepogingen vanaf uw adres. Probeer het over een paar minuten opnieuw.",
    "No certificate has this code. Check the code and try again.":
        "Geen certificaat heeft deze code. Controleer de code en probeer het opnieuw.",
    "There is no certificate for this registration.": "Er is geen certificaat voor deze inschrijving.",
    "Signed badges are not available on this site.": "Ondertekende badges zijn op deze site niet beschikbaar.",
    "Templates": "Sjablonen", "Correct the name": "Naam corrigeren",
    "Reissue with this name": "Opnieuw uitgeven met deze naam",
    "Certificate '%(object)s' reissued as a new version and emailed.":
        "Certificaat '%(object)s' als nieuwe versie uitgegeven en gemaild.",
    "Shown to anyone who verifies the certificate.": "Zichtbaar voor iedereen die het certificaat controleert.",
    "Revoke": "Intrekken", "Revoke this certificate": "Dit certificaat intrekken",
    "Certificate '%(object)s' revoked.": "Certificaat '%(object)s' ingetrokken.",
    "Everyone who met the event's attendance rule and has no certificate yet gets one, by email. Running it again "
    "later issues those checked in late.":
        "Iedereen die aan de aanwezigheidseis voldoet en nog geen certificaat heeft, krijgt er een per e-mail. "
        "Later nog eens uitvoeren geeft ook wie laat is ingecheckt een certificaat.",
    "Issue certificates": "Certificaten uitgeven",
    "Issuing the certificates of %(object)s: follow the progress here.":
        "De certificaten van %(object)s worden uitgegeven: volg de voortgang hier.",
    "Batches": "Rondes",
}
