"""Writing a batch result for people: agencies.csv, trend.csv, report.xlsx, report.html and PNG charts."""
from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

from .batch import POSTS_COLUMNS, REJECTED_COLUMNS, BatchResult

# Column headings people read (Excel, HTML); the CSV files keep the machine names.
HEADINGS = {
    "rank": "Peringkat", "agency": "OPD", "posts": "Postingan", "kinerja": "Kinerja", "layanan": "Layanan",
    "ucapan": "Ucapan", "substantive_share": "Porsi substantif", "substantive_share_low": "Batas bawah (95%)",
    "substantive_share_high": "Batas atas (95%)", "adjusted_share": "Porsi terkoreksi", "posts_per_week": "Postingan/minggu",
    "active": "Aktif", "first_post": "Postingan pertama", "last_post": "Postingan terakhir",
    "days_since_last_post": "Hari sejak postingan terakhir", "period": "Periode",
}
PERCENT_COLUMNS = ("substantive_share", "substantive_share_low", "substantive_share_high", "adjusted_share")
# Above this many posts the Postingan sheet is left out (posts.csv has them all): writing rows
# with openpyxl costs ~0.25 ms each, which would make the report slower than the scoring.
MAX_XLSX_POSTS = 20_000


def write_report(result: BatchResult, out_dir) -> dict[str, Path]:
    """Writes every output file into `out_dir` and returns their paths by name."""
    out = Path(out_dir)
    paths = {name: out / name for name in ("agencies.csv", "trend.csv", "posts.csv", "rejected.csv", "report.xlsx", "report.html")}
    for name, columns in (("posts.csv", POSTS_COLUMNS), ("rejected.csv", REJECTED_COLUMNS)):
        if not paths[name].exists():
            pd.DataFrame(columns=columns).to_csv(paths[name], index=False)
    stamp = {"model_version": result.model_version}
    result.agencies.assign(**stamp).to_csv(paths["agencies.csv"], index=False)
    result.trend.assign(**stamp).to_csv(paths["trend.csv"], index=False)
    charts = write_charts(result, out)
    paths.update(charts)
    write_xlsx(result, paths["report.xlsx"], paths["posts.csv"], paths["rejected.csv"])
    paths["report.html"].write_text(render_html(result, charts), encoding="utf-8")
    return paths


def _for_people(frame: pd.DataFrame) -> pd.DataFrame:
    shown = frame.copy()
    if "active" in shown:
        shown["active"] = shown["active"].map({True: "ya", False: "tidak"})
    return shown.rename(columns=HEADINGS)


def write_xlsx(result: BatchResult, path: Path, posts_csv: Path, rejected_csv: Path) -> None:
    sheets = {"Peringkat OPD": _for_people(result.agencies), "Tren": _for_people(result.trend)}
    sheets["Ditolak"] = pd.read_csv(rejected_csv, dtype=str, keep_default_na=False)
    if result.scored <= MAX_XLSX_POSTS:
        sheets["Postingan"] = pd.read_csv(posts_csv, dtype=str, keep_default_na=False)
    info = pd.DataFrame(
        [("Versi model", result.model_version), ("Postingan masuk", result.posts_in), ("Dinilai", result.scored),
         ("Ditolak", result.rejected), ("Catatan", "Semua postingan ada di posts.csv" if result.scored > MAX_XLSX_POSTS else "")],
        columns=["Keterangan", "Nilai"],
    )
    sheets["Info"] = info
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            _format_sheet(writer.sheets[name], frame)


def _format_sheet(sheet, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Font

    percent_headings = {HEADINGS[c] for c in PERCENT_COLUMNS}
    for index, column in enumerate(frame.columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sample = frame[column].astype(str).head(200)
        width = max([len(str(column))] + [min(len(v), 60) for v in sample])
        sheet.column_dimensions[letter].width = width + 2
        sheet.cell(row=1, column=index).font = Font(bold=True)
        if column in percent_headings:
            for row in range(2, len(frame) + 2):
                sheet.cell(row=row, column=index).number_format = "0.0%"
        elif column == HEADINGS["posts_per_week"]:
            for row in range(2, len(frame) + 2):
                sheet.cell(row=row, column=index).number_format = "0.0"
    sheet.freeze_panes = "A2"


def write_charts(result: BatchResult, out: Path) -> dict[str, Path]:
    """share_by_agency.png (bars with 95% intervals) and trend.png (share per period per agency)."""
    if result.agencies.empty:
        return {}
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    table = result.agencies.sort_values("substantive_share")
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.35 * len(table) + 1)))
    share = table["substantive_share"] * 100
    errors = [share - table["substantive_share_low"] * 100, table["substantive_share_high"] * 100 - share]
    ax.barh(table["agency"], share, xerr=errors, color="#2f7d6d", ecolor="#555", capsize=3)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Porsi postingan substantif (kinerja + layanan), % — garis: interval 95%")
    ax.set_title("Porsi konten substantif per OPD")
    fig.tight_layout()
    paths = {"share_by_agency.png": out / "share_by_agency.png"}
    fig.savefig(paths["share_by_agency.png"], dpi=110)
    plt.close(fig)
    if not result.trend.empty and result.trend["period"].nunique() > 1:
        fig, ax = plt.subplots(figsize=(9, 4.5))
        for agency, rows in result.trend.groupby("agency"):
            ax.plot(rows["period"], rows["substantive_share"] * 100, marker="o", label=agency)
        ax.set_ylim(0, 100)
        ax.set_ylabel("Porsi substantif, %")
        ax.set_title("Tren porsi konten substantif")
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1, 0.5))
        ax.tick_params(axis="x", rotation=45)
        fig.tight_layout()
        paths["trend.png"] = out / "trend.png"
        fig.savefig(paths["trend.png"], dpi=110)
        plt.close(fig)
    return paths


def _image(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode()
    return f'<img alt="{html.escape(path.stem)}" src="data:image/png;base64,{data}">'


def _table(frame: pd.DataFrame) -> str:
    shown = frame.copy()
    for column in PERCENT_COLUMNS:
        if column in shown:
            shown[column] = (shown[column] * 100).map("{:.1f}%".format)
    if "posts_per_week" in shown:
        shown["posts_per_week"] = shown["posts_per_week"].map("{:.1f}".format)
    return _for_people(shown).to_html(index=False, escape=True, border=0, classes="table", na_rep="–")


def ucapan_heavy(agencies: pd.DataFrame, n: int = 3, min_posts: int = 5) -> pd.DataFrame:
    """The agencies whose feeds are most dominated by greetings (with enough posts to say so)."""
    enough = agencies[agencies["posts"] >= min_posts]
    return enough.assign(ucapan_share=enough["ucapan"] / enough["posts"]).sort_values("ucapan_share", ascending=False).head(n)


def render_html(result: BatchResult, charts: dict[str, Path]) -> str:
    heavy = ucapan_heavy(result.agencies) if not result.agencies.empty else pd.DataFrame()
    callout = "".join(
        f"<li><b>{html.escape(str(r.agency))}</b>: {r.ucapan_share:.0%} ucapan dari {r.posts} postingan</li>"
        for r in heavy.itertuples()
    )
    reasons = "".join(f"<li>{html.escape(k)}: {v}</li>" for k, v in result.rejected_reasons.items())
    images = "".join(f"<figure>{_image(p)}</figure>" for p in charts.values())
    return f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Laporan mutu: porsi konten substantif OPD</title>
<style>
body{{font-family:system-ui,sans-serif;margin:1.5rem;color:#222;max-width:1100px}}
table{{border-collapse:collapse;font-size:.9rem;width:100%}} th,td{{padding:.3rem .5rem;border-bottom:1px solid #ddd;text-align:right}}
th:nth-child(2),td:nth-child(2){{text-align:left}} th{{background:#eef5f3}}
.callout{{background:#fff4e5;border-left:4px solid #e69500;padding:.5rem 1rem}} img{{max-width:100%}}
.meta{{color:#555;font-size:.9rem}}
</style></head><body>
<h1>Porsi konten substantif per OPD</h1>
<p class="meta">Substantif = kinerja + layanan. Peringkat menurut batas bawah interval 95%, agar akun dengan sedikit postingan tidak menyesatkan.
Model versi {html.escape(result.model_version)} · {result.posts_in} postingan masuk, {result.scored} dinilai, {result.rejected} ditolak.</p>
<h2>Paling banyak ucapan</h2>
<div class="callout"><ul>{callout or "<li>Tidak ada OPD dengan cukup postingan.</li>"}</ul></div>
<h2>Peringkat OPD</h2>
{_table(result.agencies) if not result.agencies.empty else "<p>Tidak ada postingan yang dapat dinilai.</p>"}
<h2>Grafik</h2>
{images}
<h2>Baris yang ditolak</h2>
<ul>{reasons or "<li>Tidak ada.</li>"}</ul>
<p class="meta">Rincian per postingan: posts.csv · baris ditolak: rejected.csv · tren: trend.csv</p>
</body></html>
"""
