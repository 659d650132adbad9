"""Load: bytes on disk to paragraphs with roles and exact offsets.

``decoding`` turns bytes into text, ``html_text`` reads the article out of a
web page, ``segmentation`` cuts text into paragraphs, ``furniture`` marks page
furniture, and ``documents`` ties them into a ``Document``.
"""
