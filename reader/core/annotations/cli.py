"""``parallax notes``: placeholder until the notes store lands."""


def add_notes_command(sub) -> None:
    pass
