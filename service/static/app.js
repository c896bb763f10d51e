// mutu's page. Every user-supplied string reaches the page through textContent, never innerHTML.
"use strict";

const LABELS = ["kinerja", "layanan", "ucapan"];
const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

function showError(id, message) {
  const box = $(id);
  box.textContent = message;
  box.hidden = !message;
}

async function call(url, options) {
  let response;
  try {
    response = await fetch(url, options);
  } catch (err) {
    throw new Error("Server tidak dapat dihubungi. Coba lagi sebentar lagi.");
  }
  let body = null;
  try { body = await response.json(); } catch (err) { body = null; }
  if (!response.ok) {
    let detail = body && body.detail;
    if (Array.isArray(detail)) detail = detail.map((d) => d.msg).join("; ");
    throw new Error(detail || `Permintaan gagal (HTTP ${response.status}).`);
  }
  return body;
}

// ---- tabs -------------------------------------------------------------------------------------
function openTab(name) {
  document.querySelectorAll("section.tab").forEach((s) => { s.hidden = s.id !== name; });
  document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.tab === name));
  if (name === "model") loadModel();
}
document.querySelectorAll("nav a").forEach((a) => a.addEventListener("click", (e) => {
  e.preventDefault();
  history.replaceState(null, "", "#" + a.dataset.tab);
  openTab(a.dataset.tab);
}));

// ---- Coba caption -----------------------------------------------------------------------------
const pct = (x) => (100 * x).toFixed(1).replace(".", ",") + "%";

$("caption-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  showError("caption-error", "");
  try {
    const r = await call("/web/caption", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: $("caption-text").value }),
    });
    const label = $("caption-label");
    label.textContent = r.label;
    label.className = "label " + r.label;
    $("caption-substantive").textContent = r.substantive ? "substantif" : "tidak substantif";
    $("caption-review").hidden = !r.needs_review;
    const bars = $("caption-bars");
    bars.replaceChildren();
    LABELS.forEach((name) => {
      const row = el("div", undefined, "bar");
      const track = el("div", undefined, "track");
      const fill = el("div", undefined, "fill");
      fill.style.width = (100 * r.probabilities[name]).toFixed(1) + "%";
      fill.style.background = `var(--${name})`;
      track.appendChild(fill);
      row.append(el("span", name), track, el("span", pct(r.probabilities[name])));
      row.dataset.label = name;
      bars.appendChild(row);
    });
    const text = $("caption-highlight");
    text.replaceChildren();
    r.pieces.forEach((p) => text.appendChild(p.weight > 0 ? el("mark", p.text) : document.createTextNode(p.text)));
    $("caption-result").hidden = false;
  } catch (err) {
    $("caption-result").hidden = true;
    showError("caption-error", err.message);
  }
});

// ---- Nilai feed -------------------------------------------------------------------------------
const COLUMNS = [
  ["rank", "Peringkat"], ["agency", "OPD"], ["posts", "Postingan"], ["kinerja", "Kinerja"], ["layanan", "Layanan"],
  ["ucapan", "Ucapan"], ["substantive_share", "Porsi substantif"], ["interval", "Interval 95%"],
  ["adjusted_share", "Porsi terkoreksi"], ["posts_per_week", "Postingan/minggu"], ["active", "Aktif"],
];
let agencies = [];
let sortKey = "rank";
let sortUp = true;

function cell(row, key) {
  const v = row[key];
  if (key === "interval") return `${pct(row.substantive_share_low)} – ${pct(row.substantive_share_high)}`;
  if (key === "substantive_share" || key === "adjusted_share") return v === null ? "–" : pct(v);
  if (key === "posts_per_week") return v === null ? "–" : v.toFixed(1).replace(".", ",");
  if (key === "active") return v ? "ya" : "tidak";
  return v;
}

function renderAgencies() {
  const table = $("feed-table");
  const head = el("tr");
  COLUMNS.forEach(([key, title]) => {
    const th = el("th", title + (key === sortKey ? (sortUp ? " ▲" : " ▼") : ""));
    th.dataset.key = key;
    th.addEventListener("click", () => {
      sortUp = key === sortKey ? !sortUp : true;
      sortKey = key;
      renderAgencies();
    });
    head.appendChild(th);
  });
  table.tHead.replaceChildren(head);
  const needle = $("feed-filter").value.trim().toLowerCase();
  const key = sortKey === "interval" ? "substantive_share_low" : sortKey;
  const rows = agencies
    .filter((a) => String(a.agency).toLowerCase().includes(needle))
    .sort((a, b) => {
      const x = a[key], y = b[key];
      const order = typeof x === "string" ? x.localeCompare(y, "id") : (x ?? -1) - (y ?? -1);
      return sortUp ? order : -order;
    });
  const body = table.tBodies[0];
  body.replaceChildren();
  rows.forEach((row) => {
    const tr = el("tr");
    COLUMNS.forEach(([k]) => tr.appendChild(el("td", cell(row, k))));
    body.appendChild(tr);
  });
}
$("feed-filter").addEventListener("input", renderAgencies);

function download(id, name, base64, type) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const link = $(id);
  if (link.href && link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([bytes], { type }));
  link.download = name;
}

function renderRejected(rows) {
  const table = $("feed-rejected");
  const keys = ["row", "agency", "posted_at", "reason", "text"];
  const titles = ["Baris", "OPD", "Tanggal", "Alasan", "Teks"];
  const head = el("tr");
  titles.forEach((t) => head.appendChild(el("th", t)));
  table.tHead.replaceChildren(head);
  const body = table.tBodies[0];
  body.replaceChildren();
  rows.forEach((r) => {
    const tr = el("tr");
    keys.forEach((k) => tr.appendChild(el("td", k === "text" ? String(r[k] ?? "").slice(0, 200) : r[k])));
    body.appendChild(tr);
  });
}

$("feed-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  showError("feed-error", "");
  const form = new FormData($("feed-form"));
  $("feed-busy").hidden = false;
  try {
    const r = await call("/web/score", { method: "POST", body: form });
    agencies = r.agencies;
    $("feed-summary").textContent =
      `${r.file}: ${r.posts_in} postingan masuk = ${r.scored} dinilai + ${r.rejected} ditolak · ${r.agencies.length} OPD · model ${r.model_version}`;
    const heavy = $("feed-heavy");
    heavy.replaceChildren();
    if (!r.ucapan_heavy.length) heavy.appendChild(el("li", "Tidak ada OPD dengan cukup postingan."));
    r.ucapan_heavy.forEach((a) => heavy.appendChild(el("li", `${a.agency}: ${pct(a.ucapan_share)} ucapan dari ${a.posts} postingan`)));
    renderAgencies();
    const charts = $("feed-charts");
    charts.replaceChildren();
    Object.entries(r.charts).forEach(([name, data]) => {
      const img = el("img");
      img.alt = name;
      img.src = "data:image/png;base64," + data;
      charts.appendChild(img);
    });
    const reasons = $("feed-reasons");
    reasons.replaceChildren();
    const entries = Object.entries(r.rejected_reasons);
    if (!entries.length) reasons.appendChild(el("li", "Tidak ada."));
    entries.forEach(([reason, n]) => reasons.appendChild(el("li", `${reason}: ${n}`)));
    renderRejected(r.rejected_rows);
    download("download-html", "report.html", r.downloads["report.html"], "text/html");
    download("download-xlsx", "report.xlsx", r.downloads["report.xlsx"],
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    $("feed-result").hidden = false;
  } catch (err) {
    $("feed-result").hidden = true;
    showError("feed-error", err.message);
  } finally {
    $("feed-busy").hidden = true;
  }
});

// ---- Model ------------------------------------------------------------------------------------
async function loadModel() {
  showError("model-error", "");
  try {
    const m = await call("/v1/model");
    const info = $("model-info");
    info.replaceChildren();
    const overall = (m.metrics && m.metrics.overall) || {};
    [["Versi", m.version], ["Dilatih", m.created || "–"],
     ["Macro-F1 (data evaluasi beku)", overall.f1_macro ?? "–"], ["Akurasi", overall.accuracy ?? "–"],
     ["Jumlah data evaluasi", overall.n ?? "–"]].forEach(([k, v]) => info.append(el("dt", k), el("dd", v)));
    const classes = $("model-classes");
    const head = el("tr");
    ["Label", "Presisi", "Recall", "F1", "Jumlah"].forEach((t) => head.appendChild(el("th", t)));
    classes.tHead.replaceChildren(head);
    classes.tBodies[0].replaceChildren();
    Object.entries((m.metrics && m.metrics.per_class) || {}).forEach(([label, c]) => {
      const tr = el("tr");
      [label, c.precision, c.recall, c.f1, c.support].forEach((v) => tr.appendChild(el("td", v)));
      classes.tBodies[0].appendChild(tr);
    });
    const confusion = $("model-confusion");
    const labels = (m.metrics && m.metrics.confusion && m.metrics.confusion.labels) || [];
    const top = el("tr");
    top.appendChild(el("th", ""));
    labels.forEach((l) => top.appendChild(el("th", "→ " + l)));
    confusion.tHead.replaceChildren(top);
    confusion.tBodies[0].replaceChildren();
    ((m.metrics && m.metrics.confusion && m.metrics.confusion.matrix) || []).forEach((row, i) => {
      const tr = el("tr");
      tr.appendChild(el("td", labels[i]));
      row.forEach((v) => tr.appendChild(el("td", v)));
      confusion.tBodies[0].appendChild(tr);
    });
  } catch (err) {
    showError("model-error", err.message);
  }
}

const first = location.hash.slice(1);
openTab(["caption", "feed", "model"].includes(first) ? first : "caption");
