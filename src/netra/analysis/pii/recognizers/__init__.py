"""The personal-data recognizers, in the order the analyzer runs them."""

from __future__ import annotations

from netra.analysis.pii.base import Recognizer
from netra.analysis.pii.recognizers.address import AddressRecognizer
from netra.analysis.pii.recognizers.bank import BankAccountRecognizer
from netra.analysis.pii.recognizers.email import EmailRecognizer
from netra.analysis.pii.recognizers.health import HealthRecognizer
from netra.analysis.pii.recognizers.identity import IdentityDetailRecognizer
from netra.analysis.pii.recognizers.ids import (
    IdNumberRecognizer,
    NipRecognizer,
    NpwpRecognizer,
    PassportRecognizer,
)
from netra.analysis.pii.recognizers.phone import PhoneRecognizer
from netra.analysis.pii.recognizers.plate import LicensePlateRecognizer

ALL_RECOGNIZERS: tuple[type[Recognizer], ...] = (
    IdNumberRecognizer,
    NipRecognizer,
    NpwpRecognizer,
    PhoneRecognizer,
    BankAccountRecognizer,
    PassportRecognizer,
    EmailRecognizer,
    LicensePlateRecognizer,
    AddressRecognizer,
    HealthRecognizer,
    IdentityDetailRecognizer,
)

__all__ = ["ALL_RECOGNIZERS"]
