"""The composition root. Offline by default: the Hugging Face Hub is unreachable in deployment (a lookup would
retry for about 70 s) and neither gradio nor Chroma may phone home. An operator can still override each."""

import os

for _name, _value in {
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
}.items():
    os.environ.setdefault(_name, _value)
