/* newsgraph dashboard: charts (plotly.js from the installed plotly package), the network
 * layout, the map, and the article view's interactions.
 *
 * Rules: data never becomes HTML. Text goes into the page with textContent only; labels
 * handed to plotly (which understands a few tags) are escaped first with esc().
 */
"use strict";

(function () {
  const QUAD = {
    "1": { name: "1 verbal cooperation", color: "#4c9a2a" },
    "2": { name: "2 material cooperation", color: "#1d7a6e" },
    "3": { name: "3 verbal conflict", color: "#e08e0b" },
    "4": { name: "4 material conflict", color: "#c0392b" },
    "unknown": { name: "unknown", color: "#9aa5b1" },
  };
  const PLOT_CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["sendDataToCloud"] };

  function esc(s) {
    return String(s == null ? "" : s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function message(el, text) {
    el.textContent = "";
    const p = document.createElement("p");
    p.className = "chart-message";
    p.textContent = text;
    el.appendChild(p);
    el.dataset.state = "message";
  }

  function haveplotly(el) {
    if (window.Plotly) return true;
    message(el, "Charts need the plotly package installed on the server (pip install plotly).");
    return false;
  }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!r.ok) {
      let detail = r.statusText;
      try { detail = (await r.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new Error(r.status + " " + detail);
    }
    return r.json();
  }

  function cell(tr, text, cls) {
    const td = document.createElement("td");
    if (cls) td.className = cls;
    td.textContent = text == null ? "" : String(text);
    tr.appendChild(td);
    return td;
  }

  function linkCell(tr, text, href) {
    const td = document.createElement("td");
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text == null ? "" : String(text);
    td.appendChild(a);
    tr.appendChild(td);
    return td;
  }

  function actorHref(id) { return "/actors/" + encodeURIComponent(id).replace(/%3A/g, ":"); }

  function done(el) { el.dataset.state = "ready"; el.classList.add("ready"); }

  /* ------------------------------------------------------------------ timeline */

  async function timeline(el) {
    if (!haveplotly(el)) return;
    let data;
    try { data = await getJSON(el.dataset.src); } catch (e) { message(el, "Could not load the timeline: " + e.message); return; }
    const x = data.series.map((s) => s.period);
    if (!x.length) { message(el, "No dated events or quotes for this selection."); done(el); return; }
    const traces = data.keys.map((k) => ({
      type: "bar", name: (QUAD[k] || { name: k }).name, x: x,
      y: data.series.map((s) => s.counts[k] || 0),
      marker: { color: (QUAD[k] || {}).color },
      hovertemplate: "%{x}<br>" + esc((QUAD[k] || { name: k }).name) + ": %{y}<extra></extra>",
    }));
    traces.push({
      type: "scatter", mode: "lines+markers", name: "quotes", x: x, y: data.series.map((s) => s.quotes),
      line: { color: "#1f3a5f", dash: "dot", width: 2 }, marker: { size: 5 },
      hovertemplate: "%{x}<br>quotes: %{y}<extra></extra>",
    });
    traces.push({
      type: "scatter", mode: "lines+markers", name: "mean Goldstein", x: x, yaxis: "y2", connectgaps: false,
      y: data.series.map((s) => s.goldstein_mean), line: { color: "#6b3fa0", width: 2 }, marker: { size: 6 },
      hovertemplate: "%{x}<br>mean Goldstein: %{y:.2f}<extra></extra>",
    });
    const layout = {
      barmode: "stack", margin: { l: 50, r: 60, t: 20, b: 50 }, legend: { orientation: "h", y: -0.18 },
      xaxis: { type: "category", title: { text: data.interval === "week" ? "week starting" : data.interval } },
      yaxis: { title: { text: "events / quotes" }, rangemode: "tozero" },
      yaxis2: { title: { text: "Goldstein" }, overlaying: "y", side: "right", range: [-10, 10], tickvals: [-10, -5, 0, 5, 10], zeroline: false, showgrid: false },
    };
    await Plotly.newPlot(el, traces, layout, PLOT_CONFIG);
    done(el);
  }

  /* ------------------------------------------------------------------ network */

  function layoutGraph(nodes, edges, width, height) {
    // Fruchterman-Reingold, deterministic: start on a circle (nodes sorted by weight)
    const n = nodes.length;
    const idx = new Map(nodes.map((d, i) => [d.id, i]));
    const pos = nodes.map((_, i) => {
      const a = (2 * Math.PI * i) / Math.max(n, 1);
      const r = 0.35 + 0.1 * ((i * 7) % 5) / 5;
      return [0.5 + r * Math.cos(a), 0.5 + r * Math.sin(a)];
    });
    if (n < 2) return pos.map(() => [0.5, 0.5]);
    const k = Math.sqrt(1 / n) * 0.9;
    let t = 0.1;
    const links = edges.map((e) => [idx.get(e.source), idx.get(e.target), Math.log2(1 + e.weight)]);
    for (let it = 0; it < 300; it++) {
      const disp = pos.map(() => [0, 0]);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
          let d = Math.sqrt(dx * dx + dy * dy) || 1e-4;
          const f = (k * k) / d;
          dx /= d; dy /= d;
          disp[i][0] += dx * f; disp[i][1] += dy * f;
          disp[j][0] -= dx * f; disp[j][1] -= dy * f;
        }
      }
      for (const [a, b, w] of links) {
        if (a === undefined || b === undefined) continue;
        let dx = pos[a][0] - pos[b][0], dy = pos[a][1] - pos[b][1];
        const d = Math.sqrt(dx * dx + dy * dy) || 1e-4;
        const f = ((d * d) / k) * (0.6 + 0.2 * w);
        dx /= d; dy /= d;
        disp[a][0] -= dx * f; disp[a][1] -= dy * f;
        disp[b][0] += dx * f; disp[b][1] += dy * f;
      }
      for (let i = 0; i < n; i++) {
        // gravity keeps disconnected pieces on screen
        disp[i][0] += (0.5 - pos[i][0]) * k * 2; disp[i][1] += (0.5 - pos[i][1]) * k * 2;
        const d = Math.sqrt(disp[i][0] ** 2 + disp[i][1] ** 2) || 1e-4;
        const step = Math.min(d, t);
        pos[i][0] += (disp[i][0] / d) * step; pos[i][1] += (disp[i][1] / d) * step;
      }
      t *= 0.985;
    }
    return pos;
  }

  // scale a layout into the frame, leaving room for the labels: a label is centred on its node,
  // so nodes keep a margin of about half the longest label's width on each side (labels are never cut)
  const LABEL_MAX = 22;
  function shortLabel(name) {
    const s = String(name || "");
    return s.length > LABEL_MAX ? s.slice(0, LABEL_MAX - 1) + "\u2026" : s;
  }
  function fitToFrame(pos, widthPx) {
    if (!pos.length) return pos;
    // the frame spans the bulk of the nodes (5th to 95th percentile); a far-off small component is
    // pulled to the edge instead of squeezing everyone else into a corner
    const q = (arr, f) => { const v = arr.slice().sort((a, b) => a - b); return v[Math.round(f * (v.length - 1))]; };
    const xs = pos.map((p) => p[0]), ys = pos.map((p) => p[1]);
    const lo = pos.length > 12 ? 0.05 : 0, hi = 1 - lo;
    const x0 = q(xs, lo), x1 = q(xs, hi), y0 = q(ys, lo), y1 = q(ys, hi);
    const clamp = (v) => Math.max(0, Math.min(1, v));
    const half = Math.min(0.3, (LABEL_MAX * 3.6) / Math.max(widthPx, 200));  // ~7 px per character, halved
    const fx = (v) => (x1 > x0 ? half + clamp((v - x0) / (x1 - x0)) * (1 - 2 * half) : 0.5);
    const fy = (v) => (y1 > y0 ? 0.04 + clamp((v - y0) / (y1 - y0)) * 0.86 : 0.5);
    return pos.map((p) => [fx(p[0]), fy(p[1])]);
  }

  function goldsteinColor(g) {
    if (g == null) return "#9aa5b1";
    if (g <= -5) return "#c0392b";
    if (g < 0) return "#e08e0b";
    if (g < 3) return "#6fa84f";
    return "#1d7a6e";
  }

  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#ff7f0e"];
  function colorFor(key) {
    let h = 0;
    for (const c of String(key || "")) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return PALETTE[h % PALETTE.length];
  }

  // generic agents ("people", "officials": an agent noun with no country; a country's unnamed agents,
  // ids "agent:KGZ:GOV"; actors known only by a code, "code:KGZ"; no id) say little about who acts
  // (read.is_generic on the server); they are left out unless asked for, with the edges that touch
  // them and nodes left without edges
  function isGeneric(n) {
    const id = String(n.id || "");
    return !id || id.startsWith("agent:") || id.startsWith("code:") ||
      (n.kind === "group" && (!n.country || groupNoun(id, n.name)));
  }
  // a group named by a common noun only ("authorities", "police"), whatever country it carries
  function groupNoun(id, name) {
    if (!id.startsWith("group:")) return false;
    if (!name) return !id.slice(6).includes("_");
    const w = String(name).split(/\s+/).filter(Boolean);
    return w.length > 0 && (w.every((x) => x === x.toLowerCase()) || (w.length === 1 && w[0] !== w[0].toUpperCase()));
  }
  function pruneNetwork(data, show, keepGeneric) {
    const drop = new Set(keepGeneric ? [] : data.nodes.filter(isGeneric).map((n) => n.id));
    const edges = data.edges.filter((e) => !drop.has(e.source) && !drop.has(e.target) &&
      (show === "events" ? e.events > 0 : show === "quotes" ? e.quotes > 0 : true));
    const used = new Set(edges.flatMap((e) => [e.source, e.target]));
    return Object.assign({}, data, { edges: edges, nodes: data.nodes.filter((n) => used.has(n.id)) });
  }

  async function network(el) {
    let data;
    try { data = await getJSON(el.dataset.src); } catch (e) { message(el, "Could not load the network: " + e.message); return; }
    data = pruneNetwork(data, el.dataset.show || "all", el.dataset.generic === "1");
    const tbody = document.querySelector("#edge-table tbody");
    const names = new Map(data.nodes.map((n) => [n.id, n.name || n.id]));
    if (tbody) {
      for (const e of data.edges.slice(0, 50)) {
        const tr = document.createElement("tr");
        linkCell(tr, names.get(e.source), actorHref(e.source));
        linkCell(tr, names.get(e.target), actorHref(e.target));
        cell(tr, e.events, "num"); cell(tr, e.quotes, "num");
        cell(tr, e.goldstein_mean == null ? "" : e.goldstein_mean.toFixed(2), "num");
        tbody.appendChild(tr);
      }
    }
    if (!data.nodes.length) { message(el, "No links between resolved actors in this period."); done(el); return; }
    if (!haveplotly(el)) return;
    const pos = fitToFrame(layoutGraph(data.nodes, data.edges), el.clientWidth || 800);
    const at = new Map(data.nodes.map((n, i) => [n.id, pos[i]]));
    const maxw = Math.max(...data.edges.map((e) => e.weight), 1);
    const traces = data.edges.map((e) => {
      const a = at.get(e.source), b = at.get(e.target);
      const color = e.events ? goldsteinColor(e.goldstein_mean) : "#b8c2cc";
      return {
        type: "scatter", mode: "lines", x: [a[0], b[0]], y: [a[1], b[1]], hoverinfo: "skip", showlegend: false,
        line: { width: 1 + (6 * e.weight) / maxw, color: color },
      };
    });
    // arrowheads: a marker two thirds along each edge
    traces.push({
      type: "scatter", mode: "markers", showlegend: false, hoverinfo: "text",
      x: data.edges.map((e) => at.get(e.source)[0] * 0.33 + at.get(e.target)[0] * 0.67),
      y: data.edges.map((e) => at.get(e.source)[1] * 0.33 + at.get(e.target)[1] * 0.67),
      text: data.edges.map((e) => esc(names.get(e.source)) + " → " + esc(names.get(e.target)) +
        "<br>events " + e.events + ", quotes " + e.quotes +
        (e.goldstein_mean == null ? "" : "<br>mean Goldstein " + e.goldstein_mean.toFixed(2))),
      marker: { symbol: "triangle-up", size: 7, color: "#44505c", opacity: 0.6,
        angle: data.edges.map((e) => {
          const a = at.get(e.source), b = at.get(e.target);
          return 90 - (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
        }) },
    });
    const maxn = Math.max(...data.nodes.map((n) => n.weight_in + n.weight_out), 1);
    traces.push({
      type: "scatter", mode: "markers+text", showlegend: false,
      x: pos.map((p) => p[0]), y: pos.map((p) => p[1]),
      text: data.nodes.map((n) => esc(shortLabel(n.name || n.id))), textposition: "top center", cliponaxis: false,
      customdata: data.nodes.map((n) => n.id),
      hovertext: data.nodes.map((n) => esc(n.name || n.id) + "<br>" + esc(n.code || n.country || "") +
        "<br>out " + n.weight_out + ", in " + n.weight_in),
      hoverinfo: "text",
      marker: { size: data.nodes.map((n) => 10 + (26 * (n.weight_in + n.weight_out)) / maxn),
        color: data.nodes.map((n) => colorFor(n.country)), line: { color: "#fff", width: 1.5 } },
    });
    const axis = { visible: false, range: [0, 1], fixedrange: false };
    await Plotly.newPlot(el, traces, { margin: { l: 4, r: 4, t: 24, b: 4 }, xaxis: axis, yaxis: axis,
      hovermode: "closest", dragmode: "pan" }, PLOT_CONFIG);
    el.on("plotly_click", (ev) => {
      const p = ev.points && ev.points[0];
      if (p && p.customdata) window.location.href = actorHref(p.customdata);
    });
    done(el);
  }

  /* ------------------------------------------------------------------ map */

  function outlines(world) {
    const x = [], y = [];
    for (const c of world.countries) {
      for (const poly of c.polygons) {
        for (const ring of poly) {
          for (const p of ring) { x.push(p[0]); y.push(p[1]); }
          x.push(null); y.push(null);
        }
      }
    }
    return { x, y };
  }

  function dominant(byQuad) {
    let best = "unknown", n = -1;
    for (const [k, v] of Object.entries(byQuad || {})) if (v > n) { best = k; n = v; }
    return best;
  }

  async function worldMap(el) {
    let points, world;
    try {
      [points, world] = await Promise.all([getJSON(el.dataset.src), getJSON(el.dataset.geo)]);
    } catch (e) { message(el, "Could not load the map: " + e.message); return; }
    const items = points.items;
    const tbody = document.querySelector("#location-table tbody");
    if (tbody) {
      for (const p of items) {
        const tr = document.createElement("tr");
        if (p.geonameid) linkCell(tr, p.name, "/places/" + encodeURIComponent(p.geonameid));
        else cell(tr, p.name);
        cell(tr, p.country); cell(tr, p.events, "num");
        cell(tr, p.goldstein_mean == null ? "" : p.goldstein_mean.toFixed(2), "num"); cell(tr, p.precision);
        tbody.appendChild(tr);
      }
    }
    if (!haveplotly(el)) return;
    const traces = [];
    if (world.available) {
      const o = outlines(world);
      traces.push({ type: "scatter", mode: "lines", x: o.x, y: o.y, hoverinfo: "skip", showlegend: false,
        line: { color: "#9aa5b1", width: 0.7 } });
    }
    const maxe = Math.max(...items.map((p) => p.events), 1);
    const coarse = (p) => p.precision === "country" || p.precision === "region";
    const note = document.getElementById("map-hollow-note");  // the caption's hollow-circle sentence
    if (note) note.hidden = !items.some(coarse);
    for (const exact of [true, false]) {
      const sel = items.filter((p) => !coarse(p) === exact);
      if (!sel.length) continue;
      traces.push({
        type: "scatter", mode: "markers", name: exact ? "located events" : "known only to the region or country",
        x: sel.map((p) => p.longitude), y: sel.map((p) => p.latitude),
        customdata: sel.map((p) => (p.geonameid ? "/events?geonameid=" + p.geonameid : "/events?country=" + encodeURIComponent(p.country || ""))),
        text: sel.map((p) => esc(p.name) + " (" + esc(p.country || "") + ")<br>" + p.events + " events" +
          (p.goldstein_mean == null ? "" : "<br>mean Goldstein " + p.goldstein_mean.toFixed(2))),
        hoverinfo: "text",
        marker: {
          size: sel.map((p) => 8 + 30 * Math.sqrt(p.events / maxe)),
          color: exact ? sel.map((p) => (QUAD[dominant(p.by_quad_class)] || QUAD.unknown).color) : "rgba(0,0,0,0)",
          opacity: 0.75,
          line: { width: exact ? 1 : 2.5, color: exact ? "#fff" : sel.map((p) => (QUAD[dominant(p.by_quad_class)] || QUAD.unknown).color) },
        },
      });
    }
    let xr = [-180, 180], yr = [-60, 85];
    if (items.length) {
      const xs = items.map((p) => p.longitude), ys = items.map((p) => p.latitude);
      const pad = 12;
      xr = [Math.max(-180, Math.min(...xs) - pad * 1.6), Math.min(180, Math.max(...xs) + pad * 1.6)];
      yr = [Math.max(-85, Math.min(...ys) - pad), Math.min(85, Math.max(...ys) + pad)];
    }
    const layout = {
      margin: { l: 40, r: 10, t: 10, b: 30 }, hovermode: "closest", dragmode: "pan",
      xaxis: { range: xr, zeroline: false, dtick: 10, gridcolor: "#eef1f4", title: { text: "longitude" } },
      yaxis: { range: yr, zeroline: false, dtick: 10, gridcolor: "#eef1f4", scaleanchor: "x", scaleratio: 1.25 },
      legend: { orientation: "h", y: -0.08 }, plot_bgcolor: "#f4f8fb",
    };
    await Plotly.newPlot(el, traces, layout, Object.assign({ scrollZoom: true }, PLOT_CONFIG));
    el.on("plotly_click", (ev) => {
      const p = ev.points && ev.points[0];
      if (p && typeof p.customdata === "string") window.location.href = p.customdata;
    });
    if (!items.length) {
      const note = document.createElement("p");
      note.className = "chart-message";
      note.textContent = "No events with a known location for this selection.";
      el.parentNode.insertBefore(note, el);
    }
    done(el);
  }

  /* ------------------------------------------------------------------ article view */

  function articleView() {
    const text = document.getElementById("article-text");
    if (!text) return;
    const toggle = document.getElementById("toggle-entities");
    const apply = () => text.classList.toggle("show-entities", !toggle || toggle.checked);
    if (toggle) toggle.addEventListener("change", apply);
    apply();
    for (const [attr, sel] of [["quote", ".side-quote"], ["event", ".side-event"]]) {
      for (const li of document.querySelectorAll(sel)) {
        const id = li.dataset[attr];
        const spans = () => text.querySelectorAll("[data-" + attr + '="' + CSS.escape(id) + '"]');
        li.addEventListener("mouseenter", () => spans().forEach((s) => s.classList.add("hover")));
        li.addEventListener("mouseleave", () => spans().forEach((s) => s.classList.remove("hover")));
      }
    }
    const focus = text.querySelector(".focus");
    if (focus) focus.scrollIntoView({ block: "center" });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const jobs = [];
    const t = document.getElementById("timeline-chart");
    if (t) jobs.push(timeline(t));
    const n = document.getElementById("network-chart");
    if (n) jobs.push(network(n));
    const m = document.getElementById("map-chart");
    if (m) jobs.push(worldMap(m));
    articleView();
    Promise.allSettled(jobs).then(() => { document.body.dataset.ready = "1"; });
  });
})();
