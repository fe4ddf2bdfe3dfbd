/* The studio page: plain JavaScript, no build step. Text from the server is always
   inserted as text (never as HTML). Pictures are fetched with the bearer token and
   shown from blob URLs. */
"use strict";
(function () {
  const $ = (sel) => document.querySelector(sel);
  const S = {
    token: sessionStorage.getItem("foulard.token"),
    me: JSON.parse(sessionStorage.getItem("foulard.me") || "null"),
    lang: localStorage.getItem("foulard.lang") || ((navigator.language || "en").startsWith("zh") ? "zh" : "en"),
    design: null, kind: "plain", colourway: "", streamNext: 0, streamBusy: false, judged: {},
  };

  function t(key) {
    const d = window.FOULARD_I18N[S.lang] || window.FOULARD_I18N.en;
    return d[key] !== undefined ? d[key] : (window.FOULARD_I18N.en[key] || key);
  }
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (k === "style") Object.assign(e.style, v); // CSSOM: allowed by the page's CSP
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    return e;
  }
  function applyLang() {
    document.documentElement.lang = S.lang === "zh" ? "zh-CN" : "en";
    $("#lang").textContent = S.lang === "zh" ? "EN" : "中文";
    document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((n) => { n.placeholder = t(n.dataset.i18nPlaceholder); });
  }
  function toast(msg, bad) {
    const b = $("#toast");
    b.textContent = msg; b.className = "toast" + (bad ? " bad" : ""); b.hidden = false;
    clearTimeout(toast.timer); toast.timer = setTimeout(() => { b.hidden = true; }, bad ? 6000 : 3000);
  }

  async function api(path, opts) {
    opts = opts || {};
    const headers = Object.assign({}, opts.headers || {});
    if (S.token) headers.Authorization = "Bearer " + S.token;
    if (opts.json !== undefined) { headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(opts.json); }
    const r = await fetch(path, { method: opts.method || (opts.body ? "POST" : "GET"), headers, body: opts.body });
    if (r.status === 401 && path !== "/api/login") { logout(); throw new Error(t("login")); }
    if (!r.ok) {
      let msg = r.status + " " + r.statusText;
      try { const j = await r.json(); if (j.detail) msg = typeof j.detail === "string" ? j.detail : JSON.stringify(j.detail); } catch (e) { /* not JSON */ }
      const err = new Error(msg); err.status = r.status; throw err;
    }
    return opts.blob ? r.blob() : r.json();
  }
  const blobs = new Map();
  async function picture(img, url) {
    img.dataset.src = url;
    try {
      let u = blobs.get(url);
      if (!u) { u = URL.createObjectURL(await api(url, { blob: true })); blobs.set(url, u); }
      if (img.dataset.src === url) img.src = u;
    } catch (e) { img.alt = e.message; }
  }
  const lazy = new IntersectionObserver((entries) => {
    for (const en of entries) if (en.isIntersecting) { lazy.unobserve(en.target); picture(en.target, en.target.dataset.want); }
  }, { rootMargin: "300px" });
  function lazyPicture(img, url) { img.dataset.want = url; lazy.observe(img); }

  // -- views ------------------------------------------------------------------------
  function show(name) {
    document.querySelectorAll(".view").forEach((v) => { v.hidden = v.id !== "view-" + name; });
    document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("on", a.getAttribute("href") === "#/" + name));
  }
  function route() {
    if (!S.token) { show("login"); $("#nav").hidden = true; $("#logout").hidden = true; $("#who").textContent = ""; return; }
    $("#nav").hidden = false; $("#logout").hidden = false;
    $("#who").textContent = S.me ? S.me.person + " · " + S.me.role : "";
    $("#nav-library").hidden = !(S.me && S.me.role !== "customer");
    const parts = (location.hash || "#/create").slice(2).split("/");
    const view = parts[0] || "create";
    if (view === "design" && /^[0-9a-f]{64}$/.test(parts[1] || "")) { show("design"); openDesign(parts[1]); }
    else if (view === "stream") { show("stream"); if (!$("#stream").children.length) loadStream(); }
    else if (view === "library") { show("library"); if (!$("#library").children.length) browseLibrary(); }
    else if (view === "mine") { show("mine"); loadMine(); }
    else show("create");
  }
  function logout() {
    if (S.token) fetch("/api/logout", { method: "POST", headers: { Authorization: "Bearer " + S.token } }).catch(() => {});
    S.token = null; S.me = null; sessionStorage.clear(); blobs.clear();
    $("#results").replaceChildren(); $("#stream").replaceChildren(); $("#library").replaceChildren(); $("#intent").hidden = true;
    S.streamNext = 0; location.hash = "#/login"; route();
  }

  function tile(d, opts) {
    const img = el("img", { alt: d.title || "", loading: "lazy" });
    const cap = el("div", { class: "cap" }, el("div", { class: "t", text: d.title || d.design_id.slice(0, 12) }));
    if (d.explanation) cap.append(el("div", { class: "e", text: d.explanation }));
    if (opts && opts.votes) {
      const up = el("button", { type: "button", title: t("like"), text: "♥" });
      const down = el("button", { type: "button", title: t("dislike"), text: "✕" });
      const vote = async (liked) => {
        try { await api("/api/designs/" + d.design_id + "/judge", { json: { liked } }); S.judged[d.design_id] = liked;
          up.classList.toggle("on", liked); down.classList.toggle("on", !liked); toast(t("liked")); } catch (e) { toast(e.message, true); }
      };
      up.addEventListener("click", () => vote(true)); down.addEventListener("click", () => vote(false));
      cap.append(el("div", { class: "votes" }, up, down, el("span", { class: "muted", text: "No. " + d.n })));
    }
    const node = el("div", { class: "tile", "data-design": d.design_id }, el("a", { class: "pic", href: "#/design/" + d.design_id }, img), cap);
    lazyPicture(img, d.preview + "?px=" + ((opts && opts.px) || 384));
    return node;
  }

  // -- create -------------------------------------------------------------------------
  async function runPrompt(ev) {
    ev.preventDefault();
    const text = $("#prompt").value.trim();
    if (!text) return;
    const go = $("#prompt-go"); go.disabled = true; go.textContent = t("designing");
    try {
      const res = await api("/api/prompt", { json: { text, count: parseInt($("#prompt-count").value, 10) } });
      const box = $("#intent"); box.hidden = false;
      const it = res.intent;
      const list = el("ul");
      for (const i of it.ignored || []) list.append(el("li", { text: t("not_used") + ": " + i.text + (i.reason ? " (" + i.reason + ")" : "") }));
      for (const u of it.unavailable || []) list.append(el("li", { text: t("unavailable") + ": " + u.text }));
      for (const n of (res.notes || [])) list.append(el("li", { text: n }));
      box.replaceChildren(el("div", { class: "understood" }, t("understood") + ": ", el("span", { id: "intent-summary", text: it.summary })), list);
      $("#results").replaceChildren(...res.designs.map((d) => tile(d)));
    } catch (e) { toast(e.message, true); }
    finally { go.disabled = false; go.textContent = t("design_it"); }
  }

  // -- stream -------------------------------------------------------------------------
  async function loadStream() {
    if (S.streamBusy || S.streamNext === null) return;
    S.streamBusy = true;
    try {
      const res = await api("/api/stream?start=" + S.streamNext + "&count=12");
      $("#stream").append(...res.designs.map((d) => tile(d, { votes: true, px: 256 })));
      S.streamNext = res.next;
      $("#stream-more").textContent = res.next === null ? t("end") : t("loading");
    } catch (e) { toast(e.message, true); S.streamNext = null; }
    finally { S.streamBusy = false; }
    // the sentinel may still be in sight (a tall screen): keep filling
    const r = $("#stream-more").getBoundingClientRect();
    if (S.streamNext !== null && !$("#view-stream").hidden && r.top < window.innerHeight + 600) setTimeout(loadStream, 50);
  }
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && !$("#view-stream").hidden) loadStream();
  }, { rootMargin: "600px" }).observe($("#stream-more"));

  // -- design -------------------------------------------------------------------------
  async function openDesign(id) {
    $("#d-title").textContent = ""; $("#d-id").textContent = id; $("#controls").replaceChildren();
    $("#inks").replaceChildren(); $("#colourways").replaceChildren(); $("#job").hidden = true; $("#big").removeAttribute("src");
    S.colourway = ""; S.kind = "plain";
    document.querySelectorAll("#preview-tabs button").forEach((b) => b.classList.toggle("on", b.dataset.kind === "plain"));
    let d;
    try { d = await api("/api/designs/" + id); } catch (e) {
      $("#d-title").textContent = e.status === 404 ? t("not_found") : e.message; return;
    }
    S.design = d;
    $("#d-title").textContent = d.title;
    $("#d-status").textContent = d.ledger ? t("status_of") + ": " + d.ledger.status + (d.ledger.owner ? " · " + d.ledger.owner : "") : t("status_free");
    bigPreview();
    buildControls(d);
    loadFormats(d.format);
    api("/api/designs/" + id + "/inks").then((r) => { if (S.design && S.design.design_id === id) showInks(r); }).catch((e) => toast(e.message, true));
  }
  async function bigPreview() {
    if (!S.design) return;
    const busy = $("#big-busy"); busy.hidden = false;
    let url = S.design.preview + "?px=512&kind=" + S.kind;
    if (S.colourway) url += "&colourway=" + encodeURIComponent(S.colourway);
    await picture($("#big"), url);
    busy.hidden = true;
  }
  function showInks(r) {
    const head = el("tr", {}, el("th", { text: t("ink") }), el("th", { text: t("name") }), el("th", { text: "L*a*b*" }), el("th", { text: t("area") }), el("th", { text: t("order_no") }));
    const rows = r.inks.map((k) => el("tr", {},
      el("td", {}, el("span", { class: "chipc", style: { background: k.hex } }), " ", el("span", { class: "mono", text: k.hex })),
      el("td", { text: k.name + (k.pinyin ? " " + k.pinyin : "") }),
      el("td", { class: "mono", text: [k.L, k.a, k.b].map((v) => Math.round(v)).join(" ") }),
      el("td", { text: (k.area_pct || 0).toFixed(1) + "%" }),
      el("td", { text: k.print_order })));
    $("#inks").replaceChildren(head, ...rows);
    const sw = (label, inks, req) => {
      const b = el("button", { type: "button", class: "swatch" + (S.colourway === req ? " on" : ""), title: label, "data-colourway": req },
        ...inks.map((h) => el("span", { style: { background: h } })));
      b.addEventListener("click", () => {
        S.colourway = req; document.querySelectorAll(".swatch").forEach((x) => x.classList.toggle("on", x === b)); bigPreview();
      });
      return b;
    };
    $("#colourways").replaceChildren(sw(t("original"), r.inks.map((k) => k.hex), ""), ...r.colourways.map((c) => sw(c.request, c.inks, c.request)));
  }
  let formatsLoaded = null;
  async function loadFormats(current) {
    if (!formatsLoaded) formatsLoaded = api("/api/catalogue/formats");
    const f = await formatsLoaded;
    $("#formats").replaceChildren(...f.formats.map((x) => el("option", { value: x.name, text: x.title || x.name })));
    $("#o-format").value = current || "carre90";
  }

  function control(p, node) {
    const id = "p-" + node.path.replace(/\W/g, "_") + "-" + p.name;
    const row = el("div", { class: "row", title: p.doc || "" }, el("label", { class: "name", for: id, text: p.name + (p.unit ? " (" + p.unit + ")" : "") }));
    const mark = (input) => { input.dataset.path = node.path; input.dataset.name = p.name; input.dataset.type = p.type; input.id = id; return input; };
    if (p.type === "float" || p.type === "int") {
      const step = p.type === "int" ? 1 : (p.range[1] - p.range[0]) / 200;
      const range = el("input", { type: "range", min: p.range[0], max: p.range[1], step, value: p.value });
      const num = mark(el("input", { type: "number", min: p.range[0], max: p.range[1], step: p.type === "int" ? 1 : "any", value: p.value }));
      range.addEventListener("input", () => { num.value = range.value; num.dataset.changed = "1"; });
      num.addEventListener("input", () => { range.value = num.value; num.dataset.changed = "1"; });
      row.append(range, num);
    } else if (p.type === "choice") {
      const sel = mark(el("select", { class: "wide" }, ...p.choices.map((c) => el("option", { value: c, selected: c === p.value, text: c }))));
      sel.addEventListener("change", () => { sel.dataset.changed = "1"; });
      row.append(sel);
    } else if (p.type === "bool") {
      const cb = mark(el("input", { type: "checkbox", checked: !!p.value }));
      cb.addEventListener("change", () => { cb.dataset.changed = "1"; });
      row.append(el("span", { class: "wide" }, cb));
    } else if (p.type === "color") {
      const c = mark(el("input", { type: "color", value: p.value }));
      c.addEventListener("input", () => { c.dataset.changed = "1"; });
      row.append(el("span", { class: "wide" }, c));
    } else if (p.type === "colors") {
      const box = mark(el("span", { class: "wide colors" }));
      box.dataset.type = "colors";
      for (const v of p.value || []) {
        const c = el("input", { type: "color", value: v });
        c.addEventListener("input", () => { box.dataset.changed = "1"; });
        box.append(c);
      }
      row.append(box);
    } else {
      const tx = mark(el("input", { type: "text", class: "wide", value: p.value || "", maxlength: p.length ? p.length[1] : 200 }));
      tx.addEventListener("input", () => { tx.dataset.changed = "1"; });
      row.append(tx);
    }
    return row;
  }
  function buildControls(d) {
    const form = $("#controls"); form.className = "";
    const sets = d.controls.filter((n) => n.params.length).map((n, i) => {
      const fs = el("fieldset", { class: i < 4 ? "" : "more" }, el("legend", {}, n.summary ? n.summary.replace(/\.$/, "") : n.op, el("span", { class: "op", text: n.op })));
      for (const p of n.params) fs.append(control(p, n));
      return fs;
    });
    const all = el("button", { type: "button", class: "ghost", text: t("show_all") });
    all.addEventListener("click", () => { form.classList.toggle("all"); });
    form.replaceChildren(...sets, el("div", { class: "apply" }, el("button", { type: "submit", class: "primary", id: "apply", text: t("apply") }), all));
  }
  async function applyEdit(ev) {
    ev.preventDefault();
    const changed = {};
    document.querySelectorAll("#controls [data-changed='1']").forEach((n) => {
      const path = n.dataset.path; changed[path] = changed[path] || {};
      let v;
      if (n.dataset.type === "float") v = parseFloat(n.value);
      else if (n.dataset.type === "int") v = parseInt(n.value, 10);
      else if (n.dataset.type === "bool") v = n.checked;
      else if (n.dataset.type === "colors") v = [...n.querySelectorAll("input")].map((c) => c.value);
      else v = n.value;
      changed[path][n.dataset.name] = v;
    });
    const paths = Object.keys(changed);
    if (!paths.length) return;
    const btn = $("#apply"); btn.disabled = true;
    try {
      let id = S.design.design_id, res = null;
      for (const path of paths) {
        res = await api("/api/designs/" + id + "/edit", { json: { path, params: changed[path] } });
        id = res.design_id;
      }
      location.hash = "#/design/" + id;
    } catch (e) { toast(e.message, true); btn.disabled = false; }
  }

  async function claim() {
    try { const r = await api("/api/designs/" + S.design.design_id + "/claim", { method: "POST" });
      $("#d-status").textContent = t("status_of") + ": " + r.status + " · " + r.owner; toast(t("claimed"));
    } catch (e) { toast(e.message, true); }
  }
  async function judge(liked) {
    try { await api("/api/designs/" + S.design.design_id + "/judge", { json: { liked } }); toast(t("liked")); S.streamNext = 0; $("#stream").replaceChildren(); }
    catch (e) { toast(e.message, true); }
  }
  async function order(ev) {
    ev.preventDefault();
    const f = new FormData($("#order-form"));
    const body = { format: f.get("format"), ppi: parseFloat(f.get("ppi")), inks: parseInt(f.get("inks"), 10), colourways: parseInt(f.get("colourways"), 10) };
    if (S.colourway) body.colourway = S.colourway;
    const go = $("#order-go"); go.disabled = true;
    $("#job").hidden = false; $("#job-download").hidden = true; $("#job-bar").style.width = "0"; $("#job-text").textContent = t("job_queued");
    try {
      let job = await api("/api/designs/" + S.design.design_id + "/orders", { json: body });
      while (job.state === "queued" || job.state === "running") {
        $("#job-bar").style.width = Math.round(job.progress * 100) + "%";
        $("#job-text").textContent = job.state === "queued" ? t("job_queued") : t("job_running") + ": " + t("stage_" + job.stage) + " · " + Math.round(job.progress * 100) + "%";
        await new Promise((r) => setTimeout(r, 700));
        job = await api("/api/jobs/" + job.id);
      }
      $("#job-bar").style.width = job.state === "done" ? "100%" : "0";
      if (job.state === "done") {
        $("#job-text").textContent = t("job_done") + " " + (job.files || []).length + " files";
        const a = $("#job-download"); a.hidden = false; a.removeAttribute("href");
        a.onclick = async () => {
          const blob = await api(job.download, { blob: true });
          const link = el("a", { href: URL.createObjectURL(blob), download: "order-" + job.design_id.slice(0, 12) + ".zip" });
          document.body.append(link); link.click(); link.remove();
        };
      } else $("#job-text").textContent = t("job_" + job.state) + (job.error ? ": " + job.error : "");
    } catch (e) { $("#job-text").textContent = e.message; toast(e.message, true); }
    finally { go.disabled = false; }
  }

  // -- library ------------------------------------------------------------------------
  function patternTile(p) {
    const img = el("img", { alt: p.title || "" });
    const node = el("div", { class: "tile", "data-pattern": p.id }, el("a", { class: "pic" }, img),
      el("div", { class: "pal" }, ...(p.palette || []).slice(0, 8).map((h) => el("span", { style: { background: h } }))),
      el("div", { class: "cap" }, el("div", { class: "t", text: p.title || p.id.slice(0, 12) }), el("div", { class: "e", text: p.attribution || (p.licence || "") })));
    const fit = el("button", { type: "button", class: "fit", title: t("fit_hint"), text: t("fit") });
    fit.addEventListener("click", async () => {
      fit.disabled = true; fit.textContent = t("fitting");
      try { const d = await api("/api/library/patterns/" + p.id + "/fit", { method: "POST" }); location.hash = "#/design/" + d.design_id; }
      catch (e) { toast(e.message, true); fit.disabled = false; fit.textContent = t("fit"); }
    });
    node.querySelector(".cap").append(fit);
    lazyPicture(img, p.thumb);
    return node;
  }
  async function browseLibrary() {
    try { const r = await api("/api/library/browse?limit=48");
      $("#lib-info").textContent = r.total + " " + t("lib_total");
      $("#library").replaceChildren(...r.patterns.map(patternTile));
    } catch (e) { $("#lib-info").textContent = e.message; }
  }
  async function libSearch(url, opts) {
    try { const r = await api(url, opts);
      $("#lib-info").textContent = r.hits.length + " " + t("lib_hits");
      $("#library").replaceChildren(...(r.hits.length ? r.hits.map(patternTile) : [el("div", { class: "empty", text: t("none_yet") })]));
    } catch (e) { toast(e.message, true); }
  }

  // -- mine ---------------------------------------------------------------------------
  async function loadMine() {
    try {
      const r = await api("/api/me/designs");
      $("#mine").replaceChildren(...(r.designs.length ? r.designs.map((d) => tile({ design_id: d.design_id, title: d.status + " · " + d.design_id.slice(0, 12), preview: "/api/designs/" + d.design_id + "/preview.png" })) : [el("div", { class: "empty", text: t("none_yet") })]));
      const j = await api("/api/jobs");
      $("#jobs").replaceChildren(...j.jobs.map((x) => el("li", {}, el("span", { class: "mono", text: x.design_id.slice(0, 12) }), el("span", { text: x.options.format + " · " + x.options.ppi + " ppi" }), el("span", { text: t("job_" + x.state) || x.state }))));
    } catch (e) { toast(e.message, true); }
  }

  // -- wiring -------------------------------------------------------------------------
  $("#login-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    $("#login-error").textContent = "";
    try {
      const r = await api("/api/login", { json: { person: f.get("person"), password: f.get("password") } });
      S.token = r.token; S.me = r.account;
      sessionStorage.setItem("foulard.token", r.token); sessionStorage.setItem("foulard.me", JSON.stringify(r.account));
      location.hash = "#/create"; route();
    } catch (e) { $("#login-error").textContent = e.message; }
  });
  $("#logout").addEventListener("click", logout);
  $("#lang").addEventListener("click", () => { S.lang = S.lang === "zh" ? "en" : "zh"; localStorage.setItem("foulard.lang", S.lang); applyLang(); if (S.design && !$("#view-design").hidden) buildControls(S.design); });
  $("#prompt-form").addEventListener("submit", runPrompt);
  document.querySelectorAll("[data-example]").forEach((b) => b.addEventListener("click", () => { $("#prompt").value = b.dataset.example; }));
  $("#preview-tabs").addEventListener("click", (ev) => {
    const b = ev.target.closest("button"); if (!b) return;
    S.kind = b.dataset.kind; document.querySelectorAll("#preview-tabs button").forEach((x) => x.classList.toggle("on", x === b)); bigPreview();
  });
  $("#controls").addEventListener("submit", applyEdit);
  $("#claim").addEventListener("click", claim);
  $("#like").addEventListener("click", () => judge(true));
  $("#dislike").addEventListener("click", () => judge(false));
  $("#order-form").addEventListener("submit", order);
  $("#lib-words").addEventListener("submit", (ev) => { ev.preventDefault(); libSearch("/api/library/search?q=" + encodeURIComponent(new FormData(ev.target).get("q"))); });
  $("#lib-colours").addEventListener("submit", (ev) => { ev.preventDefault(); libSearch("/api/library/search?colours=" + encodeURIComponent(new FormData(ev.target).get("colours"))); });
  $("#lib-image").addEventListener("submit", (ev) => { ev.preventDefault(); libSearch("/api/library/search-image", { method: "POST", body: new FormData(ev.target) }); });
  window.addEventListener("hashchange", route);
  applyLang();
  route();
})();
