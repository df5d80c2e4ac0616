"""The detectors, one per file. The engine runs them in this order."""

from __future__ import annotations

from netra.analysis.detectors.abusive_language import AbusiveLanguageDetector
from netra.analysis.detectors.base import Detector, RuleDetector
from netra.analysis.detectors.confidential_information import ConfidentialInformationDetector
from netra.analysis.detectors.hate_speech import HateSpeechDetector
from netra.analysis.detectors.misinformation import MisinformationDetector
from netra.analysis.detectors.personal_data import PersonalDataDetector
from netra.analysis.detectors.political_neutrality import PoliticalNeutralityDetector
from netra.analysis.detectors.prohibited_content import ProhibitedContentDetector

ALL_DETECTORS: tuple[type[Detector], ...] = (
    PersonalDataDetector,
    PoliticalNeutralityDetector,
    ConfidentialInformationDetector,
    MisinformationDetector,
    HateSpeechDetector,
    AbusiveLanguageDetector,
    ProhibitedContentDetector,
)

__all__ = ["ALL_DETECTORS", "Detector", "RuleDetector"]
