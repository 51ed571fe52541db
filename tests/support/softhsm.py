"""The throw-away SoftHSM2 installation, which lives in the package (the demo token uses it)."""

from korat_desktop.demo.softhsm import (
    CKF_USER_PIN_FINAL_TRY,
    CKF_USER_PIN_LOCKED,
    SOFTHSM_MODULE,
    SoftHsm,
    find_softhsm_module,
)

__all__ = ["CKF_USER_PIN_FINAL_TRY", "CKF_USER_PIN_LOCKED", "SOFTHSM_MODULE", "SoftHsm",
           "find_softhsm_module"]
