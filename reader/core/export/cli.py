"""``parallax export``: placeholder until the export module lands."""


def add_export_command(sub) -> None:
    pass
