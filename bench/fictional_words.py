"""The FICTIONAL vocabulary the web and scale benches write documents from, in one place
so that both workspaces answer the same searches alike."""

from __future__ import annotations

_TOPICS = ("prison commission execution witness register cemetery transfer hearing verdict "
           "family letter petition governor prosecutor guard cell ward night list names "
           "دشت‌آباد زندان کمیسیون اعدام شاهد دادستان خانواده نامه فهرست گورستان")
WORDS = _TOPICS.split()
PLACES = ("Northgate", "Dashtabad", "Arvand", "Eastfield", "Karun")
# 400 invented surnames: each document names three, so a name matches ~0.75% of items,
# as a search for a person does; the place and topic words match far more.
SURNAMES = [a + b for a in ("Kar", "Far", "Shir", "Bah", "Mol", "Tav", "Nad", "Gol", "Ras",
                            "Zand", "Hos", "Jav", "Sab", "Mah", "Dar", "Per", "Ash", "Kam",
                            "Nur", "Vah")
            for b in ("ani", "imi", "avi", "ouri", "zadeh", "pour", "nia", "doust", "vand",
                      "abadi", "ian", "loo", "khani", "mand", "far", "jou", "nejad", "ifar",
                      "zehi", "sari")]
