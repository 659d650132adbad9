"""Diff: what differs inside two linked paragraphs: words (``words``) and facts
(``facts`` finds them, ``quotes`` reads quotations, ``fact_changes`` compares two
paragraphs, ``story_facts`` serves a whole comparison)."""
