"""Name badges: a PDF of an event's confirmed participants on label sheets, with their check-in QR."""
