"""Shared by the labelled checks: the letters-and-digits key of a text and its short hash.

Labels keep only these hashes, so the checks can be committed without any of the papers' text.
"""
import hashlib
import unicodedata


def key(s):
    """Letters and digits, lower case, accents folded (as citekb's text::key)."""
    s = unicodedata.normalize("NFKC", s or "")
    out = []
    for c in s:
        if c.isascii() and c.isalnum():
            out.append(c.lower())
        elif not c.isascii() and c.isalnum():
            d = unicodedata.normalize("NFKD", c).encode("ascii", "ignore").decode()
            out.extend(x.lower() for x in d if x.isalnum())
    return "".join(out)


def sha(s):
    """The first 16 hex digits of the SHA-256 of the key."""
    return hashlib.sha256(key(s).encode()).hexdigest()[:16]
