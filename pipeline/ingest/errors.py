"""The one error ingest raises: the file cannot be read at all."""


class IngestError(Exception):
    """The file cannot be read; ``code`` names the reason for the diagnostics table."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
