"""Victim lists: import, record linkage, review and browsing."""
