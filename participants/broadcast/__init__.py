"""Messages to the people of an event: recipients by filter or by hand, text per language with
placeholders, preview, test mail, and sending through the outbox (one email per recipient)."""
