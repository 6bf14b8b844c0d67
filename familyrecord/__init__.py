"""FamilyRecord: a family's own encrypted, offline record of its dealings with children's social care."""

import os

# ONNX Runtime (speech detection, OCR) would otherwise write a device id and usage events under
# ~/.cache and try to send them. Set before any engine loads; child processes inherit it.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

__version__ = "0.1.0"
APP_NAME = "FamilyRecord"
