// ztahooks inspector: the deliveries `ztahooks listen` received, live, with their verdicts.
// Everything that came from a request is put in the page as text (textContent, createElement),
// never as markup: a body may hold anything.
"use strict";

const TOKEN = document.querySelector('meta[name="ztahooks-token"]').content;
const $ = (id) => document.getElementById(id);

const state = {
  deliveries: new Map(),  // seq -> Summary
  keep: 500,
  selected: null,         // seq shown in the detail pane
  detail: null,           // its full record
  pendingSelect: null,    // seq of a replay not yet arrived
  fresh: new Set(),       // seqs that arrived live, highlighted once
  bodyMode: "pretty",
};

// ---------------------------------------------------------------- helpers

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const pad = (n, width = 2) => String(n).padStart(width, "0");

function clock(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso || "";
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function duration(ms) {
  if (typeof ms !== "number") return "";
  return ms < 10 ? `${ms.toFixed(1)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function statusClass(status) {
  if (typeof status !== "number") return "muted";
  return status < 300 ? "ok" : status < 500 ? "warn" : "bad";
}

const statusCell = (status, extra) => el("span", { class: `code-status ${statusClass(status)}`, title: extra }, status ?? "—");

function verdictBadge(summary) {
  if (summary.verified && summary.duplicateOf) {
    return el("span", { class: "badge neutral", title: `The same event already came through ${summary.duplicateOf}: answered 200, not passed on` },
      "duplicate");
  }
  return summary.verified
    ? el("span", { class: "badge ok" }, "verified")
    : el("span", { class: "badge bad", title: summary.reason || "rejected" }, "rejected");
}

let toastTimer = 0;
function toast(message, kind = "") {
  const box = $("toast");
  box.textContent = message;
  box.className = `toast ${kind}`;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, 3500);
}

async function api(path, options = {}) {
  const response = await fetch(path, { cache: "no-store", ...options });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try { message = (await response.json()).error || message; } catch (_) { /* not JSON */ }
    throw new Error(message);
  }
  return response.status === 204 ? null : response.json();
}

const post = (path, body) => api(path, {
  method: "POST",
  headers: { "Content-Type": "application/json", "X-ZTAHooks-Token": TOKEN },
  body: JSON.stringify(body || {}),
});

// ---------------------------------------------------------------- the list

function webhookLabel(summary) {
  if (summary.name) return summary.name;
  return summary.webhook || "unknown webhook";
}

function matches(summary) {
  const event = $("filter-event").value;
  const webhook = $("filter-webhook").value;
  const verdict = $("filter-verdict").value;
  if (event && summary.event !== event) return false;
  if (webhook && (summary.webhook || "") !== webhook) return false;
  if (verdict && (verdict === "verified") !== summary.verified) return false;
  return true;
}

function row(summary) {
  const seq = summary.seq;
  const selected = seq === state.selected;
  const tr = el("tr", {
    tabindex: "0", "aria-current": selected ? "true" : null, dataset: { seq: String(seq) },
    class: [selected ? "selected" : "", state.fresh.has(seq) ? "fresh" : "", summary.verified ? "" : "rejected"].join(" ").trim(),
  });
  const replay = summary.replayOf != null ? el("span", { class: "replay-mark", title: `Replay of #${summary.replayOf}` }, `↻${summary.replayOf}`) : null;
  const forward = summary.forwardError
    ? el("span", { class: "code-status bad", title: summary.forwardError }, "error")
    : statusCell(summary.forwardStatus);
  const who = el("div", { class: "who" },
    el("span", { class: "name" }, webhookLabel(summary)),
    el("span", { class: "muted mono small" }, summary.site || (summary.name ? summary.webhook : "") || ""));
  tr.append(
    el("td", { class: "num mono muted" }, `${seq}`, replay ? " " : "", replay),
    el("td", { class: "mono", title: summary.time }, clock(summary.time)),
    el("td", {}, el("span", { class: "event" }, summary.event || "—")),
    el("td", {}, who),
    el("td", {}, verdictBadge(summary)),
    el("td", { class: "num" }, statusCell(summary.status)),
    el("td", { class: "num" }, forward),
    el("td", { class: "num mono muted" }, duration(summary.durationMs)),
  );
  return tr;
}

function renderList() {
  const all = [...state.deliveries.values()].sort((a, b) => b.seq - a.seq);
  const shown = all.filter(matches);
  const focusedSeq = document.activeElement?.closest?.("#rows tr")?.dataset.seq;
  $("rows").replaceChildren(...shown.map(row));
  if (focusedSeq) $("rows").querySelector(`tr[data-seq="${CSS.escape(focusedSeq)}"]`)?.focus();
  state.fresh.clear();

  $("empty").hidden = all.length > 0;
  $("no-match").hidden = all.length === 0 || shown.length > 0;
  $("deliveries").hidden = all.length === 0;
  $("shown").textContent = shown.length === all.length ? "" : `${shown.length} of ${all.length} shown`;
  const rejected = all.filter((s) => !s.verified).length;
  $("stats").replaceChildren(
    el("strong", {}, all.length), all.length === 1 ? " delivery · " : " deliveries · ",
    el("span", { class: "ok-text" }, `${all.length - rejected} verified`), " · ",
    el("span", { class: rejected ? "bad-text" : "" }, `${rejected} rejected`),
    el("span", { class: "muted" }, ` · keeps the last ${state.keep}`));
  renderWebhookFilter(all);
}

function renderWebhookFilter(all) {
  const select = $("filter-webhook");
  const seen = new Map();
  for (const s of all) if (s.webhook && !seen.has(s.webhook)) seen.set(s.webhook, s.name);
  const current = select.value;
  const wanted = [...seen.keys()].sort();
  const have = [...select.options].slice(1).map((o) => o.value);
  if (wanted.join("\n") === have.join("\n")) return;
  select.replaceChildren(el("option", { value: "" }, "all webhooks"),
    ...wanted.map((id) => el("option", { value: id }, seen.get(id) ? `${seen.get(id)} (${id})` : id)));
  select.value = wanted.includes(current) ? current : "";
}

function addDelivery(summary, live) {
  state.deliveries.set(summary.seq, summary);
  if (live) state.fresh.add(summary.seq);
  const seqs = [...state.deliveries.keys()].sort((a, b) => a - b);
  for (const seq of seqs.slice(0, Math.max(0, seqs.length - state.keep))) state.deliveries.delete(seq);
}

async function loadAll() {
  const data = await api("/api/deliveries");
  state.keep = data.keep || state.keep;
  state.deliveries.clear();
  for (const summary of data.deliveries || []) addDelivery(summary, false);
  const target = data.target || "listen itself (no --forward)";
  $("target").textContent = target;
  document.title = `ztahooks inspector · ${data.target || "listen itself"}`;
  const listen = data.listen || "";
  $("listen-url").textContent = listen || "this receiver";
  $("empty-url").textContent = listen || "the receiving port";
  if (listen) $("empty-addr").textContent = listen.replace(/^https?:\/\//, "").replace(/\/$/, "");
  renderList();
  if (state.pendingSelect != null && state.deliveries.has(state.pendingSelect)) select(state.pendingSelect);
}

function connect() {
  const source = new EventSource("/events");
  const conn = $("conn");
  source.addEventListener("open", () => {
    conn.textContent = "live";
    conn.className = "conn live";
    loadAll().catch((error) => toast(`Could not load deliveries: ${error.message}`, "bad"));
  });
  source.addEventListener("error", () => {
    conn.textContent = "reconnecting…";
    conn.className = "conn down";
  });
  source.addEventListener("delivery", (event) => {
    let summary;
    try { summary = JSON.parse(event.data); } catch (_) { return; }
    addDelivery(summary, true);
    renderList();
    if (summary.seq === state.pendingSelect) select(summary.seq);
  });
}

// ---------------------------------------------------------------- the detail pane

async function select(seq, focus = false) {
  state.selected = seq;
  if (state.pendingSelect === seq) state.pendingSelect = null;
  for (const tr of $("rows").children) {
    const on = Number(tr.dataset.seq) === seq;
    tr.classList.toggle("selected", on);
    if (on) tr.setAttribute("aria-current", "true"); else tr.removeAttribute("aria-current");
    if (on && focus) tr.focus();
    if (on) tr.scrollIntoView({ block: "nearest" });
  }
  try {
    const detail = await api(`/api/deliveries/${encodeURIComponent(seq)}`);
    if (state.selected === seq) renderDetail(detail);
  } catch (error) {
    toast(`Delivery #${seq}: ${error.message}`, "bad");
  }
}

function closeDetail() {
  const seq = state.selected;
  state.selected = null;
  state.detail = null;
  $("detail").hidden = true;
  $("placeholder").hidden = false;
  renderList();
  if (seq != null) $("rows").querySelector(`tr[data-seq="${seq}"]`)?.focus();
}

function fact(term, ...value) {
  return [el("dt", {}, term), el("dd", {}, ...value)];
}

function renderDetail(d) {
  state.detail = d;
  $("placeholder").hidden = true;
  $("detail").hidden = false;
  $("detail-title").replaceChildren(el("span", { class: "event big" }, d.event || "no event"),
    el("span", { class: "muted" }, `#${d.seq}`), verdictBadge(d),
    ...(d.replayOf != null ? [el("span", { class: "badge neutral" }, `replay of #${d.replayOf}`)] : []));

  const forward = d.forwardError ? el("span", { class: "bad-text" }, d.forwardError)
    : d.forwardStatus != null ? statusCell(d.forwardStatus)
    : d.duplicateOf ? el("span", { class: "muted" }, `not passed on: a duplicate of the delivery through ${d.duplicateOf}`)
    : el("span", { class: "muted" }, "not forwarded");
  $("facts").replaceChildren(
    ...fact("Received", el("span", { class: "mono", title: d.time }, `${clock(d.time)}`), el("span", { class: "muted" }, ` ${d.time}`)),
    ...fact("Request", el("span", { class: "mono" }, `${d.method} ${d.path}`)),
    ...fact("Webhook", d.name ? `${d.name} ` : "", el("span", { class: "mono muted" }, d.webhook || "no X-ZTA-Webhook-ID")),
    ...fact("Site", el("span", { class: "mono" }, d.site || "unknown")),
    ...fact("Answered to ZTA", statusCell(d.status), " ", el("span", { class: "muted" }, `in ${duration(d.durationMs)}`)),
    ...fact("Forward", forward));

  renderCheck(d);
  renderBody();
  $("headers").tBodies[0].replaceChildren(...(d.headers || []).map(([name, value]) =>
    el("tr", {}, el("th", { scope: "row", class: "mono" }, name), el("td", { class: "mono wrap" }, value))));
  $("verify-command").textContent = d.verifyCommand || "";
  $("curl-command").textContent = d.curlCommand || "";
}

function renderCheck(d) {
  const check = d.check || {};
  const good = check.result === "match";
  const box = $("check");
  box.className = `check ${good ? "ok" : "bad"}`;
  box.replaceChildren(
    el("div", { class: "check-line" },
      el("span", { class: `badge ${good ? "ok" : "bad"}` }, check.result || "not checked"),
      d.reason ? el("strong", { class: "reason" }, `Rejected: ${d.reason}`) : el("strong", {}, "Signature verified")),
    el("p", { class: "explanation" }, check.explanation || ""),
    el("dl", { class: "facts compact" },
      ...fact("X-ZTA-Signature", el("code", {}, check.header || "none")),
      ...fact("Secret of", el("code", {}, check.webhook || "no webhook id"))));
}

// Colours pretty JSON by token; every token goes in as text.
function highlightJSON(text) {
  const out = document.createDocumentFragment();
  const token = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let last = 0;
  for (const m of text.matchAll(token)) {
    out.append(text.slice(last, m.index));
    const kind = m[1] ? (m[2] ? "key" : "string") : m[3] ? "literal" : "number";
    out.append(el("span", { class: `j-${kind}` }, m[1] || m[3] || m[4]));
    if (m[2]) out.append(m[2]);
    last = m.index + m[0].length;
  }
  out.append(text.slice(last));
  return out;
}

function renderBody() {
  const d = state.detail;
  if (!d) return;
  const pretty = state.bodyMode === "pretty" && d.bodyPretty != null;
  $("tab-pretty").setAttribute("aria-selected", String(state.bodyMode === "pretty"));
  $("tab-raw").setAttribute("aria-selected", String(state.bodyMode === "raw"));
  const body = $("body");
  if (pretty) body.replaceChildren(highlightJSON(d.bodyPretty));
  else body.textContent = d.bodyText || "";
  if (!d.bodyText) body.replaceChildren(el("span", { class: "muted" }, "(empty body)"));
  const bytes = d.bodyBase64 ? Math.floor(d.bodyBase64.length * 3 / 4) - (d.bodyBase64.match(/=*$/)[0].length) : 0;
  const note = state.bodyMode === "pretty" && d.bodyPretty == null && d.bodyText ? " · not JSON, shown raw" : "";
  $("body-size").textContent = `${bytes} bytes${note}`;
}

// ---------------------------------------------------------------- actions

async function replay() {
  const d = state.detail;
  if (!d) return;
  const button = $("replay");
  button.disabled = true;
  try {
    const { seq } = await post(`/api/deliveries/${encodeURIComponent(d.seq)}/replay`);
    toast(`Replayed #${d.seq} as #${seq}`, "ok");
    state.pendingSelect = seq;
    if (state.deliveries.has(seq)) select(seq, true);
    else setTimeout(() => { if (state.pendingSelect === seq) loadAll().catch(() => {}); }, 1500);
  } catch (error) {
    toast(`Replay failed: ${error.message}`, "bad");
  } finally {
    button.disabled = false;
  }
}

async function copy(pre, what) {
  const text = pre.textContent;
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
    toast(`Copied the ${what} command`, "ok");
  } catch (_) {
    // Fall back to selecting the command so that Ctrl+C (⌘C) copies it.
    const range = document.createRange();
    range.selectNodeContents(pre);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    pre.focus();
    toast(`The ${what} command is selected: press Ctrl+C to copy it`);
  }
}

function moveSelection(step) {
  const rows = [...$("rows").children];
  if (!rows.length) return;
  const at = rows.findIndex((tr) => tr === document.activeElement || Number(tr.dataset.seq) === state.selected);
  const next = rows[Math.min(rows.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
  select(Number(next.dataset.seq), true);
}

function wire() {
  for (const id of ["filter-event", "filter-webhook", "filter-verdict"]) $(id).addEventListener("change", renderList);
  $("rows").addEventListener("click", (event) => {
    const tr = event.target.closest("tr");
    if (tr) select(Number(tr.dataset.seq));
  });
  $("rows").addEventListener("keydown", (event) => {
    const tr = event.target.closest("tr");
    if (!tr) return;
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(Number(tr.dataset.seq)); }
    else if (event.key === "ArrowDown" || event.key === "j") { event.preventDefault(); moveSelection(1); }
    else if (event.key === "ArrowUp" || event.key === "k") { event.preventDefault(); moveSelection(-1); }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.selected != null) closeDetail();
  });
  $("close").addEventListener("click", closeDetail);
  $("replay").addEventListener("click", replay);
  $("copy-verify").addEventListener("click", () => copy($("verify-command"), "verify"));
  $("copy-curl").addEventListener("click", () => copy($("curl-command"), "curl"));
  for (const mode of ["pretty", "raw"]) {
    $(`tab-${mode}`).addEventListener("click", () => { state.bodyMode = mode; renderBody(); });
  }
  $("tab-pretty").parentElement.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    state.bodyMode = state.bodyMode === "pretty" ? "raw" : "pretty";
    renderBody();
    $(`tab-${state.bodyMode}`).focus();
  });
}

wire();
connect();
