"""Training pipeline for the shipped classifiers (`netra train`).

`data` loads and cleans the corpora in `data/`; `splits` fixes the held-out rows; `vectorize`
builds TF-IDF matrices with the runtime's arithmetic; `fit` and `calibration` fit linear models,
probabilities and thresholds; `recipes` says how each shipped model is made; `pipeline` runs a
recipe end to end and `card` writes its model card. scikit-learn is needed here only: the runtime
(`netra.models`, `netra.analysis.classifiers`) reads the artifacts with numpy.
"""
