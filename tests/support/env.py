"""The signing test environment, which lives in the package (the demo token uses it)."""

from korat_desktop.demo.signing_env import (
    PIN,
    PKCS12_PASSWORD,
    SO_PIN,
    TOKENS,
    SigningEnv,
    build_signing_env,
    key_id,
)

__all__ = ["PIN", "PKCS12_PASSWORD", "SO_PIN", "TOKENS", "SigningEnv", "build_signing_env",
           "key_id"]
