"""English number words, listed once for the two stages that read them: loading (a book's
"CHAPTER SEVEN" is a division heading, ``load/divisions.py``) and the facts ("seven
people" is the number 7, ``diff/facts.py``). Loading runs before the facts and may not
import them, so the words live here, below both."""

UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
"""0 to 19, each at the index of its value."""
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
"""20 to 90: the word at index ``i`` is ``10 * (i + 2)``."""
