"use strict";
// The strikewatch desk. Every text that comes from a document or an event is put on the page with
// textContent (never innerHTML), and the server's Content-Security-Policy allows no inline script.

const TYPES = {
  "Explosions/Remote violence": "#c0392b",
  "Battles": "#2471a3",
  "Violence against civilians": "#7d3c98",
  "Protests": "#1e8449",
  "Riots": "#b9770e",
  "Strategic developments": "#566573",
  "Unknown": "#999999",
};
const FILTERS = ["from", "to", "country", "admin1", "event_type", "sub_event_type", "actor", "certainty",
  "review_status", "q"];
const state = { me: null, cursor: null, loaded: 0, basemap: null, brushing: null, days: [] };
const form = document.getElementById("filter-form");

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, options = {}) {
  const headers = { Accept: "application/json", ...(options.headers || {}) };
  if (options.method && options.method !== "GET" && state.me && state.me.csrf) headers["X-CSRF-Token"] = state.me.csrf;
  if (options.body && typeof options.body !== "string") {
    headers["Content-Type"] = "application/json";
    options = { ...options, body: JSON.stringify(options.body) };
  }
  const response = await fetch(path, { ...options, headers, credentials: "same-origin" });
  if (response.status === 401) { location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search); throw new Error("sign in"); }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

// -- filters and shareable URLs -------------------------------------------------------------------
function filterParams(withView = true) {
  const params = new URLSearchParams();
  const data = new FormData(form);
  for (const name of FILTERS) { const v = (data.get(name) || "").trim(); if (v) params.set(name, v); }
  if (withView && document.getElementById("onscreen").checked) params.set("bbox", viewBox());
  return params;
}

function viewBox() {
  const b = map.getBounds();
  const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v));
  return [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)]
    .map((v) => v.toFixed(4)).join(",");
}

function saveUrl() {
  const params = filterParams(false);
  if (document.getElementById("onscreen").checked) params.set("onscreen", "1");
  const c = map.getCenter();
  params.set("z", map.getZoom()); params.set("lat", c.lat.toFixed(4)); params.set("lon", c.lng.toFixed(4));
  const path = state.openEvent ? "/events/" + encodeURIComponent(state.openEvent) : "/";
  history.replaceState(null, "", path + "?" + params.toString());
  document.getElementById("share").value = location.href;
  const exportParams = filterParams(true);
  document.getElementById("export-csv").href = "/api/v1/events/export?format=csv&" + exportParams;
  document.getElementById("export-geojson").href = "/api/v1/events/export?format=geojson&" + exportParams;
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) if (params.has(name)) form.elements[name].value = params.get(name);
  document.getElementById("onscreen").checked = params.get("onscreen") === "1";
  return params;
}

// -- map ------------------------------------------------------------------------------------------
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 16, preferCanvas: false }).setView([30, 30], 3);
const dataLayer = L.layerGroup().addTo(map);

function colour(type) { return TYPES[type] || TYPES.Unknown; }

async function drawBasemap() {
  state.basemap = await api("/api/v1/basemap");
  L.geoJSON(state.basemap.countries, { style: { color: "#8a8a8a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 }, interactive: false }).addTo(map);
  L.geoJSON(state.basemap.admin1, { style: { color: "#a0a0a0", weight: 0.6, dashArray: "3", fill: false }, interactive: false }).addTo(map);
}

function drawLegend(counts) {
  const legend = document.getElementById("legend");
  legend.replaceChildren(el("strong", {}, "Event types"));
  for (const [type, hex] of Object.entries(TYPES)) {
    const n = counts[type] || 0;
    if (!n && type === "Unknown") continue;
    const swatch = el("span", { class: "swatch" }); swatch.style.background = hex;
    legend.append(el("div", {}, swatch, `${type} (${n})`));
  }
}

async function loadMap() {
  const params = filterParams(false);
  params.set("bbox", viewBox()); params.set("zoom", map.getZoom());
  const data = await api("/api/v1/map?" + params);
  dataLayer.clearLayers();
  const counts = {};
  state.mapData = data;
  for (const cell of data.cells) {
    const [top] = Object.entries(cell.types).sort((a, b) => b[1] - a[1]);
    for (const [t, n] of Object.entries(cell.types)) counts[t] = (counts[t] || 0) + n;
    const radius = 5 + Math.min(15, 1.5 * Math.log2(cell.count + 1));  // cells are 48 px apart: no overlap
    const marker = L.circleMarker([cell.lat, cell.lon], { radius, color: "#fff", weight: 1, fillColor: colour(top[0]), fillOpacity: 0.85 });
    marker.bindTooltip(`${cell.count} events`);
    marker.on("click", () => map.setView([cell.lat, cell.lon], Math.min(map.getZoom() + 2, 16)));
    marker.addTo(dataLayer);
  }
  for (const point of data.points) {
    const type = point.event_type || "Unknown";
    counts[type] = (counts[type] || 0) + 1;
    const marker = L.circleMarker([point.lat, point.lon], { radius: 6, color: "#fff", weight: 1, fillColor: colour(type), fillOpacity: 0.9, className: "event-point" });
    marker.bindTooltip(`${point.date || "undated"} · ${point.location || ""} · ${point.sub_event_type || type}`);
    marker.on("click", () => openEvent(point.id));
    marker.addTo(dataLayer);
  }
  drawLegend(counts);
  document.getElementById("map").dataset.ready = "1";
}

function fitToEvents() {
  // First visit without a view in the URL: show where the events are.
  const data = state.mapData;
  const spots = [...data.cells, ...data.points].map((p) => [p.lat, p.lon]);
  if (spots.length) map.fitBounds(L.latLngBounds(spots).pad(0.3), { maxZoom: 7 });
}

// -- timeline with brushing -----------------------------------------------------------------------
const svg = document.getElementById("timeline-svg");
const SVGNS = "http://www.w3.org/2000/svg";

async function loadTimeline() {
  const params = filterParams(true);
  params.delete("from"); params.delete("to");  // the timeline shows the whole span; the brush picks from it
  const data = await api("/api/v1/stats?interval=day&" + params);
  const series = data.series.all || [];
  state.days = series;
  const width = svg.clientWidth || 800, height = 90;
  svg.replaceChildren();
  if (!series.length) return;
  const first = Date.parse(series[0][0]), last = Date.parse(series[series.length - 1][0]);
  const span = Math.max(1, (last - first) / 86400000 + 1);
  const max = Math.max(...series.map((s) => s[1]));
  state.timeScale = { first, span, width };
  const barWidth = Math.max(2, width / span - 0.5);
  for (const [day, n] of series) {
    const x = ((Date.parse(day) - first) / 86400000) * (width / span);
    const h = Math.max(1, (n / max) * (height - 16));
    const bar = document.createElementNS(SVGNS, "rect");
    bar.setAttribute("x", x); bar.setAttribute("y", height - h); bar.setAttribute("width", barWidth); bar.setAttribute("height", h);
    bar.setAttribute("fill", "#2471a3"); bar.setAttribute("class", "bar");
    svg.append(bar);
  }
  const from = form.elements.from.value, to = form.elements.to.value;
  if (from || to) {
    const a = from ? xOf(from) : 0, b = to ? xOf(to) + width / span : width;
    svg.append(brushRect(a, b));
  }
  document.getElementById("timeline-label").textContent = `${series[0][0]} – ${series[series.length - 1][0]}, drag to pick dates`;
}

function xOf(day) { const t = state.timeScale; return ((Date.parse(day) - t.first) / 86400000) * (t.width / t.span); }
function dayOf(x) {
  const t = state.timeScale;
  const ms = t.first + Math.floor((x / t.width) * t.span) * 86400000;
  return new Date(Math.max(t.first, Math.min(ms, t.first + (t.span - 1) * 86400000))).toISOString().slice(0, 10);
}
function brushRect(a, b) {
  const rect = document.createElementNS(SVGNS, "rect");
  rect.setAttribute("x", Math.min(a, b)); rect.setAttribute("width", Math.max(2, Math.abs(b - a)));
  rect.setAttribute("y", 0); rect.setAttribute("height", 90); rect.setAttribute("fill", "rgba(241,196,15,.35)");
  rect.setAttribute("id", "brush");
  return rect;
}
svg.addEventListener("mousedown", (e) => { if (!state.timeScale) return; state.brushing = e.offsetX; document.getElementById("brush")?.remove(); });
svg.addEventListener("mousemove", (e) => {
  if (state.brushing === null) return;
  document.getElementById("brush")?.remove(); svg.append(brushRect(state.brushing, e.offsetX));
});
svg.addEventListener("mouseup", (e) => {
  if (state.brushing === null) return;
  const a = Math.min(state.brushing, e.offsetX), b = Math.max(state.brushing, e.offsetX);
  state.brushing = null;
  if (b - a < 3) { form.elements.from.value = ""; form.elements.to.value = ""; }
  else { form.elements.from.value = dayOf(a); form.elements.to.value = dayOf(b); }
  refresh();
});

// -- table ----------------------------------------------------------------------------------------
function eventRow(event) {
  return el("tr", { "data-id": event.id, onclick: () => openEvent(event.id) },
    el("td", {}, event.date_start || ""), el("td", {}, event.sub_event_type || event.event_type || ""),
    el("td", {}, event.actor1 || ""), el("td", {}, event.location || ""), el("td", {}, event.admin1 || ""),
    el("td", {}, event.fatalities ?? ""), el("td", {}, event.certainty || ""), el("td", {}, event.review_status));
}

async function loadTable(append = false) {
  const params = filterParams(true);
  params.set("limit", "100");
  if (append && state.cursor) params.set("cursor", state.cursor);
  const data = await api("/api/v1/events?" + params);
  const body = document.querySelector("#events tbody");
  if (!append) body.replaceChildren();
  for (const event of data.events) body.append(eventRow(event));
  state.cursor = data.next;
  document.getElementById("total").textContent = data.total;
  document.getElementById("more").hidden = !data.next;
}

async function refresh() {
  // the timeline is drawn again too: it shows the brushed span over the whole period
  saveUrl();
  await Promise.all([loadMap(), loadTable(), loadTimeline()]).catch(showError);
}

function showError(error) { console.error(error); const box = document.getElementById("total"); box.textContent = "error: " + error.message; }

// -- event detail ---------------------------------------------------------------------------------
function highlighted(text, event) {
  // Split the text at every span boundary; each piece is a text node, wrapped in <mark> when a field's
  // evidence covers it and in .sentence when it lies in the event's sentence.
  const spans = Object.entries(event.evidence_spans || {}).map(([field, s]) => ({ field, start: s.start, end: s.end }));
  const sentence = event.evidence || null;
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  if (sentence) { cuts.add(sentence.start); cuts.add(sentence.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const box = el("div", { class: "doc-text", id: "doc-text" });
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const fields = spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.field);
    let node = document.createTextNode(piece);
    if (fields.length) { node = el("mark", { "data-fields": fields.join(" "), title: fields.join(", ") }, piece); }
    if (sentence && sentence.start <= a && sentence.end >= b) node = el("span", { class: "sentence" }, node);
    box.append(node);
  }
  return box;
}

const EDITABLE = ["event_type", "sub_event_type", "date_start", "date_end", "actor1", "actor2", "location", "admin1",
  "country", "lat", "lon", "fatalities", "fatalities_max", "certainty", "attribution"];
const NUMBERS = new Set(["lat", "lon", "fatalities", "fatalities_max"]);

function editForm(event) {
  const formNode = el("form", { class: "edit-form", id: "edit-form" });
  for (const name of EDITABLE) {
    const input = el("input", { name, value: event[name] ?? "" });
    formNode.append(el("label", { for: "edit-" + name }, name), input);
    input.id = "edit-" + name;
  }
  const reason = el("input", { name: "reason", id: "edit-reason", required: "required", placeholder: "why (required)" });
  formNode.append(el("label", { for: "edit-reason" }, "reason"), reason);
  const message = el("span", { class: "error", id: "edit-error" });
  formNode.append(el("button", { type: "submit" }, "Save correction"), message);
  formNode.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { reason: reason.value };
    for (const name of EDITABLE) {
      const raw = formNode.elements[name].value.trim();
      const before = event[name] ?? "";
      if (raw === String(before)) continue;
      body[name] = raw === "" ? null : NUMBERS.has(name) ? Number(raw) : raw;
    }
    try { await api("/api/v1/events/" + encodeURIComponent(event.id), { method: "PATCH", body }); openEvent(event.id); loadTable(); }
    catch (error) { message.textContent = error.message; }
  });
  return formNode;
}

function historyList(entries) {
  const list = el("ol", { class: "history", id: "history" });
  for (const entry of entries) {
    const changes = Object.keys(entry.new).map((k) => `${k}: ${JSON.stringify(entry.old[k] ?? null)} → ${JSON.stringify(entry.new[k])}`).join("; ");
    const item = el("li", { class: "audit-entry" }, `${entry.at} ${entry.who} ${entry.action}: ${changes}`,
      entry.reason ? ` (reason: ${entry.reason})` : "", entry.undone_by ? ` [undone by #${entry.undone_by}]` : "");
    if (state.me.can_edit && !entry.undone_by && entry.action !== "undo") {
      item.append(" ", el("button", { type: "button", onclick: async () => {
        try { await api(`/api/v1/edits/${entry.id}/undo`, { method: "POST", body: {} }); openEvent(state.openEvent); }
        catch (error) { alert(error.message); }
      } }, "Undo"));
    }
    list.append(item);
  }
  return list;
}

function reviewButtons(event) {
  const next = { machine: ["reviewed", "rejected"], reviewed: ["verified", "rejected"], verified: ["rejected"], rejected: [] }[event.review_status] || [];
  const box = el("div", { class: "buttons" }, `Review: ${event.review_status}`);
  if (!state.me.can_edit) return box;
  for (const status of next) {
    box.append(el("button", { type: "button", "data-review": status, onclick: async () => {
      try { await api(`/api/v1/events/${encodeURIComponent(event.id)}/review`, { method: "POST", body: { status } }); openEvent(event.id); loadTable(); }
      catch (error) { alert(error.message); }
    } }, status));
  }
  return box;
}

async function openEvent(id) {
  state.openEvent = id;
  saveUrl();
  const event = await api("/api/v1/events/" + encodeURIComponent(id)).catch((error) => { showError(error); return null; });
  if (!event) return;
  const body = document.getElementById("detail-body");
  const doc = event.document;
  const fields = el("dl", { class: "fields" });
  for (const name of ["date_start", "date_end", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "country", "lat", "lon", "fatalities", "fatalities_max", "weapons", "certainty", "attribution", "incident_id"]) {
    const value = Array.isArray(event[name]) ? event[name].join(", ") : event[name];
    const dd = el("dd", {}, value ?? "—");
    if (name === "incident_id" && value) dd.replaceChildren(el("a", { href: "#", onclick: (e) => { e.preventDefault(); openIncident(value); } }, value));
    if ((event.edited_fields || []).includes(name)) dd.append(" (edited)");
    fields.append(el("dt", {}, name), dd);
  }
  const title = doc ? doc.title || doc.ref : event.id;
  const source = doc && doc.url ? el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, doc.url) : el("span", {}, doc ? doc.url_text || "" : "");
  body.replaceChildren(
    el("h2", { id: "detail-title" }, title),
    el("p", {}, doc && doc.published ? `published ${doc.published} · ` : "", source),
    fields,
    reviewButtons(event),
    el("h3", {}, "Source document (evidence highlighted)"),
    doc ? highlighted(doc.text, event) : el("p", {}, event.notes || "no document"),
  );
  if (state.me.can_edit) body.append(el("h3", {}, "Correct this event"), editForm(event));
  body.append(el("h3", {}, "History"), historyList(event.history));
  document.getElementById("detail").hidden = false;
  document.querySelector("#doc-text mark, #doc-text .sentence")?.scrollIntoView({ block: "center" });
}

async function openIncident(id) {
  const incident = await api("/api/v1/incidents/" + encodeURIComponent(id));
  const body = document.getElementById("detail-body");
  const list = el("table", { id: "incident-reports" }, el("tr", {}, el("th", {}, ""), el("th", {}, "Date"), el("th", {}, "Report"), el("th", {}, "Killed")));
  for (const event of incident.events) {
    list.append(el("tr", {}, el("td", {}, el("input", { type: "checkbox", value: event.id })),
      el("td", {}, event.date_start || ""), el("td", { onclick: () => openEvent(event.id) }, event.document_title || event.document || event.id),
      el("td", {}, event.fatalities ?? "")));
  }
  const reason = el("input", { placeholder: "reason (required)", id: "incident-reason" });
  const other = el("input", { placeholder: "incident id to merge in", id: "merge-id" });
  const message = el("span", { class: "error" });
  const act = async (path, payload) => {
    try { const entry = await api(path, { method: "POST", body: payload }); openIncident(entry.target_id || id); }
    catch (error) { message.textContent = error.message; }
  };
  body.replaceChildren(el("h2", {}, `Incident ${incident.id}`),
    el("p", {}, `${incident.date_start} – ${incident.date_end} · ${incident.location || ""} · ${incident.grade} · ${incident.reports} reports, ${incident.sources} sources · killed ${incident.fatalities_min ?? "?"}–${incident.fatalities_max ?? "?"}`),
    list);
  if (state.me.can_edit) {
    body.append(reason,
      el("button", { type: "button", onclick: () => act(`/api/v1/incidents/${encodeURIComponent(id)}/split`, { event_ids: [...list.querySelectorAll("input:checked")].map((c) => c.value), reason: reason.value }) }, "Split checked off"),
      other, el("button", { type: "button", onclick: () => act("/api/v1/incidents/merge", { ids: [id, other.value.trim()], reason: reason.value }) }, "Merge"), message);
  }
  body.append(el("h3", {}, "History"), historyList(incident.history));
  document.getElementById("detail").hidden = false;
}

// -- review queue ---------------------------------------------------------------------------------
async function loadQueue() {
  const data = await api("/api/v1/events?review_status=machine&limit=200");
  const body = document.querySelector("#queue tbody");
  body.replaceChildren();
  for (const event of data.events) {
    body.append(el("tr", { onclick: () => openEvent(event.id) }, el("td", {}, event.date_start || ""),
      el("td", {}, event.sub_event_type || ""), el("td", {}, event.location || ""),
      el("td", {}, (event.evidence && event.evidence.text || "").slice(0, 160)), el("td", {}, "open")));
  }
}

// -- map image with legend ------------------------------------------------------------------------
function mapImage() {
  const size = map.getSize();
  const canvas = document.createElement("canvas");
  canvas.width = size.x; canvas.height = size.y + 0;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#cfe3f0"; ctx.fillRect(0, 0, size.x, size.y);
  const drawRings = (geometry) => {
    const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    for (const poly of polys) for (const ring of poly) {
      ctx.beginPath();
      ring.forEach(([lon, lat], i) => { const p = map.latLngToContainerPoint([lat, lon]); i ? ctx.lineTo(p.x, p.y) : ctx.moveTo(p.x, p.y); });
      ctx.closePath(); ctx.fill(); ctx.stroke();
    }
  };
  ctx.fillStyle = "#f4f1ea"; ctx.strokeStyle = "#8a8a8a"; ctx.lineWidth = 0.8;
  for (const f of state.basemap.countries.features) drawRings(f.geometry);
  ctx.fillStyle = "rgba(0,0,0,0)"; ctx.strokeStyle = "#a0a0a0";
  for (const f of state.basemap.admin1.features) drawRings(f.geometry);
  const counts = {};
  const dot = (lat, lon, r, type) => {
    const p = map.latLngToContainerPoint([lat, lon]);
    ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, 2 * Math.PI); ctx.fillStyle = colour(type); ctx.fill();
    ctx.strokeStyle = "#fff"; ctx.stroke();
  };
  for (const cell of state.mapData.cells) {
    const [top] = Object.entries(cell.types).sort((a, b) => b[1] - a[1]);
    for (const [t, n] of Object.entries(cell.types)) counts[t] = (counts[t] || 0) + n;
    dot(cell.lat, cell.lon, 5 + Math.min(15, 1.5 * Math.log2(cell.count + 1)), top[0]);
  }
  for (const p of state.mapData.points) { counts[p.event_type || "Unknown"] = (counts[p.event_type || "Unknown"] || 0) + 1; dot(p.lat, p.lon, 6, p.event_type); }
  const entries = Object.entries(TYPES).filter(([t]) => counts[t]);
  ctx.fillStyle = "rgba(255,255,255,.92)"; ctx.fillRect(size.x - 250, 8, 242, 22 + 18 * entries.length);
  ctx.fillStyle = "#222"; ctx.font = "bold 12px sans-serif"; ctx.fillText("Event types", size.x - 240, 24);
  ctx.font = "12px sans-serif";
  entries.forEach(([t, hex], i) => {
    ctx.fillStyle = hex; ctx.beginPath(); ctx.arc(size.x - 234, 38 + 18 * i, 5, 0, 2 * Math.PI); ctx.fill();
    ctx.fillStyle = "#222"; ctx.fillText(`${t} (${counts[t]})`, size.x - 224, 42 + 18 * i);
  });
  ctx.fillText("Basemap: Natural Earth; admin-1: OCHA", 8, size.y - 8);
  canvas.toBlob((blob) => {
    const link = el("a", { download: "strikewatch-map.png", href: URL.createObjectURL(blob), id: "map-image-link" });
    document.body.append(link); link.click(); setTimeout(() => link.remove(), 1000);
  }, "image/png");
}

// -- start ----------------------------------------------------------------------------------------
function showView(name) {
  for (const tab of document.querySelectorAll(".tab")) tab.classList.toggle("active", tab.dataset.view === name);
  document.getElementById("map-view").hidden = name !== "map";
  document.getElementById("queue-view").hidden = name !== "queue";
  if (name === "queue") loadQueue().catch(showError);
  else map.invalidateSize();
}

async function start() {
  state.me = await api("/api/v1/me");
  document.getElementById("who").textContent = `${state.me.name} · ${state.me.role}`;
  document.getElementById("logout").hidden = state.me.via !== "session";
  const select = form.elements.event_type;
  for (const type of Object.keys(TYPES)) if (type !== "Unknown") select.append(el("option", {}, type));
  const params = readUrl();
  const match = location.pathname.match(/^\/events\/(.+)$/);
  const incident = location.pathname.match(/^\/incidents\/(.+)$/);
  if (match) state.openEvent = decodeURIComponent(match[1]);  // keep the event's URL while the map loads
  if (params.has("z")) map.setView([Number(params.get("lat")), Number(params.get("lon"))], Number(params.get("z")));
  await drawBasemap();
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  document.getElementById("clear").addEventListener("click", () => { form.reset(); refresh(); });
  document.getElementById("onscreen").addEventListener("change", () => refresh());
  document.getElementById("more").addEventListener("click", () => loadTable(true).catch(showError));
  document.getElementById("map-image").addEventListener("click", mapImage);
  document.getElementById("close-detail").addEventListener("click", () => { document.getElementById("detail").hidden = true; state.openEvent = null; saveUrl(); });
  for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => showView(tab.dataset.view));
  map.on("moveend", () => { saveUrl(); loadMap().catch(showError); if (document.getElementById("onscreen").checked) { loadTable().catch(showError); loadTimeline().catch(showError); } });
  await refresh();
  if (!params.has("z")) fitToEvents();
  if (match) await openEvent(state.openEvent);
  if (incident) await openIncident(decodeURIComponent(incident[1]));
  document.body.dataset.ready = "1";
}

start().catch(showError);
