import sys

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class ConsoleAndFileBackend(FileBackend):
    """The embedded e-mail default: every message is printed and kept in EMAIL_FILE_PATH.

    The file copy lets a developer open a password-reset link after the console has scrolled away.
    """

    def write_message(self, message):
        super().write_message(message)
        payload = message.message().as_bytes()
        sys.stdout.write(payload.decode("utf-8", errors="replace") + "\n" + "-" * 79 + "\n")
        sys.stdout.flush()
