"""Shipped classifier artifacts, their model cards, and the numpy-only code that reads them.

One folder per model (`hate_abuse/`, `toxicity/`, `sentiment/`, `emotion/`), each written by
`netra train` and holding `model.npz`, `meta.json` and `MODEL_CARD.md`. The runtime API is
`netra.analysis.classifiers`; `netra.models.evaluate.DATASETS` backs `netra evaluate --dataset`.
"""
