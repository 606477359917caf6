"""Passphrase-protected draft files: authenticated encryption with a memory-hard key.

Owns: the encrypted file format and the key derivation. Argon2id (RFC 9106; 64 MiB, 3
passes) derives a 256-bit key from the passphrase and a random salt; AES-256-GCM encrypts
the draft JSON with a fresh random nonce on every save, the header bound in as associated
data, so a wrong passphrase and a modified file are both refused and nothing is written.
Both primitives come from the `cryptography` package. Imports nothing from Qt or reportlab.
"""
from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass

# cryptography is imported inside the functions: opening the app must not pay for it.

FORMAT = "transfer-helper-draft-encrypted"
VERSION = 1
KDF_DEFAULTS = {"memory_kib": 64 * 1024, "iterations": 3, "lanes": 1}
# What a file may ask for: the parameters written today, and room for a later version to
# raise them a little (at most 128 MiB x 4 passes: ~1 s and 128 MB per attempt) or to lower
# them for slow machines (32 MiB, 1 pass). Anything else is not ours: a file must not be able
# to make opening it cost a gigabyte or a minute.
KDF_ACCEPTED = {"memory_kib": (32 * 1024, 128 * 1024), "iterations": (1, 4), "lanes": (1, 4)}
SALT_BYTES = (16, 64)
NONCE_BYTES = 12
TAG_BYTES = 16


class CryptoError(Exception):
    """code: wrong_passphrase | damaged | unsupported"""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class DraftKey:
    """A key derived from a passphrase; kept in memory so repeated saves stay fast."""

    salt: bytes
    key: bytes
    memory_kib: int
    iterations: int
    lanes: int


@dataclass(frozen=True)
class Envelope:
    """A parsed encrypted file: everything checked but the passphrase."""

    header: dict
    salt: bytes
    params: dict
    nonce: bytes
    ciphertext: bytes


def _derive(passphrase: str, salt: bytes, memory_kib: int, iterations: int, lanes: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    kdf = Argon2id(salt=salt, length=32, iterations=iterations, lanes=lanes, memory_cost=memory_kib)
    return kdf.derive(passphrase.encode("utf-8"))


def new_key(passphrase: str, **kdf: int) -> DraftKey:
    params = {**KDF_DEFAULTS, **kdf}
    salt = os.urandom(16)
    return DraftKey(salt, _derive(passphrase, salt, **params), **params)


def is_encrypted(data: object) -> bool:
    """Whether parsed JSON says it is an encrypted draft (its "format" key, nothing else:
    a draft whose text merely contains the marker is a plain draft)."""
    return isinstance(data, dict) and data.get("format") == FORMAT


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _bytes(value: object, low: int, high: int) -> bytes:
    if not isinstance(value, str) or len(value) > 4 * ((high + 2) // 3):
        raise ValueError
    raw = base64.b64decode(value, validate=True)
    if not low <= len(raw) <= high:
        raise ValueError
    return raw


def _count(value: object, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise ValueError
    return value


def parse(data: object) -> Envelope:
    """The envelope of parsed JSON that is_encrypted(); CryptoError("unsupported") for a
    later format, "damaged" for anything malformed, hostile or outside KDF_ACCEPTED."""
    if not is_encrypted(data):
        raise CryptoError("damaged")
    version = data.get("version")
    if type(version) is int and version > VERSION:
        raise CryptoError("unsupported")
    try:
        if version != VERSION or data.get("cipher") != "AES-256-GCM":
            raise ValueError
        kdf = data.get("kdf")
        if not isinstance(kdf, dict) or kdf.get("name") != "argon2id":
            raise ValueError
        params = {name: _count(kdf.get(name), *KDF_ACCEPTED[name]) for name in KDF_ACCEPTED}
        salt = _bytes(kdf.get("salt"), *SALT_BYTES)
        nonce = _bytes(data.get("nonce"), NONCE_BYTES, NONCE_BYTES)
        ciphertext = _bytes(data.get("ciphertext"), TAG_BYTES, 1 << 30)
    except ValueError:  # binascii.Error is a ValueError
        raise CryptoError("damaged") from None
    # The associated data is rebuilt from the checked values (what encrypt() wrote): a key
    # the format does not have, or anything hostile under it, never reaches json.dumps.
    header = {"format": FORMAT, "version": VERSION, "cipher": "AES-256-GCM",
              "kdf": {"name": "argon2id", "salt": kdf["salt"], **params}}
    return Envelope(header, salt, params, nonce, ciphertext)


def encrypt(plaintext: bytes, key: DraftKey) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = {
        "format": FORMAT, "version": VERSION, "cipher": "AES-256-GCM",
        "kdf": {"name": "argon2id", "salt": _b64(key.salt), "memory_kib": key.memory_kib,
                "iterations": key.iterations, "lanes": key.lanes},
    }
    nonce = os.urandom(12)
    aad = json.dumps(header, sort_keys=True).encode("utf-8")
    ciphertext = AESGCM(key.key).encrypt(nonce, plaintext, aad)
    return json.dumps({**header, "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}, indent=1) + "\n"


def decrypt(envelope: Envelope, passphrase: str) -> tuple[bytes, DraftKey]:
    """The plaintext and the key (to save again without re-deriving). Slow on purpose
    (Argon2id): the wizard calls it on a worker thread."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = DraftKey(envelope.salt, _derive(passphrase, envelope.salt, **envelope.params), **envelope.params)
    aad = json.dumps(envelope.header, sort_keys=True).encode("utf-8")
    try:
        return AESGCM(key.key).decrypt(envelope.nonce, envelope.ciphertext, aad), key
    except (InvalidTag, ValueError):
        raise CryptoError("wrong_passphrase") from None
