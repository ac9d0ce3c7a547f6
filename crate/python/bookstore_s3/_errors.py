"""The one exception of the module: what failed, as a code, and the sentence that says what to do."""


class BookstoreError(Exception):
    """A failure with the browser's error codes (``NoSuchKey``, ``AccessDenied``, ``Network``...)
    or ``BadInput`` for a local file or setting. ``str(error)`` is the message; it never holds a secret.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self):
        return (type(self), (self.code, self.message))
