"""Oversight: import account archives, scan them at scale, review, cases and reports."""
