"""Fictitious demo data for ``leerkring demo``."""
