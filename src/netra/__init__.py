"""Netra: helps Indonesian civil servants and Humas offices use social media lawfully."""

from __future__ import annotations

from netra.analysis import ENGINE_VERSION, Report, analyze, analyze_batch

__version__ = ENGINE_VERSION
__all__ = ["ENGINE_VERSION", "Report", "__version__", "analyze", "analyze_batch"]
