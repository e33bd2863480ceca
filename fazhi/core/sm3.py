"""SM3 (GB/T 32905-2016) and HMAC-SM3, from OpenSSL through hashlib when it has
SM3, else from `cryptography`. `self_test()` runs at start-up: a platform whose
SM3 gives the wrong digest must not write a single audit event."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

ABC_DIGEST = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"  # SM3("abc"), GB/T 32905 A.1


def _hashlib_sm3() -> Callable[[bytes], bytes] | None:
    try:
        hashlib.new("sm3")
    except (ValueError, TypeError):
        return None
    return lambda data: hashlib.new("sm3", data).digest()


def _cryptography_sm3() -> Callable[[bytes], bytes]:
    from cryptography.hazmat.primitives import hashes

    def digest(data: bytes) -> bytes:
        h = hashes.Hash(hashes.SM3())
        h.update(data)
        return h.finalize()

    return digest


_digest = _hashlib_sm3() or _cryptography_sm3()
BACKEND = "hashlib" if _hashlib_sm3() else "cryptography"


def sm3_hex(data: bytes) -> str:
    return _digest(data).hex()


def hmac_sm3_hex(key: bytes, data: bytes) -> str:
    if BACKEND == "hashlib":
        return hmac.new(key, data, "sm3").hexdigest()
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives import hmac as chmac

    h = chmac.HMAC(key, hashes.SM3())
    h.update(data)
    return h.finalize().hex()


def new_hasher():
    """An incremental SM3 hasher (update/hexdigest), for files."""
    if BACKEND == "hashlib":
        return hashlib.new("sm3")
    from cryptography.hazmat.primitives import hashes

    class _Hasher:
        def __init__(self) -> None:
            self._h = hashes.Hash(hashes.SM3())

        def update(self, data: bytes) -> None:
            self._h.update(data)

        def hexdigest(self) -> str:
            return self._h.finalize().hex()

    return _Hasher()


class SM3SelfTestError(RuntimeError):
    pass


def self_test() -> None:
    if sm3_hex(b"abc") != ABC_DIGEST:
        raise SM3SelfTestError(f"SM3 self-test failed with backend {BACKEND}: audit events cannot be written")
