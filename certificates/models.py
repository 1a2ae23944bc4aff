"""Certificates of attendance: see the Certificates issue."""
