# (translations are long sentences, one per line)
# Dutch translations of the privacy, security and audit strings; bin/fill_po.py writes them into the .po files.
NL = {
    # Audit log actions
    "Check-in": "Aanmelding bij de deur",
    "Checked in": "Aangemeld bij de deur",
    "Check-in undone": "Aanmelding ongedaan gemaakt",
    "Undid a check-in": "Maakte een aanmelding ongedaan",
    "Certificate issued": "Certificaat uitgereikt",
    "Issued a certificate": "Reikte een certificaat uit",
    "Certificate revoked": "Certificaat ingetrokken",
    "Revoked a certificate": "Trok een certificaat in",
    "Data export": "Gegevensexport",
    "Exported data": "Exporteerde gegevens",
    "Personal data downloaded": "Persoonsgegevens gedownload",
    "The participant downloaded their data": "De deelnemer downloadde zijn of haar gegevens",
    "Personal data erased": "Persoonsgegevens gewist",
    "Erased a person's personal data": "Wiste de persoonsgegevens van een persoon",
    "Retention policy applied": "Bewaarbeleid toegepast",
    "Applied the retention policy": "Paste het bewaarbeleid toe",
    # Erasure and download
    "This person's data has already been erased.": "De gegevens van deze persoon zijn al gewist.",
    "This link is not valid (any more).": "Deze link is niet (meer) geldig.",
    "Tick the box to confirm that you want your data erased.": "Vink het vakje aan om te bevestigen dat u uw gegevens wilt laten wissen.",
    "Your data": "Uw gegevens",
    "We keep your details to run the trainings you register for and to report anonymous attendance figures.": "We bewaren uw gegevens om de trainingen waarvoor u zich inschrijft te organiseren en om anonieme deelnamecijfers te rapporteren.",
    "Read our privacy statement.": "Lees onze privacyverklaring.",
    "Download my data (JSON)": "Mijn gegevens downloaden (JSON)",
    "Erase my data": "Mijn gegevens wissen",
    "This erases the personal data we hold about you, %(name)s: your name, email address, phone number, job title and any dietary or accessibility needs, for every training you registered for.": "Hiermee wissen we de persoonsgegevens die we van u hebben, %(name)s: uw naam, e-mailadres, telefoonnummer, functie en eventuele dieetwensen of toegankelijkheidsbehoeften, voor elke training waarvoor u zich hebt ingeschreven.",
    "Your places at trainings that have not taken place yet are cancelled.": "Uw plaatsen bij trainingen die nog niet hebben plaatsgevonden worden geannuleerd.",
    "This link, your other links and your QR codes stop working.": "Deze link, uw andere links en uw QR-codes werken daarna niet meer.",
    "We keep only anonymous figures (how many people of which kind of organisation attended).": "We bewaren alleen anonieme cijfers (hoeveel mensen van welk soort organisatie deelnamen).",
    "This cannot be undone. Download your data first if you want to keep a copy.": "Dit kan niet ongedaan worden gemaakt. Download eerst uw gegevens als u een kopie wilt bewaren.",
    "Yes, erase my data.": "Ja, wis mijn gegevens.",
    "Your data has been erased": "Uw gegevens zijn gewist",
    "We no longer hold your name, email address or other personal details. Your links no longer work.": "We bewaren uw naam, e-mailadres en andere persoonsgegevens niet meer. Uw links werken niet meer.",
    "Back to the home page": "Terug naar de homepagina",
    # Admin
    "Erase personal data": "Persoonsgegevens wissen",
    "The person's personal data has been erased.": "De persoonsgegevens van deze persoon zijn gewist.",
    "This person's data was erased on %(date)s.": "De gegevens van deze persoon zijn gewist op %(date)s.",
    "Erasing blanks this person's name, email address, phone, job title and needs, revokes their private links and QR codes, and cancels their places at events still to come. Their registrations and attendance stay, anonymously, so the statistics do not change. This cannot be undone.": "Wissen maakt de naam, het e-mailadres, het telefoonnummer, de functie en de wensen van deze persoon leeg, trekt de persoonlijke links en QR-codes in en annuleert plaatsen bij bijeenkomsten die nog komen. De inschrijvingen en aanwezigheid blijven anoniem bestaan, zodat de statistieken niet veranderen. Dit kan niet ongedaan worden gemaakt.",
    "%(counter)s registration": ("%(counter)s inschrijving", "%(counter)s inschrijvingen"),
    "Yes, erase this person's data": "Ja, wis de gegevens van deze persoon",
    "Download their data first (JSON)": "Eerst de gegevens downloaden (JSON)",
    "Cancel": "Annuleren",
    "Erase data": "Gegevens wissen",
    "Download data (JSON)": "Gegevens downloaden (JSON)",
    # Rate limits and login throttling
    "Too many requests. Try again in a moment.": "Te veel verzoeken. Probeer het zo opnieuw.",
    "Too many requests": "Te veel verzoeken",
    "You sent too many requests in a short time. Try again in %(seconds)s second.": (
        "U hebt in korte tijd te veel verzoeken gestuurd. Probeer het over %(seconds)s seconde opnieuw.",
        "U hebt in korte tijd te veel verzoeken gestuurd. Probeer het over %(seconds)s seconden opnieuw.",
    ),
    "Nothing you entered before was lost.": "Wat u eerder invulde, is niet verloren gegaan.",
    "Too many failed logins": "Te veel mislukte inlogpogingen",
    "This account is locked for a quarter of an hour after too many wrong passwords from this address. Try again later, or ask the secretariat to reset your password.": "Dit account is een kwartier geblokkeerd na te veel verkeerde wachtwoorden vanaf dit adres. Probeer het later opnieuw, of vraag het secretariaat uw wachtwoord opnieuw in te stellen.",
}
NL.update(
    {
        "How long we keep your data": "Hoe lang we uw gegevens bewaren",
        "What": "Wat",
        "How long": "Hoe lang",
        "Dietary and accessibility needs": "Dieet- en toegankelijkheidswensen",
        "Deleted %(days)s day after the training": (
            "Verwijderd %(days)s dag na de training",
            "Verwijderd %(days)s dagen na de training",
        ),
        "Name, email address, phone and job title": "Naam, e-mailadres, telefoonnummer en functie",
        "Anonymised %(months)s month after the last training you registered for": (
            "Geanonimiseerd %(months)s maand na de laatste training waarvoor u zich inschreef",
            "Geanonimiseerd %(months)s maanden na de laatste training waarvoor u zich inschreef",
        ),
        "Certificates": "Certificaten",
        "Verifiable with your name for %(years)s year after issue; after that, or when you have your data erased, the code still verifies but without your name": (
            "Met uw naam controleerbaar tot %(years)s jaar na uitgifte; daarna, of als u uw gegevens laat wissen, is de code nog steeds te controleren, maar zonder uw naam",
            "Met uw naam controleerbaar tot %(years)s jaar na uitgifte; daarna, of als u uw gegevens laat wissen, is de code nog steeds te controleren, maar zonder uw naam",
        ),
        "Intervision cases you bring in": "Casussen die u inbrengt bij intervisie",
        "Text deleted %(months)s month after the meeting": (
            "Tekst verwijderd %(months)s maand na de bijeenkomst",
            "Tekst verwijderd %(months)s maanden na de bijeenkomst",
        ),
        "Your motivation when applying for intervision": "Uw motivatie bij uw aanmelding voor intervisie",
        "Deleted %(days)s day after the decision": (
            "Verwijderd %(days)s dag na het besluit",
            "Verwijderd %(days)s dagen na het besluit",
        ),
        "Emails we sent you": "E-mails die we u stuurden",
        "Text deleted %(days)s day after sending": (
            "Tekst verwijderd %(days)s dag na verzending",
            "Tekst verwijderd %(days)s dagen na verzending",
        ),
        "Attendance figures": "Deelnamecijfers",
        "Kept anonymously, for the covenant's reports": "Anoniem bewaard, voor de rapportages van het convenant",
        "Through the personal link in your emails you can download all data we hold about you (JSON) and have it erased at once.": "Via de persoonlijke link in uw e-mails kunt u alle gegevens die we van u hebben downloaden (JSON) en ze direct laten wissen.",
    }
)
NL.update(
    {
        # Audit log: certificates and exports
        "Certificate batch started": "Certificaatronde gestart",
        "Started issuing an event's certificates": "Begon de certificaten van een bijeenkomst uit te reiken",
        "Certificate reissued": "Certificaat opnieuw uitgereikt",
        "Reissued a certificate with a corrected name": "Reikte een certificaat opnieuw uit met een verbeterde naam",
        # Certificates and intervision on erasure
        "No longer kept (anonymised)": "Niet meer bewaard (geanonimiseerd)",
        "Your certificates lose your name: their codes still verify, without it. Intervision cases you wrote are deleted.": "Uw certificaten verliezen uw naam: hun codes zijn nog steeds te controleren, zonder naam. Intervisiecasussen die u schreef, worden verwijderd.",
        "Their certificates lose the holder's name (the codes still verify) and the texts of their intervision cases and applications are deleted.": "De certificaten van deze persoon verliezen de naam van de houder (de codes blijven controleerbaar) en de teksten van de intervisiecasussen en aanmeldingen van deze persoon worden verwijderd.",
        # The participant listing
        "Created": "Aangemaakt",
        "Erased": "Gewist",
    }
)
