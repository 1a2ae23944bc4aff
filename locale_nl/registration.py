# Dutch translations of the registration strings (issue 3); bin/fill_po.py writes them into the .po files.
NL = {
    "Status": "Status",
    "Company size": "Bedrijfsgrootte",
    "Move from the waiting list": "Van de wachtlijst halen",
    "Approve": "Goedkeuren",
    "Cancel registration": "Inschrijving annuleren",
    "Seats of this event": "Plaatsen van deze bijeenkomst",
    "Email address": "E-mailadres",
    "First name": "Voornaam",
    "Last name": "Achternaam",
    "Organisation": "Organisatie",
    "Job title": "Functie",
    "Registrations": "Inschrijvingen",
    "Name": "Naam",
    "Type": "Type",
    "Size": "Grootte",
    "Registered": "Ingeschreven",
    "%(name)s was already registered for this event.": "%(name)s was al ingeschreven voor deze bijeenkomst.",
    "%(name)s has been added: %(status)s.": "%(name)s is toegevoegd: %(status)s.",
    "Add a registration": "Inschrijving toevoegen",
    "Cancel the registration of %(name)s for %(event)s?": "De inschrijving van %(name)s voor %(event)s annuleren?",
    "Approve the registration of %(name)s for %(event)s?": "De inschrijving van %(name)s voor %(event)s goedkeuren?",
    "Give %(name)s a seat at %(event)s?": "%(name)s een plaats geven bij %(event)s?",
    "Done: %(name)s.": "Gedaan: %(name)s.",
    "Registrations: %(event)s": "Inschrijvingen: %(event)s",
    "Use letters, spaces, hyphens and apostrophes only.": "Gebruik alleen letters, spaties, koppeltekens en apostrofs.",
    "Enter a name with at least one letter.": "Vul een naam in met minstens één letter.",
    "Remove the special characters from this field.": "Haal de speciale tekens uit dit veld.",
    "Enter a phone number with digits, spaces and an optional + in front.":
        "Vul een telefoonnummer in met cijfers, spaties en eventueel een + vooraan.",
    "Phone (optional)": "Telefoon (niet verplicht)",
    "Dietary needs (optional)": "Dieetwensen (niet verplicht)",
    "Kept apart from your other details and deleted soon after the event.":
        "Apart bewaard van uw andere gegevens en kort na de bijeenkomst verwijderd.",
    "Accessibility needs (optional)": "Toegankelijkheidswensen (niet verplicht)",
    "Preferred language for our emails": "Voorkeurstaal voor onze e-mails",
    "I work for": "Ik werk voor",
    "Sector (optional)": "Sector (niet verplicht)",
    "For example: dairy, cocoa, retail.": "Bijvoorbeeld: zuivel, cacao, retail.",
    "I agree that my details are used for this training as described in the privacy statement.":
        "Ik ga ermee akkoord dat mijn gegevens voor deze training worden gebruikt zoals beschreven in de "
        "privacyverklaring.",
    "You can only register if you agree to the privacy statement.":
        "U kunt zich alleen inschrijven als u akkoord gaat met de privacyverklaring.",
    "This intervision group is open to SME companies only.": "Deze intervisiegroep is alleen voor mkb-bedrijven.",
    "Choose the size of your company.": "Kies de grootte van uw bedrijf.",
    "Intervision groups are open to SME companies (under 250 employees) only.":
        "Intervisiegroepen zijn alleen voor mkb-bedrijven (minder dan 250 medewerkers).",
    "This confirmation link has expired. Register again with the same email address to get a new one.":
        "Deze bevestigingslink is verlopen. Schrijf u opnieuw in met hetzelfde e-mailadres om een nieuwe te krijgen.",
    "This link is not valid. Check that you copied all of it.":
        "Deze link is niet geldig. Controleer of u de hele link hebt gekopieerd.",
    "Choose the kind of organisation you work for.": "Kies het soort organisatie waarvoor u werkt.",
    "Registration for this event has not opened yet.": "De inschrijving voor deze bijeenkomst is nog niet geopend.",
    "Registration for this event is closed.": "De inschrijving voor deze bijeenkomst is gesloten.",
    "This event has already started.": "Deze bijeenkomst is al begonnen.",
    "Give your name and email address.": "Vul uw naam en e-mailadres in.",
    "This registration has lapsed or was cancelled. You are welcome to register again.":
        "Deze inschrijving is vervallen of geannuleerd. U kunt zich opnieuw inschrijven.",
    "Only a registration that awaits approval can be approved.":
        "Alleen een inschrijving die op goedkeuring wacht, kan worden goedgekeurd.",
    "Only a registration on the waiting list can be moved to a seat.":
        "Alleen een inschrijving op de wachtlijst kan een plaats krijgen.",
    "There is no free seat for this stakeholder type. Raise the capacity or release reserved seats first.":
        "Er is geen vrije plaats voor dit type belanghebbende. Verhoog eerst de capaciteit of geef gereserveerde "
        "plaatsen vrij.",
    "Someone added by an organiser is confirmed at once (or put on the waiting list when there is no seat for their "
    "type) and gets an email with their private link.":
        "Iemand die een organisator toevoegt, is meteen bevestigd (of komt op de wachtlijst als er geen plaats is "
        "voor zijn of haar type) en krijgt een e-mail met de persoonlijke link.",
    "Add": "Toevoegen",
    "Back": "Terug",
    "The participant is told by email.": "De deelnemer krijgt hierover een e-mail.",
    "%(taken)s of %(capacity)s seats taken.": "%(taken)s van %(capacity)s plaatsen bezet.",
    "Unused reserved seats are released to everyone.":
        "Ongebruikte gereserveerde plaatsen zijn vrijgegeven voor iedereen.",
    "Reserved seats stay reserved for their type.": "Gereserveerde plaatsen blijven voor hun type gereserveerd.",
    "Registrations need your approval.": "Inschrijvingen hebben uw goedkeuring nodig.",
    "Seats per stakeholder type": "Plaatsen per type belanghebbende",
    "Reserved": "Gereserveerd",
    "Seats taken": "Bezette plaatsen",
    "Total": "Totaal",
    "List of registrations": "Lijst van inschrijvingen",
    "Download CSV": "CSV downloaden",
    "Download XLSX": "XLSX downloaden",
    "Edit the event": "Bijeenkomst bewerken",
    "Cancel your registration": "Uw inschrijving annuleren",
    "Do you want to cancel your registration for %(event)s? Your seat goes to the next person on the waiting list.":
        "Wilt u uw inschrijving voor %(event)s annuleren? Uw plaats gaat naar de volgende op de wachtlijst.",
    "Yes, cancel my registration": "Ja, annuleer mijn inschrijving",
    "No, keep my registration": "Nee, ik blijf ingeschreven",
    "Confirm your registration": "Bevestig uw inschrijving",
    "Confirm that %(email)s is your email address and that you want to attend %(event)s.":
        "Bevestig dat %(email)s uw e-mailadres is en dat u %(event)s wilt bijwonen.",
    "Confirm and stay on the waiting list": "Bevestigen en op de wachtlijst blijven",
    "Confirm my registration": "Bevestig mijn inschrijving",
    "Thank you for confirming your email address. The organiser approves registrations for this event by hand; we "
    "will email you as soon as they have.":
        "Dank u voor het bevestigen van uw e-mailadres. De organisator keurt inschrijvingen voor deze bijeenkomst "
        "met de hand goed; u krijgt een e-mail zodra dat is gebeurd.",
    "Your registration": "Uw inschrijving",
    "Your registration:": "Uw inschrijving:",
    "Your registration for %(event)s awaits approval": "Uw inschrijving voor %(event)s wacht op goedkeuring",
    "Dear %(name)s,": "Beste %(name)s,",
    "This email was sent because this address was used to register on our website.":
        "U ontvangt deze e-mail omdat dit adres is gebruikt om in te schrijven op onze website.",
    "As you asked, we have cancelled your registration for %(event)s. Thank you for letting us know.":
        "Zoals u vroeg, hebben we uw inschrijving voor %(event)s geannuleerd. Dank u voor het laten weten.",
    "The organiser has cancelled your registration for %(event)s. Reply to this email if you think this is a "
    "mistake.":
        "De organisator heeft uw inschrijving voor %(event)s geannuleerd. Beantwoord deze e-mail als u denkt dat "
        "dit een vergissing is.",
    "Your registration for %(event)s has been cancelled": "Uw inschrijving voor %(event)s is geannuleerd",
    "Good news: a seat has become free and it is yours.": "Goed nieuws: er is een plaats vrijgekomen en die is voor u.",
    "We are holding a seat for you at %(event)s until %(until)s. Confirm your email address to take it:":
        "We houden tot %(until)s een plaats voor u vrij bij %(event)s. Bevestig uw e-mailadres om die in te nemen:",
    "If you did not register, ignore this email: the seat is released automatically.":
        "Hebt u zich niet ingeschreven? Negeer dan deze e-mail: de plaats komt vanzelf weer vrij.",
    "A seat is free for you: confirm your registration for %(event)s":
        "Er is een plaats vrij voor u: bevestig uw inschrijving voor %(event)s",
    "Confirm your registration for %(event)s": "Bevestig uw inschrijving voor %(event)s",
    "Your registration for %(event)s is confirmed.": "Uw inschrijving voor %(event)s is bevestigd.",
    "Your private link: see your registration, change your details or cancel. Keep it to yourself.":
        "Uw persoonlijke link: bekijk uw inschrijving, wijzig uw gegevens of annuleer. Deel deze link met niemand.",
    "Your registration for %(event)s is confirmed": "Uw inschrijving voor %(event)s is bevestigd",
    "You did not confirm your email address in time, so your seat at %(event)s went to someone else. You are "
    "welcome to register again.":
        "U hebt uw e-mailadres niet op tijd bevestigd, daarom is uw plaats bij %(event)s naar iemand anders gegaan. "
        "U kunt zich opnieuw inschrijven.",
    "Your seat at %(event)s has been released": "Uw plaats bij %(event)s is vrijgegeven",
    "You are already registered for %(event)s (status: %(status)s), so we did not register you twice.":
        "U bent al ingeschreven voor %(event)s (status: %(status)s), dus we hebben u niet twee keer ingeschreven.",
    "Confirm my email address": "Bevestig mijn e-mailadres",
    "Confirm your email address with this link:": "Bevestig uw e-mailadres met deze link:",
    "Your registration for %(event)s": "Uw inschrijving voor %(event)s",
    "%(event)s is full for your stakeholder type. You are number %(place)s on the waiting list. When a seat becomes "
    "free we give it to the first person waiting and email them.":
        "%(event)s is vol voor uw type belanghebbende. U staat op plaats %(place)s van de wachtlijst. Als er een "
        "plaats vrijkomt, krijgt de eerste op de wachtlijst die en sturen we hem of haar een e-mail.",
    "Please confirm your email address now, so we can reach you:":
        "Bevestig nu uw e-mailadres, zodat we u kunnen bereiken:",
    "Your registration, and a button to leave the waiting list":
        "Uw inschrijving, en een knop om de wachtlijst te verlaten",
    "Your registration, and a button to leave the waiting list:":
        "Uw inschrijving, en een knop om de wachtlijst te verlaten:",
    "You are on the waiting list for %(event)s": "U staat op de wachtlijst voor %(event)s",
    "Link not valid": "Link niet geldig",
    "This link does not work": "Deze link werkt niet",
    "If you need help, reply to one of our emails or contact the organiser of the event.":
        "Hulp nodig? Beantwoord een van onze e-mails of neem contact op met de organisator van de bijeenkomst.",
    "You are number %(place)s on the waiting list.": "U staat op plaats %(place)s van de wachtlijst.",
    "Confirm your email address with the link we sent you.": "Bevestig uw e-mailadres met de link die we u stuurden.",
    "Your details": "Uw gegevens",
    "Please correct the errors below.": "Verbeter de fouten hieronder.",
    "Save my details": "Mijn gegevens opslaan",
    "Can't come?": "Kunt u niet komen?",
    "Cancel my registration": "Mijn inschrijving annuleren",
    "This event is full. Register to join the waiting list: when a seat becomes free, the first person waiting gets "
    "it and we email them.":
        "Deze bijeenkomst is vol. Schrijf u in voor de wachtlijst: als er een plaats vrijkomt, krijgt de eerste op "
        "de wachtlijst die en sturen we hem of haar een e-mail.",
    "Please correct the following": "Verbeter het volgende",
    "About your company": "Over uw bedrijf",
    "Only for companies.": "Alleen voor bedrijven.",
    "Read the privacy statement": "Lees de privacyverklaring",
    "Join the waiting list": "Op de wachtlijst zetten",
    "Register": "Inschrijven",
    "Too many registrations from your address. Please try again in a few minutes.":
        "Te veel inschrijvingen vanaf uw adres. Probeer het over een paar minuten opnieuw.",
    "This event is full for your stakeholder type. You are number %(place)s on the waiting list: we will email "
    "%(email)s as soon as a seat is free. Please confirm your email address with the link we have sent.":
        "Deze bijeenkomst is vol voor uw type belanghebbende. U staat op plaats %(place)s van de wachtlijst: we "
        "mailen naar %(email)s zodra er een plaats vrij is. Bevestig uw e-mailadres met de link die we stuurden.",
    "Almost done: we have sent an email to %(email)s. Follow the link in it within %(hours)s hours to confirm your "
    "registration.":
        "Bijna klaar: we hebben een e-mail gestuurd naar %(email)s. Volg binnen %(hours)s uur de link daarin om uw "
        "inschrijving te bevestigen.",
    "This link is not valid, or it has been replaced by a newer one.":
        "Deze link is niet geldig, of is vervangen door een nieuwere.",
    "Your details have been saved.": "Uw gegevens zijn opgeslagen.",
    "Your registration has been cancelled. Thank you for letting us know.":
        "Uw inschrijving is geannuleerd. Dank u voor het laten weten.",
    "Event": "Bijeenkomst",
    "Sessions": "Sessies",
}
