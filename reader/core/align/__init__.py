"""Align: which paragraphs of different sources carry the same content.

``similarity`` builds the sentence and paragraph vectors, ``links`` finds the
linked paragraph pairs of two sources, ``rows`` lays the links of all sources
out as aligned rows.
"""
