# %% [markdown]
# # Error analysis of the CURRENT model
#
# Runnable top to bottom as a script (`.venv/bin/python notebooks/error_analysis.py`) or as a
# notebook (percent format: open it with Jupytext or VS Code). It reads the frozen evaluation
# split, the CURRENT model and, when present, the unlabelled real posts of `../shared/realworld/`.
# `tests/test_notebooks.py` runs it, so it stays in step with the code.

# %%

import pandas as pd

from classifier import LABELS, evaluate, load_model
from classifier.config import PROJECT_ROOT
from classifier.data import load_corpus

pd.set_option("display.width", 160, "display.max_colwidth", 110)
model = load_model()
train, frozen = load_corpus()
print(f"model {model.version}; training split {len(train)} posts, frozen split {len(frozen)} posts")

# %% [markdown]
# ## Scores on the frozen split

# %%
result = evaluate(model, frozen)
print(f"macro-F1 {result['overall']['f1_macro']:.3f}, accuracy {result['overall']['accuracy']:.3f}")
print(pd.DataFrame(result["per_class"]).T)
confusion = pd.DataFrame(result["confusion"]["matrix"], index=[f"true {label}" for label in LABELS], columns=[f"pred {label}" for label in LABELS])
print(confusion)

# %% [markdown]
# ## Where it is weakest: agency types, hard cases, length

# %%
proba = model.predict_proba(frozen["text"].tolist())
frozen = frozen.assign(predicted=[LABELS[i] for i in proba.argmax(axis=1)], confidence=proba.max(axis=1),
                       words=frozen["text"].str.split().str.len(), hard=frozen["note"].str.strip() != "")
frozen["correct"] = frozen["predicted"] == frozen["label"]
print(pd.DataFrame(result["slices"]).T.sort_values("f1_macro").head(8))
print("accuracy on hard cases (with a note) vs the rest:")
print(frozen.groupby("hard")["correct"].agg(["mean", "size"]))
print("accuracy by length:")
print(frozen.groupby(pd.cut(frozen["words"], [0, 12, 40, 80, 2000]), observed=True)["correct"].agg(["mean", "size"]))

# %% [markdown]
# ## The errors, most confident first, with the annotator's note
# Confident errors are either labelling mistakes (check them against `../shared/LABELING.md`) or
# patterns the corpus lacks.

# %%
errors = frozen[~frozen["correct"]].sort_values("confidence", ascending=False)
for row in errors.head(15).itertuples():
    print(f"[{row.label} → {row.predicted} {row.confidence:.2f}] {row.agency_type}: {row.text[:160]!r}")
    if row.note:
        print(f"    note: {row.note}")

# %% [markdown]
# ## What pushed a decision
# The terms with the largest contribution for a few of the errors.

# %%
for row in errors.head(3).itertuples():
    terms = ", ".join(f"{t['term']} {t['weight']:+.2f}" for t in model.explain(row.text, k=6))
    print(f"{row.predicted}: {terms}")

# %% [markdown]
# ## Real posts (unlabelled): how would the model read real feeds?
# `../shared/realworld/posts.csv` is never used for training or evaluation; here we only look at
# the share of each predicted label per source and at the least confident predictions.

# %%
realworld = PROJECT_ROOT.parent / "shared" / "realworld" / "posts.csv"
if realworld.exists():
    real = pd.read_csv(realworld, dtype=str, keep_default_na=False)
    real = real[real["text"].str.strip() != ""]
    p = model.predict_proba(real["text"].tolist())
    real = real.assign(predicted=[LABELS[i] for i in p.argmax(axis=1)], confidence=p.max(axis=1))
    print(pd.crosstab(real["source"], real["predicted"], normalize="index").round(2))
    for row in real.sort_values("confidence").head(8).itertuples():
        print(f"[{row.predicted} {row.confidence:.2f}] {row.text[:140]!r}")
else:
    print(f"{realworld} not found; skipping the look at real posts")
