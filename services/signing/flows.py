"""Use cases of digital signing (placeholder until the signing app lands)."""


def dossier_needs_signature(dossier):
    return False
