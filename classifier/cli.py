"""The `mutu` command: the only place that prints and exits."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import pandas as pd

from . import registry
from .config import LABELS, Gate, TrainConfig, data_dir
from .errors import MutuError


def _print_scores(result: dict) -> None:
    overall = result["overall"]
    print(f"macro-F1 {overall['f1_macro']:.4f}   accuracy {overall['accuracy']:.4f}   n={overall['n']}")
    print(f"{'label':<10}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}")
    for label, row in result["per_class"].items():
        print(f"{label:<10}{row['precision']:>10.3f}{row['recall']:>10.3f}{row['f1']:>10.3f}{row['support']:>9}")
    print("confusion (rows: true, columns: predicted)")
    print(" " * 10 + "".join(f"{label:>10}" for label in LABELS))
    for label, row in zip(LABELS, result["confusion"]["matrix"]):
        print(f"{label:<10}" + "".join(f"{v:>10}" for v in row))


def cmd_train(args) -> int:
    from .data import load_corpus
    from .train import fit_and_evaluate

    train_frame, eval_frame = load_corpus(args.data)
    print(f"Melatih model dari {len(train_frame)} postingan ({args.data or data_dir()}) …", file=sys.stderr)
    pipeline, metadata = fit_and_evaluate(train_frame, eval_frame, TrainConfig(cv_folds=args.cv_folds))
    metadata |= {"parent": registry.current_version(Path(args.out) if args.out else None), "n_stored_labels": 0}
    version = registry.save(pipeline, metadata, args.out, make_current=not args.no_promote)
    print(f"model {version} saved in {args.out or registry.models_dir()}" + ("" if args.no_promote else " (now CURRENT)"))
    chosen = metadata["hyperparameters"]
    print(f"cross-validated macro-F1 (training split, grouped by agency): {chosen['cv_f1_macro']:.4f}")
    print(f"chosen: C={chosen['C']} ngram_range={chosen['ngram_range']}")
    print("frozen evaluation split:")
    _print_scores(metadata["metrics"])
    return 0


def cmd_evaluate(args) -> int:
    from .data import read_dir, read_labelled
    from .evaluate import evaluate

    model = registry.load_model(args.model)
    path = Path(args.data) if args.data else data_dir() / "eval"
    frame = read_dir(path) if path.is_dir() else read_labelled(path)
    result = evaluate(model, frame)
    if args.json:
        print(json.dumps({"model": model.version, **result}, indent=2, ensure_ascii=False))
        return 0
    print(f"model {model.version} on {path}")
    _print_scores(result)
    return 0


def cmd_classify(args) -> int:
    model = registry.load_model(args.model)
    if args.text is not None:
        for result in model.classify([args.text]):
            probabilities = "  ".join(f"{k} {v:.2f}" for k, v in result["probabilities"].items())
            print(f"{result['label']}  ({probabilities})")
        return 0
    if not args.input:
        raise MutuError('give a text (mutu classify "teks") or a file (mutu classify --input posts.csv --output out.csv)')
    from .io import pick_columns, read_frames

    output = Path(args.output or Path(args.input).with_suffix(".predictions.csv"))
    output.unlink(missing_ok=True)
    done = skipped = 0
    for frame, _ in read_frames(args.input, wanted=[args.text_col] if args.text_col else []):
        column = pick_columns(frame.columns, args.text_col, source=args.input).text
        texts = frame[column].astype("string").fillna("")
        usable = texts.str.strip() != ""
        proba = model.predict_proba(texts[usable].tolist())
        frame.loc[usable, "label"] = [LABELS[i] for i in proba.argmax(axis=1)]
        for i, label in enumerate(LABELS):
            frame.loc[usable, f"p_{label}"] = proba[:, i].round(4)
        frame["model_version"] = model.version
        frame.to_csv(output, mode="a", header=not output.exists(), index=False)
        done, skipped = done + int(usable.sum()), skipped + int((~usable).sum())
    print(f"{done} postingan diklasifikasi, {skipped} tanpa teks dilewati (label kosong) → {output}")
    return 0



def _date(value: str | None):
    if value is None:
        return None
    try:
        return pd.Timestamp(value)
    except ValueError:
        raise MutuError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def _summary(result) -> None:
    table = result.agencies
    if table.empty:
        print("Tidak ada postingan yang dapat dinilai.")
        return
    name_width = min(40, max(3, table["agency"].str.len().max()))
    print(f"\n{'#':>3}  {'OPD':<{name_width}} {'Post':>6} {'Kin':>5} {'Lay':>5} {'Uca':>5}  {'Substantif (95% CI)':<22} {'/mgg':>5}  Aktif")
    for row in table.itertuples():
        interval = f"{row.substantive_share:6.1%} ({row.substantive_share_low:.0%}–{row.substantive_share_high:.0%})"
        rate = "–" if pd.isna(row.posts_per_week) else f"{row.posts_per_week:.1f}"
        print(
            f"{row.rank:>3}  {str(row.agency)[:name_width]:<{name_width}} {row.posts:>6} {row.kinerja:>5} {row.layanan:>5} "
            f"{row.ucapan:>5}  {interval:<22} {rate:>5}  {'ya' if row.active else 'tidak'}"
        )


def cmd_score(args) -> int:
    from tqdm import tqdm

    from .batch import score_files
    from .report import write_report
    from .scoring import ScoreSettings

    settings = ScoreSettings(min_posts_per_week=args.min_posts_per_week, since=_date(args.since), until=_date(args.until), by=args.by)
    model = registry.load_model(args.model)
    with tqdm(unit=" post", desc="Mengklasifikasi", file=sys.stderr, disable=None) as bar:
        result = score_files(args.inputs, model, args.out, settings, args.text_col, args.agency_col, args.date_col,
                             progress=bar.update, engine=args.engine, scheduler=args.scheduler)
    for path, columns in result.columns.items():
        print(f"{path}: kolom yang dipakai: {columns.describe()}")
    paths = write_report(result, args.out)
    _summary(result)
    print(f"\nPostingan masuk {result.posts_in} = dinilai {result.scored} + ditolak {result.rejected}"
          + (f" ({', '.join(f'{k}: {v}' for k, v in result.rejected_reasons.items())})" if result.rejected else ""))
    print(f"Model {result.model_version}. Laporan: {paths['report.html']} · {paths['report.xlsx']} · {paths['agencies.csv']}")
    return 0


def cmd_models(args) -> int:
    root = registry.models_dir()
    if args.action == "list":
        current = registry.current_version(root)
        for version in registry.versions(root):
            meta = registry.read_metadata(version, root)
            f1 = meta.get("metrics", {}).get("overall", {}).get("f1_macro")
            print(f"{'*' if version == current else ' '} {version}  {meta.get('created', '')}  macro-F1 {f1}")
        return 0
    if args.action == "show":
        meta = registry.read_metadata(args.version, root)
        shown = {k: v for k, v in meta.items() if k != "metrics"} | {"metrics": meta.get("metrics", {}).get("overall")}
        print(json.dumps(shown, indent=2, ensure_ascii=False))
        return 0
    if args.action == "promote":
        registry.load_model(args.version, root)  # refuse to point CURRENT at a broken model
        registry.set_current(args.version, root)
        print(f"CURRENT -> {args.version}")
        return 0
    previous = registry.rollback(root)
    print(f"CURRENT -> {previous}")
    return 0


def cmd_data(args) -> int:
    from .corpus import add_batch, check_corpus

    if args.action == "add":
        if not args.file or not args.name:
            raise MutuError("mutu data add needs FILE and --name NAME (the batch name, e.g. 2026-11-sulawesi)")
        n_train, n_eval, notes = add_batch(args.file, args.name)
        for note in notes:
            print(note)
        print(f"batch {args.name}: {n_train} training posts, {n_eval} evaluation posts")
        return 0
    if args.action == "describe":
        from . import datasheet

        if args.write:
            print(f"figures written to {datasheet.write()}")
        else:
            print(datasheet.describe())
        return 0
    problems = check_corpus()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in the corpus")
    return 1 if problems else 0


def cmd_serve(args) -> int:
    import os

    import uvicorn

    for name in ("host", "port", "workers", "model"):
        value = getattr(args, name)
        if value is not None:  # the flags win over MUTU_* variables; workers read them from the environment
            os.environ[f"MUTU_{name.upper()}"] = str(value)
    from service.settings import Settings

    settings = Settings()
    registry.load_model(settings.model)  # fail here, with one line, rather than in every worker
    uvicorn.run("service.app:app_from_env", factory=True, host=settings.host, port=settings.port,
                workers=settings.workers, log_level=settings.log_level, access_log=False)
    return 0


def cmd_labels(args) -> int:
    from . import labels

    store = labels.open_store(args.database)
    if args.action == "import":
        if not args.file:
            raise MutuError("mutu labels import needs a FILE (CSV, TSV, JSONL, XLSX or a datasets directory)")
        by = args.by or os.environ.get("USER", "")
        imported, unlabelled = labels.import_file(store, args.file, labelled_by=by, source=args.source or "")
        print(f"{imported} label(s) imported from {args.file}" + (f"; {unlabelled} row(s) without a label skipped" if unlabelled else ""))
        return 0
    if args.action == "export":
        if not args.out:
            raise MutuError("mutu labels export needs --out PATH")
        n = labels.export(store, args.format, args.out, all_history=args.history)
        print(f"{n} label(s) written to {args.out} ({args.format})")
        return 0
    print(json.dumps(labels.stats(store), indent=2, ensure_ascii=False))
    return 0


def cmd_retrain(args) -> int:
    from . import labels
    from .config import Gate
    from .retrain import retrain

    stored = labels.current(labels.open_store(args.database))
    gate = Gate(max_f1_drop=args.max_f1_drop, max_recall_drop=args.max_recall_drop)
    print(f"Melatih ulang: korpus {args.data or data_dir()} + {len(stored)} label tersimpan …", file=sys.stderr)
    report = retrain(stored, gate, TrainConfig(cv_folds=args.cv_folds), force=args.force, data=args.data)
    if report["stored_left_out"]:
        print(f"{report['stored_left_out']} stored label(s) left out: their text is in the frozen evaluation split")
    print(f"{'':<10}{'current ' + str(report['current']):>22}{'candidate ' + report['candidate']:>22}")
    now, new = report["current_metrics"], report["candidate_metrics"]
    rows = [("macro-F1", lambda m: m["overall"]["f1_macro"])] + [
        (f"recall {label}", lambda m, label=label: m["per_class"][label]["recall"]) for label in LABELS]
    for name, get in rows:
        print(f"{name:<16}{(f'{get(now):.4f}' if now else '-'):>16}{get(new):>22.4f}")
    if report["promoted"]:
        print(f"{report['candidate']} is now CURRENT" + (" (forced past the gate: " + "; ".join(report["reasons"]) + ")" if report["forced"] else ""))
        return 0
    print(f"{report['candidate']} saved but NOT promoted; {report['current']} stays CURRENT because:")
    for reason in report["reasons"]:
        print(f"  - {reason}")
    print("Inspect it with `mutu models show`, or rerun with --force to promote anyway.")
    return 2


def cmd_suggest(args) -> int:
    from .io import read_posts
    from .suggest import suggest

    model = registry.load_model(args.model)
    _, chunks = read_posts(args.input, args.text_col, args.agency_col)
    posts = pd.concat(list(chunks), ignore_index=True)
    picked = suggest(model, posts, n=args.n)
    picked.to_csv(args.out, index=False)
    print(f"{len(picked)} post(s) from {picked['agency'].nunique()} account(s) written to {args.out}; "
          f"fill in the label column and run `mutu labels import {args.out}`")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mutu", description="mutu: is an agency's feed real work and services, or only greetings?")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("train", help="train a new model version from data/ and make it CURRENT")
    p.add_argument("--data", help="corpus folder holding labelled/ and eval/ (default: data/)")
    p.add_argument("--out", help="model registry folder (default: models/)")
    p.add_argument("--cv-folds", type=int, default=5, help="cross-validation folds for the hyper-parameter search")
    p.add_argument("--no-promote", action="store_true", help="save the version without making it CURRENT")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="score a model on labelled posts (default: the frozen split data/eval/)")
    p.add_argument("--model", help="model version (default: CURRENT)")
    p.add_argument("--data", help="a labelled CSV file or a folder of them")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("classify", help="label one text, or every row of a file")
    p.add_argument("text", nargs="?", help="the caption to classify")
    p.add_argument("--input", help="CSV, JSONL, Parquet, XLSX or scraper JSON file of posts")
    p.add_argument("--output", help="where to write predictions as CSV (default: INPUT.predictions.csv)")
    p.add_argument("--text-col", help="the column holding the text (default: text, caption, …)")
    p.add_argument("--model", help="model version (default: CURRENT)")
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("score", help="the batch report: each agency's share of substantive posts")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="CSV, JSONL, Parquet, XLSX or scraper JSON files")
    p.add_argument("--out", required=True, help="folder for agencies.csv, trend.csv, posts.csv, report.xlsx, report.html")
    p.add_argument("--text-col", help="column with the caption (default: text, caption, …)")
    p.add_argument("--agency-col", help="column with the account/agency (default: agency, ownerUsername, …)")
    p.add_argument("--date-col", help="column with the post date (default: posted_at, timestamp, …)")
    p.add_argument("--since", help="first day of the period, YYYY-MM-DD")
    p.add_argument("--until", help="last day of the period, YYYY-MM-DD")
    p.add_argument("--by", choices=["month", "week"], default="month", help="trend period (default: month)")
    p.add_argument("--min-posts-per-week", type=float, default=2.0, help="posts a week for an account to count as active (default 2)")
    p.add_argument("--engine", choices=["pandas", "dask"], default="pandas", help="where to compute (default: pandas, this process)")
    p.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (default: start a local cluster)")
    p.add_argument("--model", help="model version (default: CURRENT)")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("serve", help="start the HTTP service (FastAPI on uvicorn)")
    p.add_argument("--host", help="address to listen on (default 127.0.0.1, or MUTU_HOST)")
    p.add_argument("--port", type=int, help="port (default 8000, or MUTU_PORT)")
    p.add_argument("--workers", type=int, help="worker processes (default 1, or MUTU_WORKERS)")
    p.add_argument("--model", help="model version (default: CURRENT)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("data", help="add a batch of labelled posts to the corpus, check it, or describe it")
    p.add_argument("action", choices=["add", "check", "describe"])
    p.add_argument("--write", action="store_true", help="for describe: update the figures in data/README.md")
    p.add_argument("file", nargs="?", help="JSONL or CSV of labelled posts (for add)")
    p.add_argument("--name", help="batch name; becomes data/labelled/NAME.csv and data/eval/NAME.csv")
    p.set_defaults(func=cmd_data)

    p = sub.add_parser("models", help="list, show, promote or roll back model versions")
    p.add_argument("action", choices=["list", "show", "promote", "rollback"])
    p.add_argument("version", nargs="?", help="the version for show/promote (default for show: CURRENT)")
    p.set_defaults(func=cmd_models)

    p = sub.add_parser("labels", help="the store of newly labelled posts: import, export, stats")
    p.add_argument("action", choices=["import", "export", "stats"])
    p.add_argument("file", nargs="?", help="for import: CSV, TSV, JSONL, XLSX or a datasets directory (save_to_disk)")
    p.add_argument("--by", help="who labelled the rows (default: the file's labelled_by column, else $USER)")
    p.add_argument("--source", help="where the rows came from (default: the file name)")
    p.add_argument("--format", choices=["csv", "jsonl", "hf"], default="csv", help="export format (hf: a datasets directory)")
    p.add_argument("--out", help="export destination")
    p.add_argument("--history", action="store_true", help="export every label ever given, not only the latest per text")
    p.add_argument("--database", help="SQLAlchemy URL (default: MUTU_DATABASE_URL, else data/labels.sqlite)")
    p.set_defaults(func=cmd_labels)

    gate = Gate()
    p = sub.add_parser("retrain", help="train on the corpus plus stored labels; promote only if not worse")
    p.add_argument("--data", help="corpus folder (default: data/)")
    p.add_argument("--database", help="SQLAlchemy URL of the labels store")
    p.add_argument("--max-f1-drop", type=float, default=gate.max_f1_drop, help=f"largest macro-F1 drop allowed (default {gate.max_f1_drop})")
    p.add_argument("--max-recall-drop", type=float, default=gate.max_recall_drop,
                   help=f"largest per-class recall drop allowed (default {gate.max_recall_drop})")
    p.add_argument("--force", action="store_true", help="promote even if the gate refuses (recorded in the metadata)")
    p.add_argument("--cv-folds", type=int, default=5)
    p.set_defaults(func=cmd_retrain)

    p = sub.add_parser("suggest", help="pick the posts worth labelling next")
    p.add_argument("input", help="CSV, JSONL, Parquet, XLSX or scraper JSON file of posts")
    p.add_argument("--n", type=int, default=50, help="how many (default 50)")
    p.add_argument("--out", default="to_label.csv", help="CSV to write (default to_label.csv)")
    p.add_argument("--text-col")
    p.add_argument("--agency-col")
    p.add_argument("--model", help="model version (default: CURRENT)")
    p.set_defaults(func=cmd_suggest)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "models" and args.action == "promote" and not args.version:
        parser.error("models promote needs a VERSION")
    try:
        return args.func(args)
    except MutuError as exc:
        print(f"mutu: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("mutu: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
