"""Allow ``python -m reader``."""

from reader.cli import script

if __name__ == "__main__":  # not when a spawned worker imports this module
    script()
