"""Errors that the CLI reports as one line on stderr with exit status 2."""


class LintnewsError(Exception):
    """A usage, configuration or input problem; str(error) is the one-line message."""


class UsageError(LintnewsError):
    """Bad command-line usage or input."""


class ConfigError(LintnewsError):
    """A broken configuration file."""


class PackError(LintnewsError):
    """A rule pack that does not load; the message starts with `path:line:`."""


class InputError(LintnewsError):
    """A file that cannot be read as text."""
