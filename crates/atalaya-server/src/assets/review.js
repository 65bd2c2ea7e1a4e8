// Atalaya review page: articles whose coded events wait for an analyst, one article's text
// with each event's quote highlighted, and the events as editable fields. Decisions go to
// POST /api/v1/review/decisions with the reviewer's token; data is inserted only as text.
"use strict";

const TEXT = {
  en: {
    title: "Review", tagline: "News events wait here until an analyst accepts, corrects or rejects them; only accepted events count.",
    token: "Reviewer token", use: "Use", waiting: "Articles waiting for review",
    listHint: "Open an article (click, or Tab then Enter). Keys in an article: j/k next or previous event, a accept, r reject, e edit, u undo, Escape back here.",
    noArticles: "Nothing waits for review.", quality: "The coder on the last 30 days of reviews", feeds: "Feeds",
    feed: "Feed", lastPoll: "Last poll", newSeen: "New / seen / failed", errors: "Errors", back: "Back to the list",
    pendingOf: (p, n) => `${p} of ${n} events pending`, kind: "Kind", state: "State", municipality: "Municipality",
    date: "Date", actors: "Actors", measures: "Measures", accept: "Accept", reject: "Reject", edit: "Edit", save: "Save",
    cancel: "Cancel", undo: "Undo", reason: "Reason", defaultReason: "not an event", mergedFrom: (id) => `This article's report ${id} was merged into this event.`,
    noToken: "Enter your reviewer token to decide.", tokenSet: "Token set: decisions are recorded under its reviewer.",
    done: (d) => `${d.decision} ${d.event}: ${d.before.review} → ${d.after.review}`, nothing: (id) => `${id}: nothing to change`,
    quality_: (q) => q.articles ? `${q.articles} articles reviewed since ${q.since}: precision ${q.event_precision.toFixed(2)}, recall ${q.event_recall.toFixed(2)} (${q.events_matched} of ${q.events_coded} coded events match ${q.events_gold} accepted ones).` : `No article fully reviewed since ${q.since}.`,
    noFeeds: "No feeds are polled.", never: "not yet", langButton: "ES", langLabel: "Español",
    published: "published", source: "source",
  },
  es: {
    title: "Revisión", tagline: "Los eventos de las notas esperan aquí a que un analista los acepte, corrija o rechace; solo cuentan los aceptados.",
    token: "Clave de revisor", use: "Usar", waiting: "Notas por revisar",
    listHint: "Abra una nota (clic, o Tab y luego Intro). Teclas en una nota: j/k evento siguiente o anterior, a aceptar, r rechazar, e editar, u deshacer, Escape para volver.",
    noArticles: "No hay nada por revisar.", quality: "El codificador en los últimos 30 días de revisiones", feeds: "Fuentes",
    feed: "Fuente", lastPoll: "Última consulta", newSeen: "Nuevas / vistas / fallidas", errors: "Errores", back: "Volver a la lista",
    pendingOf: (p, n) => `${p} de ${n} eventos pendientes`, kind: "Tipo", state: "Estado", municipality: "Municipio",
    date: "Fecha", actors: "Actores", measures: "Medidas", accept: "Aceptar", reject: "Rechazar", edit: "Editar", save: "Guardar",
    cancel: "Cancelar", undo: "Deshacer", reason: "Motivo", defaultReason: "no es un evento", mergedFrom: (id) => `El reporte ${id} de esta nota se fusionó con este evento.`,
    noToken: "Escriba su clave de revisor para decidir.", tokenSet: "Clave lista: las decisiones quedan a nombre de su revisor.",
    done: (d) => `${d.decision} ${d.event}: ${d.before.review} → ${d.after.review}`, nothing: (id) => `${id}: nada que cambiar`,
    quality_: (q) => q.articles ? `${q.articles} notas revisadas desde ${q.since}: precisión ${q.event_precision.toFixed(2)}, exhaustividad ${q.event_recall.toFixed(2)} (${q.events_matched} de ${q.events_coded} eventos codificados coinciden con ${q.events_gold} aceptados).` : `Ninguna nota revisada por completo desde ${q.since}.`,
    noFeeds: "No se consulta ninguna fuente.", never: "aún no", langButton: "EN", langLabel: "English",
    published: "publicada", source: "fuente",
  },
};

const KINDS = ["armed_clash", "attack_on_forces", "homicide", "massacre", "disappearance", "kidnapping", "road_blockade",
  "arson", "explosive_attack", "drone_attack", "leader_killed", "leader_captured", "extradition", "arrest", "seizure",
  "protest", "criminal_presence", "riot", "other"];

const app = {
  lang: (navigator.language || "en").toLowerCase().startsWith("es") ? "es" : "en",
  token: sessionStorage.getItem("atalaya-token") || "",
  states: [],
  article: null,
  items: [],      // { event, review, merged_from }
  selected: -1,
  editing: -1,
};

const $ = (sel) => document.querySelector(sel);
const t = (k) => TEXT[app.lang][k];

function setStatus(msg, isError) {
  const s = $("#status");
  s.textContent = msg || "";
  s.classList.toggle("error", !!isError);
}

async function api(path, body) {
  const opts = { headers: { Accept: "application/json" } };
  if (body !== undefined) {
    opts.method = "POST";
    opts.headers["Content-Type"] = "application/json";
    if (app.token) opts.headers.Authorization = `Bearer ${app.token}`;
    opts.body = JSON.stringify(body);
  }
  const r = await fetch(path, opts);
  const data = await r.json();
  if (!r.ok) throw new Error(data.error || `HTTP ${r.status}`);
  return data;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function translate() {
  document.documentElement.lang = app.lang;
  for (const e of document.querySelectorAll("[data-t]")) {
    const v = t(e.dataset.t);
    if (typeof v === "string") e.textContent = v;
  }
  $("#lang").textContent = t("langButton");
  $("#lang").setAttribute("aria-label", t("langLabel"));
}

async function loadArticles() {
  const r = await api("/api/v1/review/articles");
  const ol = $("#articles");
  ol.replaceChildren();
  for (const a of r.articles) {
    const li = el("li");
    const b = el("button", a.title || a.url || `#${a.id}`);
    b.type = "button";
    b.dataset.article = a.id;
    b.addEventListener("click", () => openArticle(a.id).catch((e) => setStatus(e.message, true)));
    li.appendChild(b);
    li.appendChild(el("span", ` ${a.published} · ${t("pendingOf")(a.pending, a.events)}`, "hint"));
    ol.appendChild(li);
  }
  $("#no-articles").hidden = r.articles.length > 0;
}

async function loadQuality() {
  const q = await api("/api/v1/review/quality?days=30");
  $("#quality").textContent = t("quality_")(q);
}

async function loadFeeds() {
  const r = await api("/api/v1/feeds");
  const body = $("#feeds tbody");
  body.replaceChildren();
  for (const f of r.feeds) {
    const tr = el("tr");
    const name = el("td", f.name);
    name.title = f.url;
    tr.appendChild(name);
    tr.appendChild(el("td", f.last_poll || t("never")));
    tr.appendChild(el("td", f.last_poll ? `${f.articles_new} / ${f.articles_seen} / ${f.failed}` : "—", "num"));
    const td = el("td");
    const ul = el("ul");
    for (const e of f.errors) ul.appendChild(el("li", `${e.item}: ${e.error}`));
    td.appendChild(ul);
    tr.appendChild(td);
    body.appendChild(tr);
  }
  if (!r.feeds.length) {
    const tr = el("tr");
    const td = el("td", t("noFeeds"));
    td.colSpan = 4;
    tr.appendChild(td);
    body.appendChild(tr);
  }
}

// The quote of `ev` in this article: the source this article gave, with its span.
function spanOf(ev) {
  const a = app.article;
  const src = (ev.sources || []).find((s) => s.doc === a.doc && s.span) || null;
  return src ? src.span : null;
}

async function openArticle(id) {
  const r = await api(`/api/v1/review/articles/${id}`);
  app.article = r.article;
  app.items = r.events.map((e) => ({ event: e, merged_from: null }))
    .concat(r.merged.map((m) => ({ event: m.event, merged_from: m.report_event })));
  app.selected = app.items.length ? 0 : -1;
  app.editing = -1;
  $("#list-view").hidden = true;
  $("#article-view").hidden = false;
  $("#article-title").textContent = r.article.title || r.article.doc;
  const meta = [`${t("published")} ${r.article.published}`, r.article.lang, `${t("source")}: ${r.article.url || r.article.doc}`];
  $("#article-meta").textContent = meta.join(" · ");
  renderText();
  renderEvents();
  $("#article-title").focus();
  select(app.selected);
}

function renderText() {
  const chars = Array.from(app.article.text);
  const marks = app.items
    .map((it, i) => ({ i, span: spanOf(it.event) }))
    .filter((m) => m.span)
    .sort((x, y) => x.span[0] - y.span[0]);
  const box = $("#article-text");
  box.replaceChildren();
  let at = 0;
  for (const m of marks) {
    const [s, e] = m.span;
    if (s < at) continue; // overlapping quotes: the first one is marked
    box.appendChild(document.createTextNode(chars.slice(at, s).join("")));
    const mk = el("mark", chars.slice(s, e).join(""));
    mk.dataset.item = m.i;
    mk.addEventListener("click", () => select(m.i));
    box.appendChild(mk);
    at = e;
  }
  box.appendChild(document.createTextNode(chars.slice(at).join("")));
  paintMarks();
}

function paintMarks() {
  for (const mk of document.querySelectorAll("#article-text mark")) {
    const i = Number(mk.dataset.item);
    mk.classList.toggle("selected", i === app.selected);
    mk.classList.toggle("rejected", app.items[i] && app.items[i].event.review === "rejected");
  }
}

function field(label, input) {
  const l = el("label");
  l.appendChild(el("span", label));
  l.appendChild(input);
  return l;
}

function renderEvent(i) {
  const it = app.items[i];
  const e = it.event;
  const li = el("li", null, "event");
  li.dataset.id = e.id;
  li.dataset.index = i;
  li.tabIndex = -1;
  const head = el("div");
  head.appendChild(el("strong", e.kind.replace(/_/g, " ")));
  head.appendChild(el("span", e.review, `badge ${e.review}`));
  head.appendChild(el("span", ` ${e.id}`, "hint"));
  li.appendChild(head);
  if (it.merged_from) li.appendChild(el("p", t("mergedFrom")(it.merged_from), "merged"));
  const editing = app.editing === i;
  const f = el("div", null, "fields");
  const kind = el("select");
  kind.name = "kind";
  for (const k of KINDS) { const o = el("option", k.replace(/_/g, " ")); o.value = k; kind.appendChild(o); }
  kind.value = e.kind;
  const state = el("select");
  state.name = "state";
  const none = el("option", "—"); none.value = ""; state.appendChild(none);
  for (const s of app.states) { const o = el("option", `${s.code} ${s.name}`); o.value = s.code; state.appendChild(o); }
  state.value = e.state || "";
  const muni = el("input"); muni.name = "municipality"; muni.value = e.municipality || ""; muni.size = 6;
  const date = el("input"); date.name = "date"; date.type = "date"; date.value = e.date || "";
  const actors = el("input"); actors.name = "actors"; actors.value = (e.actors || []).join(", ");
  const measures = el("input"); measures.name = "measures";
  measures.value = Object.entries(e.measures || {}).map(([k, v]) => `${k}=${v}`).join(", ");
  for (const inp of [kind, state, muni, date, actors, measures]) {
    inp.disabled = !editing;
    inp.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") { ev.preventDefault(); saveEdit(i).catch((x) => setStatus(x.message, true)); }
      if (ev.key === "Escape") { ev.preventDefault(); app.editing = -1; renderEvents(); select(i); }
    });
  }
  f.appendChild(field(t("kind"), kind));
  f.appendChild(field(t("state"), state));
  f.appendChild(field(t("municipality"), muni));
  f.appendChild(field(t("date"), date));
  f.appendChild(field(t("actors"), actors));
  f.appendChild(field(t("measures"), measures));
  li.appendChild(f);
  const acts = el("div", null, "actions");
  const button = (label, fn) => {
    const b = el("button", label);
    b.type = "button";
    b.addEventListener("click", () => { select(i); fn().catch((x) => setStatus(x.message, true)); });
    acts.appendChild(b);
  };
  if (editing) {
    button(t("save"), () => saveEdit(i));
    button(t("cancel"), async () => { app.editing = -1; renderEvents(); select(i); });
  } else {
    button(t("accept"), () => decide(i, "accept"));
    button(t("reject"), async () => askReason(i));
    button(t("edit"), async () => startEdit(i));
    button(t("undo"), () => decide(i, "undo"));
  }
  li.appendChild(acts);
  li.addEventListener("click", () => { if (app.editing !== i) select(i); });
  return li;
}

function renderEvents() {
  const ol = $("#events");
  ol.replaceChildren(...app.items.map((_, i) => renderEvent(i)));
  paintMarks();
}

function select(i) {
  if (i < 0 || i >= app.items.length) return;
  app.selected = i;
  for (const li of document.querySelectorAll("#events .event")) {
    li.classList.toggle("selected", Number(li.dataset.index) === i);
  }
  paintMarks();
  const li = document.querySelector(`#events .event[data-index="${i}"]`);
  if (li && app.editing !== i) li.focus({ preventScroll: true });
  if (li) li.scrollIntoView({ block: "nearest" });
  const mk = document.querySelector(`#article-text mark[data-item="${i}"]`);
  if (mk) mk.scrollIntoView({ block: "nearest" });
}

function startEdit(i) {
  app.editing = i;
  renderEvents();
  select(i);
  const first = document.querySelector(`#events .event[data-index="${i}"] select[name=kind]`);
  if (first) first.focus();
}

function askReason(i) {
  const li = document.querySelector(`#events .event[data-index="${i}"]`);
  if (!li || li.querySelector(".reason")) return;
  const box = el("div", null, "reason");
  const inp = el("input");
  inp.name = "reason";
  inp.value = t("defaultReason");
  inp.setAttribute("aria-label", t("reason"));
  inp.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { ev.preventDefault(); decide(i, "reject", { reason: inp.value }).catch((x) => setStatus(x.message, true)); }
    if (ev.key === "Escape") { ev.preventDefault(); box.remove(); select(i); }
  });
  box.appendChild(inp);
  li.appendChild(box);
  inp.focus();
  inp.select();
}

async function saveEdit(i) {
  const li = document.querySelector(`#events .event[data-index="${i}"]`);
  const v = (n) => li.querySelector(`[name=${n}]`).value.trim();
  const measures = {};
  const old = app.items[i].event.measures || {};
  for (const k of Object.keys(old)) measures[k] = null;
  for (const part of v("measures").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [k, val] = part.split("=").map((s) => s.trim());
    if (!k || val === undefined || val === "" || Number.isNaN(Number(val))) throw new Error(`${t("measures")}: ${part}`);
    measures[k] = Number(val);
  }
  // Only what the analyst changed: a new state alone drops a municipality of the old one.
  const e = app.items[i].event;
  const edit = { measures };
  if (v("kind") !== e.kind) edit.kind = v("kind");
  if (v("state") && v("state") !== (e.state || "")) edit.state = v("state");
  if (v("municipality") !== (e.municipality || "")) edit.municipality = v("municipality");
  if (v("date") && v("date") !== (e.date || "")) edit.date = v("date");
  const actors = v("actors").split(",").map((s) => s.trim()).filter(Boolean);
  if (actors.join("\n") !== (e.actors || []).join("\n")) edit.actors = actors;
  app.editing = -1;
  await decide(i, "edit", { edit });
}

async function decide(i, decision, extra) {
  if (!app.token) { setStatus(t("noToken"), true); $("#token").focus(); return; }
  const it = app.items[i];
  const r = await api("/api/v1/review/decisions", { event: it.event.id, decision, ...(extra || {}) });
  if (r.event) it.event = r.event;
  app.editing = -1;
  renderEvents();
  select(i);
  setStatus(r.decision ? t("done")(r.decision) : t("nothing")(it.event.id));
  document.body.dataset.decisions = String(Number(document.body.dataset.decisions || 0) + 1);
}

function onKey(ev) {
  if ($("#article-view").hidden || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const tag = (ev.target.tagName || "").toLowerCase();
  if (tag === "input" || tag === "select" || tag === "textarea") return;
  const i = app.selected;
  const run = (p) => p.catch((x) => setStatus(x.message, true));
  switch (ev.key) {
    case "j": select(Math.min(i + 1, app.items.length - 1)); break;
    case "k": select(Math.max(i - 1, 0)); break;
    case "a": if (i >= 0) run(decide(i, "accept")); break;
    case "r": if (i >= 0) askReason(i); break;
    case "e": if (i >= 0) startEdit(i); break;
    case "u": if (i >= 0) run(decide(i, "undo")); break;
    case "Escape": backToList(); break;
    default: return;
  }
  ev.preventDefault();
}

function backToList() {
  $("#article-view").hidden = true;
  $("#list-view").hidden = false;
  app.article = null;
  refreshList();
  const first = document.querySelector("#articles button");
  if (first) first.focus();
}

function refreshList() {
  return Promise.all([loadArticles(), loadQuality(), loadFeeds()]).catch((e) => setStatus(e.message, true));
}

async function start() {
  translate();
  const s = await api("/api/v1/states");
  app.states = s.states;
  $("#token").value = app.token;
  $("#auth").addEventListener("submit", (e) => {
    e.preventDefault();
    app.token = $("#token").value.trim();
    sessionStorage.setItem("atalaya-token", app.token);
    setStatus(app.token ? t("tokenSet") : t("noToken"));
  });
  $("#lang").addEventListener("click", () => {
    app.lang = app.lang === "en" ? "es" : "en";
    translate();
    if (app.article) renderEvents();
    refreshList();
  });
  $("#back").addEventListener("click", backToList);
  document.addEventListener("keydown", onKey);
  await refreshList();
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", () => start().catch((e) => setStatus(e.message, true)));
