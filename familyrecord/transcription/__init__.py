"""Offline speech-to-text for meeting recordings: engines, model registry, jobs and export.

Nothing here imports Qt or the inference libraries at import time; engines load lazily so the
GUI starts quickly and a missing optional engine only matters when someone picks it.
"""
