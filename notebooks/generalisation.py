# %% [markdown]
# # How well does the model carry over to writers and regions it has not seen?
#
# The frozen split holds out *accounts*, but its posts were written by the same writing sessions
# as the training posts. Each corpus batch (`data/labelled/BATCH.csv` + `data/eval/BATCH.csv`) was
# written separately, for other provinces or another style (terse field-work titles, technical
# agency websites, provincial humas captions…). Training on all batches but one and testing on
# the one left out is the closest the repository gets to "posts written independently".
# Runnable as a script: `.venv/bin/python notebooks/generalisation.py`
# (`MUTU_HASHTAG_NOISE=0 …` to see it without the training-time hashtag augmentation).

# %%
import os
import random

import pandas as pd
from sklearn.metrics import f1_score

from classifier import LABELS, build_pipeline, load_model
from classifier.augment import hashtag_noise, with_account_hashtags
from classifier.config import TrainConfig, data_dir
from classifier.corpus import existing_corpus

current = load_model()
chosen = current.metadata["hyperparameters"]
corpus = existing_corpus(data_dir()).assign(batch=lambda f: f["source_file"].str.removesuffix(".csv"))
print(f"{len(corpus)} posts in {corpus['batch'].nunique()} batches; CURRENT {current.version}: C={chosen['C']}, n-grams {chosen['ngram_range']}")

# %% [markdown]
# ## Leave one batch out
# Same pipeline, hyper-parameters and training-time augmentation as CURRENT; trained on every other
# batch (both splits), tested on all posts of the batch left out — as written, and with a wall of
# the account's own hashtags appended (as real Instagram captions have), to see that hashtags
# alone do not move the label.

# %%
# MUTU_HASHTAG_NOISE=0 shows the same table without the augmentation
noise = float(os.environ.get("MUTU_HASHTAG_NOISE", current.metadata.get("augmentation", {}).get("hashtag_noise", 0.0)))
config = TrainConfig(hashtag_noise=noise)
print(f"hashtag-noise augmentation: {noise}")
rng = random.Random(0)
rows = []
for batch, held_out in corpus.groupby("batch"):
    rest = hashtag_noise(corpus[corpus["batch"] != batch], config.hashtag_noise, config.random_state)
    pipeline = build_pipeline(config, C=chosen["C"], ngram_range=tuple(chosen["ngram_range"]))
    pipeline.fit(rest["text"].tolist(), rest["label"].to_numpy())
    predicted = pipeline.predict(held_out["text"].tolist())
    tagged = with_account_hashtags(held_out, rng)
    rows.append({"batch": batch, "posts": len(held_out),
                 "macro-F1": round(f1_score(held_out["label"], predicted, labels=list(LABELS), average="macro"), 4),
                 "accuracy": round(float((held_out["label"] == predicted).mean()), 4),
                 "macro-F1 with hashtags": round(f1_score(held_out["label"], pipeline.predict(tagged), labels=list(LABELS), average="macro"), 4)})
table = pd.DataFrame(rows).sort_values("macro-F1")
print(table.to_string(index=False))
print(f"leave-one-batch-out macro-F1: mean {table['macro-F1'].mean():.4f}, worst {table['macro-F1'].min():.4f}; "
      f"with hashtags appended: mean {table['macro-F1 with hashtags'].mean():.4f}, worst {table['macro-F1 with hashtags'].min():.4f}")
