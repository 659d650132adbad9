"""Notes attached to text in the sources of a comparison (no Qt).

``model`` holds the data, ``anchoring`` finds a note's text again after the
source changed, ``store`` keeps notes safe on disk, ``render`` turns a note's
Markdown into HTML that cannot run or load anything.
"""
