"""Use cases of online payment (placeholder until the payments app lands)."""


def amount_due_before_submission(dossier):
    return 0
