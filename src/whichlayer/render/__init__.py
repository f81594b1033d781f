"""Renderers. Each takes the redacted JSON form of a Diagnosis (a dict).

Rendering from the redacted dict, never from live objects, is what keeps
every output path behind the redactor.
"""
