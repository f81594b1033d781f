"""The learned fallback: a hashed n-gram linear model for what no rule decides.

Trained by ``bench/train.py`` on every labelled set in ``corpus/``; see
docs/engine.md. Nothing here is imported until the rules are silent.
"""
