"""The simulator's answer text, split into stream chunks."""

from __future__ import annotations

ANSWER = "Hello from the whichlayer simulator."
CHUNKS = ("Hello", " from", " the", " whichlayer", " simulator", ".")
OUTPUT_TOKENS = 8
