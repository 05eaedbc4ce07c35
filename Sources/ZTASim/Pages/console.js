// ztahooks emulator console: the emulator's sites, webhooks, deliveries and faults, live.
// Everything from the state is put in the page as text (textContent, createElement), never as
// markup; a webhook URL is whatever a client sent.
"use strict";

const TOKEN = document.querySelector('meta[name="ztahooks-token"]').content;
const EVENTS = ["pageview", "event", "goal", "alert", "session_end"];
const LOG_LIMIT = 200;
const $ = (id) => document.getElementById(id);

const ui = {
  state: null,
  chosenEvent: new Map(),  // siteId -> event type picked in its trigger control
  busy: new Set(),         // keys of buttons whose request is in flight
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
  if (!iso || Number.isNaN(d.getTime())) return "";
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function ago(iso) {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return "never";
  const s = Math.max(0, (Date.now() - d.getTime()) / 1000);
  if (s < 60) return `${Math.floor(s)} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function duration(ms) {
  if (typeof ms !== "number") return "";
  return ms < 10 ? `${ms.toFixed(1)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
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
  body: JSON.stringify(body),
});

// Runs a POST for a button, keeping it disabled across re-renders until the answer.
async function act(key, work) {
  if (ui.busy.has(key)) return;
  ui.busy.add(key);
  render();
  try {
    await work();
  } catch (error) {
    toast(error.message, "bad");
  } finally {
    ui.busy.delete(key);
    refresh();
  }
}

// ---------------------------------------------------------------- rendering

function render() {
  const state = ui.state;
  if (!state) return;
  // Re-rendering replaces the nodes: keep the keyboard focus on the same control.
  const focusKey = document.activeElement?.dataset?.key;
  renderFaults(state.faults || { names: [], active: [] });
  renderSites(state.sites || []);
  renderLog(state);
  if (focusKey) document.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
}

function renderFaults(faults) {
  const active = new Set(faults.active || []);
  const buttons = (faults.names || []).map((name) => {
    const on = active.has(name);
    return el("button", {
      type: "button", role: "switch", "aria-checked": String(on), class: `switch${on ? " on" : ""}`,
      dataset: { key: `fault:${name}`, fault: name }, disabled: ui.busy.has("faults"),
      title: (faults.labels || {})[name] || null,
    }, el("span", { class: "knob", "aria-hidden": "true" }), name);
  });
  $("faults").replaceChildren(...(buttons.length ? buttons : [el("p", { class: "muted small" }, "This emulator offers no faults to switch.")]));
}

function statusBadge(hook) {
  return hook.active
    ? el("span", { class: "badge ok" }, "active")
    : el("span", { class: "badge bad", title: "Disabled after failed deliveries" }, "disabled");
}

function webhookRow(hook) {
  const key = `enable:${hook.id}`;
  const action = hook.active ? el("span", { class: "muted" }, "")
    : el("button", { type: "button", class: "small-button", dataset: { key, enable: hook.id }, disabled: ui.busy.has(key) }, "Re-enable");
  const failures = hook.failuresInARow || 0;
  return el("tr", { class: hook.active ? "" : "disabled", dataset: { webhook: hook.id } },
    el("td", {}, el("div", { class: "mono" }, hook.id), el("div", { class: "muted small url", title: hook.url }, hook.url)),
    el("td", {}, el("div", { class: "chips" }, ...(hook.events || []).map((e) => el("span", { class: "event" }, e)))),
    el("td", {}, statusBadge(hook)),
    el("td", { class: `num mono${failures ? " bad-text" : " muted"}` }, failures),
    el("td", { class: "nowrap", title: hook.createdAt }, ago(hook.createdAt)),
    el("td", { class: "nowrap", title: hook.lastTriggered || "never triggered" }, ago(hook.lastTriggered)),
    el("td", { class: "num" }, action));
}

function siteCard(site) {
  const hooks = site.webhooks || [];
  const disabled = hooks.filter((h) => !h.active).length;
  const chosen = ui.chosenEvent.get(site.siteId) || "pageview";
  const selectId = `event-${site.siteId}`;
  const select = el("select", { id: selectId, dataset: { key: `event:${site.siteId}`, site: site.siteId } },
    ...EVENTS.map((e) => el("option", { value: e, selected: e === chosen }, e)));
  const triggerKey = `trigger:${site.siteId}`;
  return el("section", { class: "panel site", "aria-label": `Site ${site.siteId}`, dataset: { site: site.siteId } },
    el("div", { class: "panel-head" },
      el("h3", { class: "mono" }, site.siteId),
      el("span", { class: "muted small" }, `${hooks.length} webhook${hooks.length === 1 ? "" : "s"}`,
        disabled ? el("span", { class: "bad-text" }, ` · ${disabled} disabled`) : null),
      el("div", { class: "trigger" },
        el("label", { for: selectId, class: "muted small" }, "Trigger event"), select,
        el("button", { type: "button", class: "primary", dataset: { key: triggerKey, trigger: site.siteId }, disabled: ui.busy.has(triggerKey) }, "Trigger"))),
    el("table", { class: "grid" },
      el("thead", {}, el("tr", {},
        ...["Webhook", "Events", "Status", "Failures in a row", "Created", "Last triggered"].map((h) =>
          el("th", { scope: "col", class: h === "Failures in a row" ? "num" : "" }, h)),
        el("th", { scope: "col", class: "num" }, el("span", { class: "visually-hidden" }, "Action")))),
      el("tbody", {}, ...hooks.map(webhookRow))));
}

let sitesShown = "";
function renderSites(sites) {
  // Only when something changed: a rebuilt <select> would close under the user's pointer.
  const key = JSON.stringify([sites, [...ui.busy], Math.floor(Date.now() / 30000)]);
  if (key === sitesShown) return;
  sitesShown = key;
  $("sites").replaceChildren(...sites.map(siteCard));
  $("no-sites").hidden = sites.length > 0;
  $("no-sites-url").textContent = location.origin;
}

function attemptChip(attempt) {
  const status = attempt.status;
  const kind = status == null ? "bad" : status < 300 ? "ok" : status < 500 ? "warn" : "bad";
  const when = attempt.time || attempt.startedAt;
  return el("li", { class: `attempt ${kind}`, title: when ? `attempt ${attempt.attempt ?? ""} started ${when}` : null },
    el("span", { class: "muted" }, `#${attempt.attempt ?? ""}`),
    el("strong", { class: "mono" }, status ?? (attempt.error || "error")),
    status != null && attempt.error ? el("span", {}, attempt.error) : null,
    el("span", { class: "muted mono" }, duration(attempt.durationMs)));
}

function outcomeBadge(delivery) {
  const outcome = delivery.outcome || "pending";
  const kind = { delivered: "ok", failed: "bad" }[outcome] || "neutral";
  return el("span", { class: `badge ${kind}` }, outcome === "pending" ? "retrying…" : outcome);
}

function logRow(delivery, urls) {
  const attempts = delivery.attempts || [];
  const first = attempts[0]?.time || attempts[0]?.startedAt || delivery.publishedAt;
  const url = delivery.url || urls.get(delivery.webhookId) || "";
  return el("tr", { dataset: { delivery: delivery.id || "", outcome: delivery.outcome || "" } },
    el("td", { class: "mono nowrap", title: first || "" }, first ? clock(first) : "queued"),
    el("td", {}, el("span", { class: "event" }, delivery.event || "—")),
    el("td", { class: "mono" }, delivery.siteId || ""),
    el("td", {}, el("div", { class: "mono" }, delivery.webhookId || ""),
      el("div", { class: "muted small url", title: url }, url)),
    el("td", {}, el("ol", { class: "attempts" }, ...attempts.map(attemptChip))),
    el("td", {}, outcomeBadge(delivery)));
}

function renderLog(state) {
  const urls = new Map();
  for (const site of state.sites || []) for (const hook of site.webhooks || []) urls.set(hook.id, hook.url);
  const all = state.deliveries || [];
  const outcome = $("filter-outcome").value;
  const shown = all.filter((d) => !outcome || d.outcome === outcome);
  $("log-rows").replaceChildren(...shown.slice(0, LOG_LIMIT).map((d) => logRow(d, urls)));
  $("log").hidden = shown.length === 0;
  $("log-empty").hidden = shown.length > 0;
  $("log-empty").textContent = all.length ? "No delivery has this outcome." : "No deliveries yet: trigger an event on a site.";
  $("log-count").textContent = shown.length > LOG_LIMIT ? `newest ${LOG_LIMIT} of ${shown.length}` : `${shown.length}`;

  const hooks = (state.sites || []).flatMap((s) => s.webhooks || []);
  const disabled = hooks.filter((h) => !h.active).length;
  const failed = all.filter((d) => d.outcome === "failed").length;
  $("stats").replaceChildren(
    el("strong", {}, (state.sites || []).length), " sites · ",
    el("strong", {}, hooks.length), " webhooks",
    disabled ? el("span", { class: "bad-text" }, ` (${disabled} disabled)`) : null, " · ",
    el("strong", {}, all.length), " deliveries",
    failed ? el("span", { class: "bad-text" }, ` (${failed} failed)`) : null);
}

// ---------------------------------------------------------------- data

let refreshTimer = 0;
let loading = null;
function refresh(delay = 0) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(load, delay);
}

async function load() {
  if (loading) { refresh(100); return; }  // one fetch at a time; a change during it fetches again
  loading = api("/_console/state");
  try {
    ui.state = await loading;
    render();
  } catch (error) {
    toast(`Could not load the state: ${error.message}`, "bad");
  } finally {
    loading = null;
  }
}

function connect() {
  const source = new EventSource("/_console/events");
  const conn = $("conn");
  source.addEventListener("open", () => {
    conn.textContent = "live";
    conn.className = "conn live";
    refresh();
  });
  source.addEventListener("error", () => {
    conn.textContent = "reconnecting…";
    conn.className = "conn down";
  });
  source.addEventListener("changed", () => refresh(120));
}

// ---------------------------------------------------------------- actions

function trigger(siteId) {
  const event = ui.chosenEvent.get(siteId) || "pageview";
  act(`trigger:${siteId}`, async () => {
    const { queued } = await post("/_console/publish", { siteId, event });
    toast(queued ? `${event} on ${siteId}: queued for ${queued} webhook${queued === 1 ? "" : "s"}`
      : `${event} on ${siteId}: no active webhook subscribes to it`, queued ? "ok" : "");
  });
}

function enable(id) {
  act(`enable:${id}`, async () => {
    await post("/_console/enable", { id });
    toast(`${id} is active again`, "ok");
  });
}

function toggleFault(name) {
  const active = new Set(ui.state?.faults?.active || []);
  if (active.has(name)) active.delete(name); else active.add(name);
  act("faults", async () => {
    await post("/_console/faults", { active: [...active] });
    toast(`${name} ${active.has(name) ? "on" : "off"}`);
  });
}

function wire() {
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || button.disabled) return;
    if (button.dataset.trigger) trigger(button.dataset.trigger);
    else if (button.dataset.enable) enable(button.dataset.enable);
    else if (button.dataset.fault) toggleFault(button.dataset.fault);
  });
  document.addEventListener("change", (event) => {
    const site = event.target.dataset?.site;
    if (site && event.target.tagName === "SELECT") ui.chosenEvent.set(site, event.target.value);
    if (event.target.id === "filter-outcome") render();
  });
  $("origin").textContent = location.origin;
  setInterval(render, 30000);  // keeps "… ago" current
}

wire();
connect();
