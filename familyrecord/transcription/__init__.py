"""Offline speech-to-text for meeting recordings: engines, model registry, jobs and export.

Nothing here imports Qt or the inference libraries at import time; engines load lazily so the
GUI starts quickly and a missing optional engine only matters when someone picks it.
"""

import logging
import os
import sys

# ONNX Runtime (the voice detector here, and inside faster-whisper) has telemetry on Linux in
# recent versions (1.32 here): it writes a device id and an event cache under ~/.cache/Microsoft
# and uploads usage events. It reads this switch once, when it is first loaded, so it is set
# before anything here can load it (the engine process inherits it).
if "onnxruntime" in sys.modules and "ORT_DISABLE_TELEMETRY" not in os.environ:
    logging.getLogger(__name__).warning("onnxruntime was loaded before its telemetry was turned off")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
