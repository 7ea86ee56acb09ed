"""One module per ``formloket`` sub-command: ``add_arguments(parser)`` and ``run(args) -> int``."""
