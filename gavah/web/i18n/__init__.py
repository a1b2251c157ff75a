"""Gettext catalogs of the interface: messages.pot (English source strings, extracted
from templates and Python), <lang>/LC_MESSAGES/messages.po and the compiled .mo."""
