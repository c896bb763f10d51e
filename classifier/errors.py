"""The library's named exceptions. Messages say what was expected, what was found and what to do."""


class MutuError(Exception):
    """Base class of every error mutu raises on purpose."""


class InvalidInput(MutuError, ValueError):
    """The caller passed data mutu cannot use (empty text, wrong column, bad value)."""


class DataError(MutuError):
    """A labelled data file or an input feed is malformed."""


class ModelNotFound(MutuError):
    """No model at the requested path or version."""


class ChecksumMismatch(MutuError):
    """A model file does not match the checksum recorded when it was saved."""
