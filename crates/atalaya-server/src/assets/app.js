// Atalaya dashboard: plain JavaScript over the JSON API. The map and charts come as SVG
// drawn by the server; data from the API is only ever inserted as text.
"use strict";

const TEXT = {
  en: {
    skip: "Skip to the map", tagline: "Organized-crime violence in Mexico, from public sources",
    measure: "Measure", from: "From", to: "To", apply: "Show", map: "Map",
    hint: "Select a state (click, or Tab then Enter) to see its weekly series and events.",
    events: "Events", date: "Date", kind: "Kind", actors: "Actors", fatalities: "Fatalities",
    quote: "Source quote", origin: "Origin", more: "More events", kingpins: "Kingpin interventions",
    what: "What", who: "Who", group: "Group", place: "Place", source: "Source",
    territory: "Territory: who holds which state", groupLabel: "Group", noGroups: "No armed group is named in this range.",
    layer: "Layer", layerStatus: "Status by state", layerMunicipal: "Presence by municipality", year: "Year",
    noMunicipalGeo: "The server has no municipal boundaries: start it with --municipal-geo FILE (INEGI's mx_municipios_inegi.topo.json) to see presence by municipality.",
    noMunicipalYears: (g) => `No event locates ${g} in a municipality.`,
    municipality: "Municipality", score: "Presence", evidence: "Evidence (event ids)",
    municipalRows: (n, y) => `Municipalities with presence in ${y} (${n}), highest first`,
    impact: "Impact", study: "Impact study", impactOf: (who, date) => `Impact of ${who}, ${date}`,
    summary: (r) => `${r.measure} per ${r.period} in ${r.treated.map(stateName).join(", ")} against ${r.controls.length} control states: ` +
      (r.estimate_pct === null ? "no estimate." : `${fmtPct(r.estimate_pct)} (95% interval ${fmtPct(r.ci_low_pct)} to ${fmtPct(r.ci_high_pct)}), p = ${fmtP(r.p_value)}.`) +
      (r.conclusive ? "" : " Too short to conclude."),
    indicators: "Conflict indicators", indPeriod: "Period", indYear: "Year", indMonth: "Month",
    indHint: "For the period containing the range's last day. Level: how many of the four indicators are high (3–4 extreme, 2 high, 1 turbulent). Sort the table by any column.",
    indState: "State", indLevel: "Level", indDeadliness: "Deadliness", indDanger: "Danger", indDiffusion: "Diffusion", indFragmentation: "Fragmentation",
    levels: { extreme: "extreme", high: "high", turbulent: "turbulent", none: "none" },
    indCaption: (p) => `${p}: deaths, attacks on civilians, share of the state's 100 km² cells with frequent events, armed groups named`,
    indNone: (p, a, b) => `No indicators for ${p}: the events run from ${a} to ${b}.`,
    indThresholds: (t) => `High from: ${t.deadliness} deaths, ${t.danger} attacks on civilians, ${(100 * t.diffusion).toFixed(1)}% of the area, ${t.fragmentation} groups (80th percentile of the non-zero values).`,
    rule: (r) => `Treated states chosen by rule ${r.treated_rule}: ${r.treated_reason}.`,
    impactMapHint: "Select states on this map (click, or Tab then Enter) to change the treated group, then run the study again.",
    choice: (names) => names.length ? `Treated in the next run: ${names.join(", ")}.` : "Select at least one state.",
    rerun: "Run with these states", resetRule: "Back to the default rule",
    footer: "Every number traces back to its source: each event keeps its quote and origin. API: ",
    m_events: "Events", m_fatalities: "Fatalities", loading: "Loading…", row: "row",
    shown: (n, more) => `${n} events shown${more ? "; more follow" : ""}, oldest first`,
    none: "No events in this range.", langButton: "ES", langLabel: "Español",
    badRange: "The first date is after the last.",
    outlook: "Forecast and alerts", period: "Period", expected: "Expected", interval: "80% interval",
    pany: "P(at least one)", noAlerts: "No alert for this state.",
    ledger: "Enforcement and official figures", value: "Value", scope: "Scope", periodCol: "Period",
    sources: "Sources", noFigures: "No figures stored yet (atalaya code --store).",
    ledgerHint: "Figures coded from reports, each with every report that gave it. They are never counted as events.",
    fcNote: (r) => `Endemic–epidemic model fitted up to ${r.origin}; source: ${r.source}.`,
    alert: (a) => `${a.rule} (${a.level}), ${a.period}: ${a.value} against a baseline of ${Number(a.baseline).toFixed(1)}`,
  },
  es: {
    skip: "Ir al mapa", tagline: "Violencia del crimen organizado en México, de fuentes públicas",
    measure: "Medida", from: "Desde", to: "Hasta", apply: "Mostrar", map: "Mapa",
    hint: "Elija un estado (clic, o Tab y luego Intro) para ver su serie semanal y sus eventos.",
    events: "Eventos", date: "Fecha", kind: "Tipo", actors: "Actores", fatalities: "Muertes",
    quote: "Cita de la fuente", origin: "Origen", more: "Más eventos", kingpins: "Golpes a capos",
    what: "Qué", who: "Quién", group: "Grupo", place: "Lugar", source: "Fuente",
    territory: "Territorio: quién tiene cada estado", groupLabel: "Grupo", noGroups: "Ningún grupo armado aparece en este periodo.",
    layer: "Capa", layerStatus: "Estatus por estado", layerMunicipal: "Presencia por municipio", year: "Año",
    noMunicipalGeo: "El servidor no tiene límites municipales: inícielo con --municipal-geo ARCHIVO (el mx_municipios_inegi.topo.json del INEGI) para ver la presencia por municipio.",
    noMunicipalYears: (g) => `Ningún evento ubica a ${g} en un municipio.`,
    municipality: "Municipio", score: "Presencia", evidence: "Evidencia (ids de eventos)",
    municipalRows: (n, y) => `Municipios con presencia en ${y} (${n}), de mayor a menor`,
    impact: "Impacto", study: "Estudio de impacto", impactOf: (who, date) => `Impacto de ${who}, ${date}`,
    summary: (r) => `${r.measure} por ${r.period === "week" ? "semana" : "mes"} en ${r.treated.map(stateName).join(", ")} frente a ${r.controls.length} estados de control: ` +
      (r.estimate_pct === null ? "sin estimación." : `${fmtPct(r.estimate_pct)} (intervalo al 95 % de ${fmtPct(r.ci_low_pct)} a ${fmtPct(r.ci_high_pct)}), p = ${fmtP(r.p_value)}.`) +
      (r.conclusive ? "" : " Demasiado pronto para concluir."),
    indicators: "Indicadores de conflicto", indPeriod: "Periodo", indYear: "Año", indMonth: "Mes",
    indHint: "Para el periodo que contiene el último día del rango. Nivel: cuántos de los cuatro indicadores son altos (3–4 extremo, 2 alto, 1 turbulento). Ordene la tabla por cualquier columna.",
    indState: "Estado", indLevel: "Nivel", indDeadliness: "Letalidad", indDanger: "Peligro", indDiffusion: "Difusión", indFragmentation: "Fragmentación",
    levels: { extreme: "extremo", high: "alto", turbulent: "turbulento", none: "ninguno" },
    indCaption: (p) => `${p}: muertes, ataques a civiles, parte de las celdas de 100 km² del estado con eventos frecuentes, grupos armados nombrados`,
    indNone: (p, a, b) => `No hay indicadores para ${p}: los eventos van de ${a} a ${b}.`,
    indThresholds: (t) => `Alto desde: ${t.deadliness} muertes, ${t.danger} ataques a civiles, ${(100 * t.diffusion).toFixed(1)} % del área, ${t.fragmentation} grupos (percentil 80 de los valores no nulos).`,
    rule: (r) => `Estados tratados elegidos por la regla ${({ given: "elegidos por usted", base_states: "estados base de la lista de capos", intervention_state: "estado de la intervención", events: "eventos del grupo y sus facciones" })[r.treated_rule] || r.treated_rule}: ${r.treated.map(stateName).join(", ")}.`,
    impactMapHint: "Elija estados en este mapa (clic, o Tab y luego Intro) para cambiar el grupo tratado y vuelva a correr el estudio.",
    choice: (names) => names.length ? `Tratados en la próxima corrida: ${names.join(", ")}.` : "Elija al menos un estado.",
    rerun: "Correr con estos estados", resetRule: "Volver a la regla por omisión",
    footer: "Cada cifra remite a su fuente: cada evento conserva su cita y su origen. API: ",
    m_events: "Eventos", m_fatalities: "Muertes", loading: "Cargando…", row: "fila",
    shown: (n, more) => `${n} eventos mostrados${more ? "; hay más" : ""}, del más antiguo al más reciente`,
    none: "No hay eventos en este periodo.", langButton: "EN", langLabel: "English",
    badRange: "La primera fecha es posterior a la última.",
    outlook: "Pronóstico y alertas", period: "Periodo", expected: "Esperado", interval: "Intervalo del 80 %",
    pany: "P(al menos uno)", noAlerts: "Ninguna alerta para este estado.",
    ledger: "Cifras oficiales y de aplicación de la ley", value: "Valor", scope: "Ámbito", periodCol: "Periodo",
    sources: "Fuentes", noFigures: "Aún no hay cifras guardadas (atalaya code --store).",
    ledgerHint: "Cifras codificadas de notas, cada una con todas las notas que la dieron. Nunca se cuentan como eventos.",
    fcNote: (r) => `Modelo endémico–epidémico ajustado hasta ${r.origin}; fuente: ${r.source}.`,
    alert: (a) => `${a.rule} (${a.level}), ${a.period}: ${a.value} frente a una base de ${Number(a.baseline).toFixed(1)}`,
  },
};

const app = {
  lang: (navigator.language || "en").toLowerCase().startsWith("es") ? "es" : "en",
  states: {},
  selected: null,
  cursor: null,
  shown: 0,
};

const $ = (sel) => document.querySelector(sel);
const fmtPct = (v) => (v === null || v === undefined) ? "—" : `${v > 0 ? "+" : ""}${v.toFixed(1)} %`;
const fmtP = (v) => (v === null || v === undefined) ? "—" : v < 0.001 ? "< 0.001" : v.toFixed(3);
const t = (k) => TEXT[app.lang][k];

function setStatus(msg, isError) {
  const s = $("#status");
  s.textContent = msg || "";
  s.classList.toggle("error", !!isError);
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const ct = r.headers.get("content-type") || "";
  if (!r.ok) {
    const body = ct.startsWith("application/json") ? await r.json() : { error: r.statusText };
    throw new Error(body.error || `HTTP ${r.status}`);
  }
  return ct.startsWith("application/json") ? r.json() : r.text();
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  return q.toString();
}

function stateName(code) {
  const s = app.states[code];
  if (!s) return code;
  return app.lang === "es" ? s.name : s.name_en;
}

function translate() {
  document.documentElement.lang = app.lang;
  for (const el of document.querySelectorAll("[data-t]")) {
    const v = t(el.dataset.t);
    if (typeof v !== "string") continue;
    if (el.dataset.t === "footer") el.firstChild.textContent = v;
    else el.textContent = v;
  }
  const b = $("#lang");
  b.textContent = t("langButton");
  b.setAttribute("aria-label", t("langLabel"));
  for (const o of $("#measure").options) {
    if (o.value === "events") o.textContent = t("m_events");
    if (o.value === "fatalities") o.textContent = t("m_fatalities");
  }
}

function range() {
  return { from: $("#from").value, to: $("#to").value };
}

async function drawMap() {
  const { from, to } = range();
  if (from && to && from > to) { setStatus(t("badRange"), true); return; }
  setStatus(t("loading"));
  const svg = await api(`/api/v1/map.svg?${query({ measure: $("#measure").value, from, to, lang: app.lang })}`);
  const box = $("#map");
  box.innerHTML = svg;
  for (const g of box.querySelectorAll(".state")) {
    g.setAttribute("aria-pressed", g.dataset.state === app.selected ? "true" : "false");
    g.addEventListener("click", () => selectState(g.dataset.state));
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); selectState(g.dataset.state); }
    });
  }
  setStatus("");
}

function isIndicator() {
  const m = $("#measure").value;
  return m !== "events" && m !== "fatalities";
}

async function selectState(code) {
  app.selected = code;
  for (const g of document.querySelectorAll("#map .state")) {
    g.setAttribute("aria-pressed", g.dataset.state === code ? "true" : "false");
  }
  const view = $("#state-view");
  view.hidden = false;
  $("#state-heading").textContent = stateName(code);
  const { from, to } = range();
  setStatus(t("loading"));
  try {
    // Official indicators are monthly; events and fatalities are drawn per week.
    const period = isIndicator() ? "month" : "week";
    const chart = await api(`/api/v1/series.svg?${query({ state: code, period, measure: $("#measure").value, from, to, lang: app.lang })}`);
    $("#chart").innerHTML = chart;
    $("#events tbody").replaceChildren();
    app.cursor = null;
    app.shown = 0;
    await loadEvents();
    setStatus("");
  } catch (e) {
    setStatus(e.message, true);
  }
  loadOutlook(code).catch((e) => { $("#outlook-note").textContent = e.message; });
}

// The next periods' predictive distribution and the state's alerts, as of the range's end.
async function loadOutlook(code) {
  const measure = $("#measure").value;
  const period = isIndicator() ? "month" : "week";
  const { to } = range();
  $("#forecast tbody").replaceChildren();
  $("#alerts").replaceChildren();
  $("#outlook-note").textContent = t("loading");
  $("#forecast-chart").replaceChildren();
  const fq = query({ state: code, measure, period, horizon: 4, as_of: to });
  const [fc, al, chart] = await Promise.all([
    api(`/api/v1/forecast?${fq}`),
    api(`/api/v1/alerts?${query({ measure, as_of: to })}`),
    api(`/api/v1/forecast.svg?${fq}`),
  ]);
  if (app.selected !== code) return;
  $("#forecast-chart").innerHTML = chart;
  $("#outlook-note").textContent = t("fcNote")(fc);
  for (const f of fc.forecasts) {
    const tr = document.createElement("tr");
    cell(tr, f.period);
    cell(tr, f.mean.toFixed(1), "num");
    cell(tr, `${f.q10} – ${f.q90}`, "num");
    cell(tr, f.p_any.toFixed(2), "num");
    $("#forecast tbody").appendChild(tr);
  }
  const mine = al.alerts.filter((a) => a.state === code);
  for (const a of mine) {
    const li = document.createElement("li");
    li.textContent = t("alert")(a);
    $("#alerts").appendChild(li);
  }
  for (const n of al.notes) {
    const li = document.createElement("li");
    li.textContent = n;
    $("#alerts").appendChild(li);
  }
  if (!mine.length) {
    const li = document.createElement("li");
    li.textContent = t("noAlerts");
    $("#alerts").appendChild(li);
  }
}

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

async function loadEvents() {
  const { from, to } = range();
  // The events the map counts: imported rows and accepted news events.
  const page = await api(`/api/v1/events?${query({ state: app.selected, from, to, limit: 50, cursor: app.cursor, review: "counted" })}`);
  const body = $("#events tbody");
  for (const e of page.events) {
    const tr = document.createElement("tr");
    tr.dataset.id = e.id;
    cell(tr, e.date || "—");
    cell(tr, e.kind.replace(/_/g, " "));
    cell(tr, (e.actors || []).join(", "));
    cell(tr, e.measures && e.measures.fatalities !== undefined ? String(e.measures.fatalities) : "—", "num");
    const src = (e.sources || [])[0];
    cell(tr, src ? (src.quote || src.doc) : "—", "quote");
    const o = e.origin;
    cell(tr, `${o.format}: ${o.file}, ${t("row")} ${o.row}`, "origin");
    body.appendChild(tr);
  }
  app.shown += page.events.length;
  app.cursor = page.next_cursor;
  $("#more").hidden = !app.cursor;
  $("#events-caption").textContent = app.shown ? t("shown")(app.shown, !!app.cursor) : t("none");
}

// Groups named in the range, the most widespread first; the map shows the chosen one.
async function loadGroups() {
  const { from, to } = range();
  const r = await api(`/api/v1/territory?${query({ from, to })}`);
  const states = {};
  for (const c of r.cells) (states[c.group] = states[c.group] || new Set()).add(c.state);
  const groups = Object.keys(states).sort((a, b) => states[b].size - states[a].size || a.localeCompare(b));
  const sel = $("#group");
  const keep = sel.value;
  sel.replaceChildren();
  for (const g of groups) {
    const o = document.createElement("option");
    o.value = g;
    o.textContent = `${g} (${states[g].size})`;
    sel.appendChild(o);
  }
  if (groups.includes(keep)) sel.value = keep;
  $("#territory-empty").hidden = groups.length > 0;
  await drawTerritory();
}

function layer() {
  return document.querySelector("input[name=layer]:checked").value;
}

async function drawTerritory() {
  const group = $("#group").value;
  const box = $("#territory-map");
  const municipal = layer() === "municipal";
  $("#year-control").hidden = !municipal;
  $("#municipal-hint").hidden = true;
  $("#municipal-rows").hidden = true;
  if (!group) { box.replaceChildren(); return; }
  if (municipal) return drawMunicipal(group);
  const { from, to } = range();
  box.innerHTML = await api(`/api/v1/territory.svg?${query({ group, from, to, lang: app.lang })}`);
}

// The years in which the group's events name a municipality, newest last; kept per group.
async function presenceYears(group) {
  app.years = app.years || {};
  if (!app.years[group]) {
    const r = await api(`/api/v1/territory/presence?${query({ group, by: "municipality" })}`);
    app.years[group] = [...new Set(r.rows.map((p) => p.year))].sort((a, b) => a - b);
  }
  return app.years[group];
}

// One group's presence per municipality in one year (default: the last year with data).
async function drawMunicipal(group) {
  const box = $("#territory-map");
  const hint = $("#municipal-hint");
  const years = await presenceYears(group);
  const sel = $("#presence-year");
  const keep = Number(sel.value);
  sel.replaceChildren();
  for (const y of years) {
    const o = document.createElement("option");
    o.value = String(y);
    o.textContent = String(y);
    sel.appendChild(o);
  }
  if (!years.length) {
    box.replaceChildren();
    hint.textContent = t("noMunicipalYears")(group);
    hint.hidden = false;
    return;
  }
  sel.value = String(years.includes(keep) ? keep : years[years.length - 1]);
  const y = sel.value;
  const path = `/api/v1/territory/presence.svg?${query({ group, from: `${y}-01-01`, to: `${y}-12-31`, by: "municipality", lang: app.lang })}`;
  const r = await fetch(path);
  if (r.status === 404) {
    box.replaceChildren();
    hint.textContent = t("noMunicipalGeo");
    hint.hidden = false;
    return;
  }
  if (!r.ok) throw new Error((await r.json()).error || `HTTP ${r.status}`);
  box.innerHTML = await r.text();
  await listMunicipal(group, y);
}

// The map's numbers as a table, each with the events behind it: what a keyboard or
// screen-reader user reads instead of hovering, and where a number traces to its source.
async function listMunicipal(group, y) {
  const r = await api(`/api/v1/territory/presence?${query({ group, from: `${y}-01-01`, to: `${y}-12-31`, by: "municipality" })}`);
  const rows = r.rows.slice().sort((a, b) => b.score - a.score || a.municipality.localeCompare(b.municipality));
  const body = $("#municipal-rows tbody");
  body.replaceChildren();
  for (const p of rows) {
    const tr = document.createElement("tr");
    // The map's hover title starts with the municipality's name and state.
    const title = document.querySelector(`#territory-map path[data-cvegeo="${p.municipality}"] title`);
    const place = title ? title.textContent.split(":")[0] : `${p.municipality}, ${stateName(p.state)}`;
    cell(tr, `${place} (${p.municipality})`);
    cell(tr, String(Math.round(p.score * 100) / 100), "num");
    cell(tr, String(p.events), "num");
    // One id per line: OCVED's ids contain spaces.
    const ul = document.createElement("ul");
    for (const id of p.evidence) {
      const li = document.createElement("li");
      li.textContent = id;
      ul.appendChild(li);
    }
    cell(tr, "", "origin").appendChild(ul);
    body.appendChild(tr);
  }
  $("#municipal-rows summary").textContent = t("municipalRows")(rows.length, y);
  $("#municipal-rows").hidden = rows.length === 0;
}

// The conflict indicators of the period containing the range's last day: the level map
// and a table of the four indicators, sortable by any column.
const LEVEL_ORDER = { extreme: 3, high: 2, turbulent: 1, none: 0 };

async function loadIndicators() {
  const period = $("#ind-period").value;
  const { to } = range();
  const q = { period, from: to, to };
  const r = await api(`/api/v1/indicators?${query(q)}`);
  app.indicators = r;
  const label = period === "year" ? to.slice(0, 4) : to.slice(0, 7);
  if (!r.rows.length) {
    $("#ind-map").replaceChildren();
    $("#ind-table tbody").replaceChildren();
    $("#ind-caption").textContent = "";
    $("#ind-note").textContent = t("indNone")(label, r.first_period || "—", r.last_period || "—");
    return;
  }
  $("#ind-note").textContent = t("indThresholds")(r.thresholds);
  $("#ind-map").innerHTML = await api(`/api/v1/indicators.svg?${query({ period, at: to, lang: app.lang })}`);
  $("#ind-caption").textContent = t("indCaption")(r.rows[0].period);
  drawIndicatorRows();
}

function drawIndicatorRows() {
  const r = app.indicators;
  if (!r) return;
  const { key, dir } = app.indSort || { key: "level", dir: -1 };
  const value = (row) => key === "level" ? LEVEL_ORDER[row.level] * 10 + row.score
    : key === "state" ? stateName(row.state) : row[key];
  const rows = r.rows.slice().sort((a, b) => {
    const x = value(a), y = value(b);
    const c = typeof x === "string" ? x.localeCompare(y, app.lang) : x - y;
    return c * dir || a.state.localeCompare(b.state);
  });
  const body = $("#ind-table tbody");
  body.replaceChildren();
  for (const row of rows) {
    const tr = document.createElement("tr");
    tr.dataset.state = row.state;
    cell(tr, stateName(row.state));
    cell(tr, t("levels")[row.level] || row.level);
    cell(tr, row.deadliness.toLocaleString(app.lang), "num");
    cell(tr, String(row.danger), "num");
    cell(tr, `${(100 * row.diffusion).toFixed(1)} %`, "num");
    cell(tr, String(row.fragmentation), "num");
    body.appendChild(tr);
  }
  for (const th of document.querySelectorAll("#ind-table th")) {
    const b = th.querySelector("button.sort");
    th.setAttribute("aria-sort", b.dataset.sort !== key ? "none" : dir > 0 ? "ascending" : "descending");
  }
}

async function loadLedger() {
  const l = await api("/api/v1/ledger");
  const body = $("#ledger tbody");
  body.replaceChildren();
  for (const f of l.entries || []) {
    const tr = document.createElement("tr");
    cell(tr, f.measure.replace(/_/g, " "));
    cell(tr, `${f.value.toLocaleString(app.lang)} ${f.unit}`, "num");
    cell(tr, f.scope === "MX" ? "México" : stateName(f.scope));
    cell(tr, f.period || "—");
    const td = cell(tr, "");
    const ul = document.createElement("ul");
    for (const s of f.sources) {
      const li = document.createElement("li");
      li.textContent = `${s.doc} (${s.published}): “${s.quote}”`;
      ul.appendChild(li);
    }
    td.appendChild(ul);
    body.appendChild(tr);
  }
  if (!body.children.length) {
    const tr = document.createElement("tr");
    cell(tr, t("noFigures")).colSpan = 5;
    body.appendChild(tr);
  }
}

async function loadKingpins() {
  const k = await api("/api/v1/kingpins");
  const body = $("#kingpins tbody");
  body.replaceChildren();
  for (const i of k.interventions.slice().reverse()) {
    const tr = document.createElement("tr");
    cell(tr, i.date);
    cell(tr, i.event_type.replace(/_/g, " "));
    cell(tr, i.alias ? `${i.name} ("${i.alias}")` : i.name);
    cell(tr, i.actor || i.organization);
    cell(tr, [i.place, i.state ? stateName(i.state) : ""].filter(Boolean).join(", "));
    const td = cell(tr, "");
    if (/^https?:\/\//.test(i.source_url)) {
      const a = document.createElement("a");
      a.href = i.source_url;
      a.rel = "noopener noreferrer";
      a.textContent = new URL(i.source_url).hostname;
      td.appendChild(a);
    }
    const actor = i.actor || i.organization;
    const act = cell(tr, "");
    if (actor) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "impact";
      b.textContent = t("study");
      b.addEventListener("click", () => showImpact(actor, i.date, i.alias || i.name));
      act.appendChild(b);
    }
    body.appendChild(tr);
  }
}

// `treated`: the states the user chose (comma-separated codes), or null for the default
// rule (the kingpin list's base states, else where it happened, else the events rule).
async function showImpact(actor, date, who, treated = null) {
  const view = $("#impact-view");
  view.hidden = false;
  app.impact = { actor, date, who, treated, ran: [], choice: new Set() };
  $("#impact-heading").textContent = t("impactOf")(who, date);
  $("#impact-summary").textContent = t("loading");
  $("#impact-rule").textContent = "";
  $("#impact-choice").textContent = "";
  $("#impact-warnings").replaceChildren();
  $("#impact-chart").replaceChildren();
  $("#impact-map").replaceChildren();
  $("#impact-rerun").disabled = true;
  view.scrollIntoView();
  $("#impact-heading").focus();
  // The study measures what the map shows: events, fatalities or an official series.
  const measure = $("#measure").value;
  const params = { actor, date, measure, treated };
  try {
    const r = await api(`/api/v1/impact?${query(params)}`);
    if (app.impact.actor !== actor || app.impact.date !== date || app.impact.treated !== treated) return;
    $("#impact-summary").textContent = t("summary")(r);
    $("#impact-rule").textContent = t("rule")(r);
    for (const w of r.warnings || []) {
      const li = document.createElement("li");
      li.textContent = w;
      $("#impact-warnings").appendChild(li);
    }
    app.impact.ran = r.treated.slice();
    app.impact.choice = new Set(r.treated);
    await drawImpactMap(params);
    if (r.by_period.length) {
      $("#impact-chart").innerHTML = await api(`/api/v1/impact.svg?${query({ ...params, lang: app.lang })}`);
    }
  } catch (e) {
    $("#impact-summary").textContent = e.message;
  }
}

// The study's treated states, neighbours and controls; selecting a state adds it to, or
// removes it from, the treated group of the next run.
async function drawImpactMap(params) {
  const box = $("#impact-map");
  box.innerHTML = await api(`/api/v1/impact/map.svg?${query({ ...params, lang: app.lang })}`);
  for (const g of box.querySelectorAll(".state")) {
    const toggle = () => {
      const c = app.impact.choice;
      if (c.has(g.dataset.state)) c.delete(g.dataset.state); else c.add(g.dataset.state);
      showChoice();
    };
    g.addEventListener("click", toggle);
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); }
    });
  }
  showChoice();
}

function showChoice() {
  const c = app.impact.choice;
  for (const g of document.querySelectorAll("#impact-map .state")) {
    g.setAttribute("aria-pressed", c.has(g.dataset.state) ? "true" : "false");
  }
  const chosen = [...c].sort();
  $("#impact-choice").textContent = t("choice")(chosen.map(stateName));
  const same = chosen.join(",") === app.impact.ran.slice().sort().join(",");
  $("#impact-rerun").disabled = chosen.length === 0 || same;
  $("#impact-reset").disabled = app.impact.treated === null;
}

async function start() {
  translate();
  const [states, stats] = await Promise.all([api("/api/v1/states"), api("/api/v1/stats")]);
  for (const s of states.states) app.states[s.code] = s;
  const sel = $("#measure");
  for (const m of ["events", "fatalities", ...Object.keys(stats.indicators || {})]) {
    const o = document.createElement("option");
    o.value = m;
    o.textContent = m.replace(/_/g, " ");
    sel.appendChild(o);
  }
  // The default range: the last twelve months the database holds.
  const last = stats.last_date || new Date().toISOString().slice(0, 10);
  const first = new Date(last + "T00:00:00Z");
  first.setUTCFullYear(first.getUTCFullYear() - 1);
  first.setUTCDate(first.getUTCDate() + 1);
  $("#from").value = first.toISOString().slice(0, 10);
  $("#to").value = last;
  if (stats.first_date) $("#from").min = $("#to").min = stats.first_date;
  translate();
  $("#controls").addEventListener("submit", (e) => {
    e.preventDefault();
    drawMap().then(() => app.selected && selectState(app.selected)).then(loadGroups).then(loadIndicators)
      .then(() => app.impact && showImpact(app.impact.actor, app.impact.date, app.impact.who, app.impact.treated))
      .catch((err) => setStatus(err.message, true));
  });
  $("#group").addEventListener("change", () => drawTerritory().catch((err) => setStatus(err.message, true)));
  for (const r of document.querySelectorAll("input[name=layer]")) {
    r.addEventListener("change", () => drawTerritory().catch((err) => setStatus(err.message, true)));
  }
  $("#presence-year").addEventListener("change", () => drawTerritory().catch((err) => setStatus(err.message, true)));
  $("#lang").addEventListener("click", () => {
    app.lang = app.lang === "en" ? "es" : "en";
    translate();
    if (app.selected) $("#state-heading").textContent = stateName(app.selected);
    if (app.impact) showImpact(app.impact.actor, app.impact.date, app.impact.who, app.impact.treated);
    drawMap().then(() => app.selected && selectState(app.selected)).then(loadKingpins).then(drawTerritory).then(loadIndicators).then(loadLedger)
      .catch((err) => setStatus(err.message, true));
  });
  $("#more").addEventListener("click", () => loadEvents().catch((err) => setStatus(err.message, true)));
  $("#ind-period").addEventListener("change", () => loadIndicators().catch((err) => setStatus(err.message, true)));
  for (const b of document.querySelectorAll("#ind-table button.sort")) {
    b.addEventListener("click", () => {
      const cur = app.indSort || { key: "level", dir: -1 };
      // A new column starts with its largest values (names from A); the same column flips.
      const dir = cur.key === b.dataset.sort ? -cur.dir : b.dataset.sort === "state" ? 1 : -1;
      app.indSort = { key: b.dataset.sort, dir };
      drawIndicatorRows();
    });
  }
  $("#impact-rerun").addEventListener("click", () => {
    const i = app.impact;
    showImpact(i.actor, i.date, i.who, [...i.choice].sort().join(","));
  });
  $("#impact-reset").addEventListener("click", () => {
    const i = app.impact;
    showImpact(i.actor, i.date, i.who, null);
  });
  await drawMap();
  await loadKingpins();
  await loadGroups();
  await loadIndicators();
  await loadLedger();
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", () => start().catch((e) => setStatus(e.message, true)));
