# %% [markdown]
# # Labels to double-check
#
# Out-of-fold predictions over the whole corpus (5 folds grouped by account, the CURRENT model's
# hyper-parameters): posts where the model confidently disagrees with the label are either
# labelling slips or hard cases. Read each against `../shared/LABELING.md`; a hard case should
# carry a `note` explaining its label. Corrections are listed in `data/README.md`.
# Runnable as a script: `.venv/bin/python notebooks/label_review.py`.

# %%
import pandas as pd
from sklearn.model_selection import GroupKFold, cross_val_predict

from classifier import LABELS, build_pipeline, load_model
from classifier.config import TrainConfig, data_dir
from classifier.corpus import existing_corpus

CONFIDENT = 0.85
chosen = load_model().metadata["hyperparameters"]
corpus = existing_corpus(data_dir()).reset_index(drop=True)
pipeline = build_pipeline(TrainConfig(), C=chosen["C"], ngram_range=tuple(chosen["ngram_range"]))
proba = cross_val_predict(pipeline, corpus["text"].tolist(), corpus["label"].to_numpy(), groups=corpus["agency"],
                          cv=GroupKFold(5), method="predict_proba")
corpus = corpus.assign(predicted=[LABELS[i] for i in proba.argmax(axis=1)], confidence=proba.max(axis=1))

# %%
disagree = corpus[(corpus["predicted"] != corpus["label"]) & (corpus["confidence"] >= CONFIDENT)]
print(f"confident disagreements: {len(disagree)} of {len(corpus)} posts "
      f"({(disagree['note'].str.strip() != '').mean():.0%} of them carry a note)")
print(pd.crosstab(disagree["label"], disagree["predicted"]))
for row in disagree.sort_values("confidence", ascending=False).itertuples():
    print(f"[{row.label} → {row.predicted} {row.confidence:.2f}] {row.source_file} | {row.text[:150]!r}")
    if row.note:
        print(f"    note: {row.note[:150]}")
