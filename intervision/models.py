"""SME intervision groups: see the Intervision issue."""
