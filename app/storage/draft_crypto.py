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


def _derive(passphrase: str, salt: bytes, memory_kib: int, iterations: int, lanes: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    kdf = Argon2id(salt=salt, length=32, iterations=iterations, lanes=lanes, memory_cost=memory_kib)
    return kdf.derive(passphrase.encode("utf-8"))


def new_key(passphrase: str, **kdf: int) -> DraftKey:
    params = {**KDF_DEFAULTS, **kdf}
    salt = os.urandom(16)
    return DraftKey(salt, _derive(passphrase, salt, **params), **params)


def is_encrypted(text: str) -> bool:
    return f'"{FORMAT}"' in text[:200]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


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


def decrypt(text: str, passphrase: str) -> tuple[bytes, DraftKey]:
    """The plaintext and the key (to save again without re-deriving)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        data = json.loads(text)
        header = {k: data[k] for k in ("format", "version", "cipher", "kdf")}
        kdf = header["kdf"]
        salt = base64.b64decode(kdf["salt"], validate=True)
        nonce = base64.b64decode(data["nonce"], validate=True)
        ciphertext = base64.b64decode(data["ciphertext"], validate=True)
        params = {name: int(kdf[name]) for name in ("memory_kib", "iterations", "lanes")}
    except (ValueError, KeyError, TypeError):
        raise CryptoError("damaged") from None
    if header["format"] != FORMAT or header["version"] != VERSION or kdf.get("name") != "argon2id":
        raise CryptoError("unsupported")
    if not (8 <= params["memory_kib"] <= 1024 * 1024 and 1 <= params["iterations"] <= 16 and 1 <= params["lanes"] <= 16):
        raise CryptoError("unsupported")  # refuse parameters that would hang or exhaust memory
    key = DraftKey(salt, _derive(passphrase, salt, **params), **params)
    aad = json.dumps(header, sort_keys=True).encode("utf-8")
    try:
        return AESGCM(key.key).decrypt(nonce, ciphertext, aad), key
    except (InvalidTag, ValueError):
        raise CryptoError("wrong_passphrase") from None
