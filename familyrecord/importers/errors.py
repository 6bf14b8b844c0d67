"""Typed errors for files that cannot be read, each with a message a person can act on.

Messages never quote the file's content or name: the caller shows the name beside the message.
"""

from __future__ import annotations

from familyrecord.errors import InputError


class UnreadableFile(InputError):
    """The file is damaged, cut short, or not the kind of file its name says."""

    user_message = ("This file could not be read. It may be damaged, cut short, "
                    "or not the kind of file its name says.")


class UnsupportedFile(InputError):
    """No reader for this kind of file."""

    user_message = ("This kind of file cannot be read for text. It can still be kept as an attachment.")


class ImageTooLarge(InputError):
    """A picture whose size would need more memory than is safe to decode."""

    user_message = ("This picture is too big to open safely. Save a smaller copy "
                    "(for example, under 60 megapixels) and add that instead.")


class FileTooLarge(InputError):
    """A file, or a part inside it, bigger than any real letter or report."""

    user_message = "This file is too big to read for text. It can still be kept as an attachment."


class PdfLocked(InputError):
    """A PDF that needs a password to open."""

    user_message = ("This PDF is locked with a password. Open it in a PDF reader, save a copy "
                    "without the password, and add that copy.")


class OcrUnavailable(InputError):
    """The offline text reader could not start (its model files are missing or damaged)."""

    user_message = ("The computer could not read text from pictures on this machine. "
                    "The file can still be kept; type the text in yourself if you need it.")
