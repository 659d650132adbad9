"""Diff: what differs inside two linked paragraphs (``words``)."""
