// dangjian web page: search, document view, park profile, comparison. No build step, no CDN.
"use strict";

const view = document.getElementById("view");
const LABELS = { PARK: "园区", ORG: "组织", PERSON: "人物", FIGURE: "数据", PRACTICE: "做法" };
const CATEGORIES = { organization: "组织建设", industry: "产业发展", service: "服务", governance: "治理",
  talent: "人才", education: "教育", platform: "平台", brand: "品牌", other: "其他" };
const FACET_NAMES = { park: "园区", province: "省份", year: "年份", outlet: "媒体" };
const QUALIFIERS = { approx: "约", at_least: "≥", more_than: ">", less_than: "<", up_to: "≤", exact: "" };
const COLORS = ["#b91c1c", "#1d4ed8", "#047857", "#b45309", "#7c3aed", "#0e7490", "#be185d", "#4b5563"];

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ detail: `HTTP ${r.status}` }));
  if (!r.ok) throw new Error(body.detail || `HTTP ${r.status}`);
  return body;
}

function showError(err) {
  view.innerHTML = `<div class="error" role="alert">${esc(err.message || err)}</div>`;
}

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = raw.split("?");
  return { parts: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

function go(path, params) {
  const q = params ? params.toString() : "";
  location.hash = "#/" + path + (q ? "?" + q : "");
}

function fmtValue(cell) {
  if (!cell) return "";
  return (QUALIFIERS[cell.qualifier] || "") + cell.value;
}

// -- search ----------------------------------------------------------------------

async function renderSearch(params) {
  const q = params.get("q") || "";
  const kind = params.get("kind") || "document";
  document.getElementById("q").value = q;
  document.getElementById("kind").value = kind;
  const limit = 10, offset = Number(params.get("offset") || 0);
  const query = new URLSearchParams({ q, kind, limit, offset });
  for (const f of ["park", "province", "year", "outlet"]) if (params.get(f)) query.set(f, params.get(f));
  view.innerHTML = `<p class="muted">搜索中…</p>`;
  const page = await api("/search?" + query);
  const facets = Object.entries(page.facets || {}).map(([name, counts]) => {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 12);
    if (!entries.length) return "";
    return `<h3>${esc(FACET_NAMES[name] || name)}</h3><ul>` + entries.map(([value, n]) => {
      const p = new URLSearchParams(params); p.delete("offset");
      const on = params.get(name) === value;
      on ? p.delete(name) : p.set(name, value);
      return `<li><a class="${on ? "on" : ""}" href="#/search?${esc(p)}" data-facet="${esc(name)}">
        <span>${esc(value)}</span><span class="count">${n}</span></a></li>`;
    }).join("") + "</ul>";
  }).join("");
  const items = page.items.map(item => {
    if (item.type === "document") {
      const src = item.source || {};
      return `<article class="card hit">
        <h2><a href="#/doc/${encodeURIComponent(item.doc_id)}">${esc(item.title || item.doc_id)}</a></h2>
        <div class="meta">${esc(src.outlet || "")} ${esc(src.published || "")}
          ${item.parks.map(p => `<a class="tag" href="#/park/${encodeURIComponent(p)}">${esc(p)}</a>`).join("")}</div>
        ${item.snippets.map(s => `<p class="snippet">…${s.html}…</p>`).join("")}
      </article>`;
    }
    const link = `#/doc/${encodeURIComponent(item.doc_id)}?span=${item.span ? item.span.join("-") : ""}`;
    if (item.type === "practice") {
      return `<article class="card hit"><h2><a href="#/practice/${encodeURIComponent(item.id)}">${esc(item.name)}</a>
        <span class="tag">${esc(CATEGORIES[item.category] || item.category)}</span></h2>
        <div class="meta">${esc(item.park)} · <a href="${link}">${esc(item.title || "原文")}</a></div>
        <p class="snippet">${esc(item.text)}</p></article>`;
    }
    return `<article class="card hit"><h2>${esc(item.metric)}：${esc((QUALIFIERS[item.qualifier] || "") + item.value)} ${esc(item.unit)}</h2>
      <div class="meta">${esc(item.park)} · <a href="${link}">${esc(item.title || "原文")}</a></div>
      <p class="snippet">${esc(item.text)}</p></article>`;
  }).join("");
  const prev = new URLSearchParams(params), next = new URLSearchParams(params);
  prev.set("offset", Math.max(0, offset - limit)); next.set("offset", offset + limit);
  view.innerHTML = `<div class="layout">
    <aside class="facets card">${facets || '<p class="muted">无分面</p>'}</aside>
    <section>
      <p class="muted" id="total">共 ${page.total} 条结果</p>
      ${items || '<p class="card">没有找到结果。</p>'}
      <div class="pager">
        ${offset > 0 ? `<a href="#/search?${esc(prev)}">上一页</a>` : ""}
        ${offset + limit < page.total ? `<a href="#/search?${esc(next)}">下一页</a>` : ""}
      </div>
    </section></div>`;
}

// -- document --------------------------------------------------------------------

function renderAnnotated(text, annotations) {
  // practices are the outer layer; the other labels never cross a practice boundary
  const outer = annotations.filter(a => a.label === "PRACTICE");
  const inner = annotations.filter(a => a.label !== "PRACTICE");
  const mark = a => `<mark class="ent ent-${a.label}" data-start="${a.start}" data-end="${a.end}" title="${esc(LABELS[a.label])}">`;
  function flat(from, to) {
    let html = "", pos = from;
    for (const a of inner) {
      if (a.start < from || a.end > to || a.start < pos) continue;
      html += esc(text.slice(pos, a.start)) + mark(a) + esc(text.slice(a.start, a.end))
        + `<span class="ent-label">${esc(LABELS[a.label])}</span></mark>`;
      pos = a.end;
    }
    return html + esc(text.slice(pos, to));
  }
  let html = "", pos = 0;
  for (const o of outer) {
    if (o.start < pos) continue;
    html += flat(pos, o.start) + mark(o) + flat(o.start, o.end)
      + `<span class="ent-label">${esc(LABELS.PRACTICE)}</span></mark>`;
    pos = o.end;
  }
  return html + flat(pos, text.length);
}

function listItems(title, items, fmt) {
  if (!items.length) return "";
  return `<h3>${esc(title)}（${items.length}）</h3><ul>${items.map(i => `<li>${fmt(i)}</li>`).join("")}</ul>`;
}

async function renderDocument(docId, params) {
  const doc = await api(`/documents/${encodeURIComponent(docId)}`);
  const src = doc.source || {};
  const legend = Object.entries(LABELS).map(([k, v]) => `<span class="ent ent-${k}">${esc(v)}</span>`).join("");
  view.innerHTML = `<div class="layout">
    <aside class="card items">
      ${listItems("园区", doc.parks, p => `<a href="#/park/${encodeURIComponent(p.name)}">${esc(p.name)}</a>`)}
      ${listItems("组织", doc.organizations, o => esc(o.name))}
      ${listItems("人物", doc.people, p => `${esc(p.name)} <span class="muted">${esc((p.roles || []).join("、"))}</span>`)}
      ${listItems("数据", doc.figures, f => `${esc(f.metric)}：${esc((QUALIFIERS[f.qualifier] || "") + f.value)}${esc(f.unit)}`)}
      ${listItems("做法", doc.practices, p => esc(p.name))}
    </aside>
    <article class="card">
      <h1>${esc(src.title || doc.doc_id)}</h1>
      <div class="meta">${esc(src.outlet || "")} ${esc(src.published || "")} ${esc((src.authors || []).join("、"))}
        · doc_id ${esc(doc.doc_id)}</div>
      <p class="legend">${legend}</p>
      <div class="doc-text" id="doc-text">${renderAnnotated(doc.text, doc.annotations)}</div>
    </article></div>`;
  const span = (params.get("span") || "").split("-").map(Number);
  if (span.length === 2 && span.every(n => Number.isFinite(n))) {
    const el = [...view.querySelectorAll("mark.ent")].find(m => Number(m.dataset.start) <= span[0] && Number(m.dataset.end) >= span[1])
      || [...view.querySelectorAll("mark.ent")].find(m => Number(m.dataset.start) >= span[0]);
    if (el) { el.classList.add("focus"); el.scrollIntoView({ block: "center" }); }
  }
}

// -- parks -----------------------------------------------------------------------

async function renderParks() {
  const page = await api("/parks?limit=1000");
  view.innerHTML = `<section class="card"><h1>园区（${page.total}）</h1><table><thead><tr>
    <th>园区</th><th>别名</th><th>地区</th><th>报道</th></tr></thead><tbody>
    ${page.items.map(p => `<tr><td><a href="#/park/${encodeURIComponent(p.id)}">${esc(p.name)}</a></td>
      <td>${esc(p.aliases.join("、"))}</td><td>${esc(p.province + p.city)}</td><td class="num">${p.documents}</td></tr>`).join("")}
    </tbody></table></section>`;
}

async function renderPark(parkId) {
  const p = await api(`/parks/${encodeURIComponent(parkId)}`);
  const figures = p.figures.map(g => `<tr><td>${esc(g.metric)}</td><td>${g.items.map(f =>
    `<a href="#/doc/${encodeURIComponent(f.doc_id)}?span=${f.span ? f.span.join("-") : ""}">${esc((QUALIFIERS[f.qualifier] || "") + f.value)}${esc(f.unit)}</a>`).join("；")}</td></tr>`).join("");
  view.innerHTML = `<section class="card"><h1>${esc(p.name)}</h1>
      <div class="meta">${esc(p.region)} ${p.aliases.length ? "· 又称 " + esc(p.aliases.join("、")) : ""} · ${p.documents} 篇报道
      · <a href="#/compare?park=${encodeURIComponent(p.id)}">与其他园区对比</a>
      · <a class="download" href="/figures?format=csv&park=${encodeURIComponent(p.name)}" download>数据 CSV</a></div></section>
    <div class="layout"><aside class="card items">
      ${listItems("报道", p.document_list, d => `<a href="#/doc/${encodeURIComponent(d.doc_id)}">${esc(d.title || d.doc_id)}</a>`)}
      ${listItems("组织", p.organizations, o => esc(o.name))}
      ${listItems("人物", p.people, x => `${esc(x.name)} <span class="muted">${esc((x.roles || []).join("、"))}</span>`)}
    </aside><section>
      <div class="card items">${listItems("做法", p.practices, x =>
        `<a href="#/practice/${encodeURIComponent(x.id)}">${esc(x.name)}</a> <span class="tag">${esc(CATEGORIES[x.category] || x.category)}</span>`)}</div>
      <div class="card"><h3>数据</h3><table><tbody>${figures || '<tr><td class="muted">无</td></tr>'}</tbody></table></div>
    </section></div>`;
}

async function renderPractice(id) {
  const p = await api(`/practices/${encodeURIComponent(id)}`);
  view.innerHTML = `<section class="card"><h1>${esc(p.name)} <span class="tag">${esc(CATEGORIES[p.category] || p.category)}</span></h1>
    <div class="meta"><a href="#/park/${encodeURIComponent(p.park)}">${esc(p.park)}</a> ·
      <a href="#/doc/${encodeURIComponent(p.doc_id)}?span=${p.span ? p.span.join("-") : ""}">${esc(p.title || "原文")}</a></div>
    ${p.components.length ? `<p>组成：${p.components.map(c => `<span class="tag">${esc(c)}</span>`).join("")}</p>` : ""}
    <blockquote>${esc(p.text)}</blockquote></section>
    <section class="card"><h3>其他园区的相似做法</h3><ul>${p.similar.map(s =>
      `<li><a href="#/practice/${encodeURIComponent(s.id)}">${esc(s.name)}</a> — ${esc(s.park)} <span class="count">${s.score.toFixed(2)}</span></li>`).join("") || "<li class=muted>无</li>"}</ul></section>`;
}

// -- compare ---------------------------------------------------------------------

function barChart(row, parks) {
  const values = row.cells.map(c => (c && typeof c.value === "number") ? c.value : null);
  const max = Math.max(...values.filter(v => v !== null), 0);
  if (!max) return "";
  const barH = 18, gap = 6, labelW = 120, width = 460, h = parks.length * (barH + gap);
  const bars = parks.map((p, i) => {
    const v = values[i], y = i * (barH + gap);
    const w = v === null ? 0 : Math.max(2, (v / max) * (width - labelW - 80));
    return `<text x="0" y="${y + 13}">${esc(p.name.slice(0, 9))}</text>
      <rect x="${labelW}" y="${y}" width="${w}" height="${barH}" fill="${COLORS[i % COLORS.length]}" rx="2"></rect>
      <text x="${labelW + w + 4}" y="${y + 13}">${v === null ? "未报告" : esc(fmtValue(row.cells[i]) + row.unit)}</text>`;
  }).join("");
  return `<svg class="chart" role="img" aria-label="${esc(row.metric)}" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}">${bars}</svg>`;
}

async function renderCompare(params) {
  const chosen = params.getAll("park");
  const all = await api("/parks?limit=1000");
  const picker = all.items.map(p => `<label><input type="checkbox" name="park" value="${esc(p.id)}"
    ${chosen.includes(p.id) || chosen.includes(p.name) ? "checked" : ""}> ${esc(p.name)}</label>`).join("");
  view.innerHTML = `<section class="card"><h1>园区对比</h1>
    <form id="compare-form" class="picker">${picker}<br><button class="primary" type="submit">对比</button></form></section>
    <div id="compare-result"></div>`;
  document.getElementById("compare-form").addEventListener("submit", ev => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const box of ev.target.querySelectorAll("input[name=park]:checked")) p.append("park", box.value);
    go("compare", p);
  });
  if (chosen.length < 1) return;
  const q = new URLSearchParams(); chosen.forEach(c => q.append("park", c));
  const out = document.getElementById("compare-result");
  let cmp;
  try { cmp = await api("/compare?" + q); } catch (err) {
    out.innerHTML = `<div class="error" role="alert">${esc(err.message)}</div>`; return;
  }
  const head = `<tr><th></th>${cmp.parks.map(p => `<th><a href="#/park/${encodeURIComponent(p.id)}">${esc(p.name)}</a></th>`).join("")}</tr>`;
  const practices = cmp.categories.map(row => `<tr><th>${esc(CATEGORIES[row.category] || row.category)}</th>${row.cells.map(cell =>
    `<td>${cell.map(x => `<a href="#/practice/${encodeURIComponent(x.id)}">${esc(x.name)}</a>`).join("<br>")}</td>`).join("")}</tr>`).join("");
  const structure = `<tr><th>层级</th>${cmp.structure.map(s => `<td>${s.levels ? s.levels + " 级" : "—"}
      ${s.level_phrases.map(l => `<span class="tag">${esc(l.phrase)}</span>`).join("")}</td>`).join("")}</tr>
    <tr><th>单元</th>${cmp.structure.map(s => `<td>${s.units.map(u => `<span class="tag">${esc(u.unit)}</span>`).join("")}</td>`).join("")}</tr>
    <tr><th>链条</th>${cmp.structure.map(s => `<td>${s.chains.map(c => esc(c.chain.join(" → "))).join("<br>")}</td>`).join("")}</tr>`;
  const figures = cmp.figures.map(row => `<tr><th>${esc(row.metric)}（${esc(row.unit)}）</th>${row.cells.map(c => c
    ? `<td class="num"><a href="#/doc/${encodeURIComponent(c.doc_id)}?span=${c.span ? c.span.join("-") : ""}" title="${esc(c.text)}">${esc(fmtValue(c))}</a></td>`
    : `<td class="missing">—</td>`).join("")}</tr>`).join("");
  const charts = cmp.figures.filter(r => r.cells.filter(Boolean).length >= 2)
    .map(r => `<h4>${esc(r.metric)}（${esc(r.unit)}）</h4>${barChart(r, cmp.parks)}`).join("");
  const downloads = cmp.parks.map(p => `${esc(p.name)}：${["csv", "xlsx", "jsonl"].map(f =>
    `<a class="download" href="/figures?format=${f}&park=${encodeURIComponent(p.name)}" download>${f.toUpperCase()}</a>`).join("")}`).join("　");
  out.innerHTML = `<section class="card"><h2>做法（按类别）</h2><table id="practice-table">${head}${practices}</table></section>
    <section class="card"><h2>组织架构</h2><table>${head}${structure}</table></section>
    <section class="card"><h2>数据对齐</h2><table id="figure-table">${head}${figures || "<tr><td>无</td></tr>"}</table>
      <p>${downloads}</p></section>
    <section class="card" id="charts"><h2>图表</h2>${charts || '<p class="muted">没有两个以上园区共同报告的数据。</p>'}</section>`;
}

// -- router ----------------------------------------------------------------------

async function route() {
  const { parts, params } = parseHash();
  try {
    if (parts[0] === "doc" && parts[1]) await renderDocument(parts[1], params);
    else if (parts[0] === "parks") await renderParks();
    else if (parts[0] === "park" && parts[1]) await renderPark(parts[1]);
    else if (parts[0] === "practice" && parts[1]) await renderPractice(parts[1]);
    else if (parts[0] === "compare") await renderCompare(params);
    else await renderSearch(params);
  } catch (err) { showError(err); }
}

document.getElementById("search-form").addEventListener("submit", ev => {
  ev.preventDefault();
  go("search", new URLSearchParams({ q: document.getElementById("q").value, kind: document.getElementById("kind").value }));
});

// links from exports: /documents/ID#span=s-e redirects here as /?doc=ID#span=s-e
(function entry() {
  const doc = new URLSearchParams(location.search).get("doc");
  if (doc) {
    const span = (location.hash.match(/span=(\d+-\d+)/) || [])[1];
    history.replaceState(null, "", "/#/doc/" + encodeURIComponent(doc) + (span ? "?span=" + span : ""));
  }
})();
window.addEventListener("hashchange", route);
route();
