/* Espace de suivi des facilitateurs : connexion par jeton, indicateurs, alertes, import, téléchargements.
   Plain JavaScript, no build step; every text is inserted with textContent (no HTML injection). */
(() => {
  "use strict";
  const KEY = "clauses-suivi:jeton";
  const $ = (id) => document.getElementById(id);
  const number = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });
  const hours = (h) => `${number.format(h)}\u00a0h`;
  const rate = (r) => (r === null || r === undefined ? "—" : pct.format(r));
  const LABELS = {
    situations: { observables: "Participants observables", emploi_durable: "Emploi durable", emploi_transition: "Emploi de transition", sortie_positive: "Sortie positive", autre: "Autre situation", inconnue: "Situation inconnue", dynamiques: "Sorties dynamiques", taux_dynamiques: "Taux de sorties dynamiques" },
    contrats: { cdi: "CDI", cdd: "CDD", interim: "Intérim", cddi: "CDDI", contrat_pro: "Contrat de professionnalisation", apprentissage: "Apprentissage" },
    clauses: { execution: "Clause d'exécution", critere: "Critère d'attribution", reserve_siae: "Marché réservé SIAE", reserve_ea_esat: "Marché réservé EA/ESAT", reserve_siae_ea_esat: "Marché réservé SIAE, EA et ESAT", reserve_ess: "Marché réservé ESS", marche_insertion: "Marché d'insertion et de qualification" },
    definitions: { heures_prevues: "Heures prévues", heures_realisees: "Heures réalisées", taux_realisation: "Taux de réalisation", participants: "Participants", rsa: "Allocataires du RSA", moins_26: "Moins de 26 ans", femmes: "Femmes", recrutements: "Recrutements", clauses: "Clauses", structures: "Structures", sorties: "Sorties dynamiques", alertes: "Alertes" },
  };
  let token = sessionStorage.getItem(KEY);
  let scope = null;

  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };

  async function api(path, options = {}) {
    const response = await fetch(path, { ...options, headers: { ...(options.headers || {}), Authorization: `Bearer ${token}` } });
    if (response.status === 401) { logout("Votre jeton n'est plus valide : reconnectez-vous."); return null; }
    return response;
  }

  async function errorMessage(response) {
    try { const body = await response.json(); return (body.error && body.error.message) || body.message || `Erreur ${response.status}.`; }
    catch { return `Erreur ${response.status}.`; }
  }

  function status(text) { $("etat").textContent = text; }

  // --- connexion ------------------------------------------------------------------------------
  async function login(candidate) {
    const response = await fetch("/api/suivi/session", { headers: { Authorization: `Bearer ${candidate}` } });
    if (!response.ok) {
      const message = response.status === 401 ? "Jeton refusé : vérifiez-le ou demandez-en un à l'administrateur." : await errorMessage(response);
      throw new Error(message);
    }
    token = candidate;
    sessionStorage.setItem(KEY, candidate);
    scope = await response.json();
    showWorkspace();
  }

  function logout(message) {
    token = null; scope = null;
    sessionStorage.removeItem(KEY);
    $("espace").hidden = true; $("connexion").hidden = false;
    const error = $("erreur-connexion");
    error.hidden = !message; error.textContent = message || "";
    $("jeton").value = ""; $("jeton").focus();
  }

  function fillTerritories() {
    const select = $("territoire");
    select.replaceChildren();
    if (scope.territoire === null) select.append(new Option("Tous les territoires", ""));
    for (const name of scope.territoires) select.append(new Option(name, name));
    if (scope.territoire !== null && !scope.territoires.length) select.append(new Option(scope.territoire, scope.territoire));
    select.disabled = scope.territoire !== null;
  }

  function showWorkspace() {
    $("connexion").hidden = true; $("espace").hidden = false;
    $("perimetre").textContent = scope.territoire === null ? "Connecté : tous les territoires." : `Connecté : territoire « ${scope.territoire} ».`;
    fillTerritories();
    const year = new Date().getFullYear();
    if (!$("debut").value) $("debut").value = `${year}-01-01`;
    if (!$("fin").value) $("fin").value = `${year}-12-31`;
    if (!$("date-alertes").value) $("date-alertes").value = new Date().toISOString().slice(0, 10);
    $("titre-periode").focus?.();
    loadIndicators(); loadAlerts();
  }

  // --- indicateurs ----------------------------------------------------------------------------
  function query() {
    const params = new URLSearchParams({ debut: $("debut").value, fin: $("fin").value });
    if ($("territoire").value) params.set("territoire", $("territoire").value);
    return params;
  }

  function fillTable(id, rows) {
    const body = $(id).querySelector("tbody");
    body.replaceChildren();
    for (const row of rows) {
      const tr = el("tr");
      row.forEach((value, i) => {
        const numeric = /^[-\d\s\u00a0\u202f,.%h—]+$/.test(String(value));
        const cell = el(i === 0 ? "th" : "td", String(value), i > 0 && numeric ? "num" : undefined);
        if (i === 0) cell.scope = "row";
        tr.append(cell);
      });
      body.append(tr);
    }
    if (!rows.length) { const tr = el("tr"); const td = el("td", "Aucune donnée."); td.colSpan = $(id).querySelectorAll("thead th").length; tr.append(td); body.append(tr); }
  }

  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attributes) { const e = document.createElementNS(SVG, tag); for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v); return e; }

  function barChart(container, labels, series, title) {
    const width = 760, height = 260, left = 56, bottom = 40, top = 12;
    const max = Math.max(1, ...series.flatMap((s) => s.values));
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title });
    const plotH = height - bottom - top, step = (width - left - 8) / Math.max(1, labels.length), barW = step / (series.length + 1);
    for (let i = 0; i <= 4; i++) {
      const y = top + plotH - (plotH * i) / 4;
      chart.append(svg("line", { x1: left, x2: width - 8, y1: y, y2: y, stroke: "#c8c8c8" }));
      const t = svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#333" }); t.textContent = number.format(Math.round((max * i) / 4)); chart.append(t);
    }
    labels.forEach((label, i) => {
      series.forEach((s, j) => {
        const h = (plotH * s.values[i]) / max;
        chart.append(svg("rect", { x: left + i * step + j * barW + barW / 2, y: top + plotH - h, width: barW * 0.9, height: h, fill: s.colour }));
      });
      const t = svg("text", { x: left + i * step + step / 2, y: height - bottom + 16, "text-anchor": "middle", "font-size": 11, fill: "#333" }); t.textContent = label; chart.append(t);
    });
    series.forEach((s, j) => {
      chart.append(svg("rect", { x: left + j * 140, y: height - 14, width: 12, height: 12, fill: s.colour }));
      const t = svg("text", { x: left + j * 140 + 18, y: height - 4, "font-size": 12, fill: "#222" }); t.textContent = s.name; chart.append(t);
    });
    container.replaceChildren(chart);
  }

  function card(label, value) { const c = el("div", undefined, "card"); c.append(el("span", value, "value"), el("span", label, "label")); return c; }

  function renderIndicators(data) {
    const b = data.bilan;
    $("indicateurs").hidden = false;
    $("perimetre-indicateurs").textContent = `Du ${b.periode.debut.split("-").reverse().join("/")} au ${b.periode.fin.split("-").reverse().join("/")} — ${data.perimetre}.`;
    $("cartes").replaceChildren(
      card("Heures prévues", hours(b.heures.prevues)),
      card("Heures réalisées", hours(b.heures.realisees)),
      card("Taux de réalisation", rate(b.heures.taux_realisation)),
      card("Participants", number.format(b.participants.total)),
      card("dont allocataires du RSA", number.format(b.participants.rsa)),
      card("dont moins de 26 ans", number.format(b.participants.moins_26)),
      card("SIAE mobilisées", number.format(b.structures.siae.total)),
      card("Sorties dynamiques à 6 mois", rate(b.sorties["6_mois"].taux_dynamiques)),
    );
    const months = data.mensuel.map((m) => `${m.mois.slice(5)}/${m.mois.slice(2, 4)}`);
    barChart($("graphique-heures"), months, [
      { name: "Heures prévues", colour: "#1f4e79", values: data.mensuel.map((m) => m.prevues) },
      { name: "Heures réalisées", colour: "#d17a00", values: data.mensuel.map((m) => m.realisees) },
    ], "Heures prévues et réalisées par mois");
    fillTable("table-mois", data.mensuel.map((m) => [m.mois, hours(m.prevues), hours(m.realisees)]));
    barChart($("graphique-publics"), ["Tous", "RSA", "Moins de 26 ans", "Femmes"], [
      { name: "Participants", colour: "#1f4e79", values: [b.participants.total, b.participants.rsa, b.participants.moins_26, b.participants.femmes] },
    ], "Participants par public");
    const s6 = b.sorties["6_mois"], s12 = b.sorties["12_mois"];
    fillTable("table-sorties", Object.keys(LABELS.situations).map((k) => [LABELS.situations[k], k === "taux_dynamiques" ? rate(s6[k]) : s6[k], k === "taux_dynamiques" ? rate(s12[k]) : s12[k]]));
    fillTable("table-recrutements", Object.entries(b.recrutements).map(([k, v]) => [LABELS.contrats[k] || k, v]));
    fillTable("table-clauses", Object.entries(b.clauses).map(([k, v]) => [LABELS.clauses[k] || k, v.operations, hours(v.heures_prevues)]));
    fillTable("table-structures", [...Object.entries(b.structures.siae.par_type).map(([k, v]) => [`SIAE — ${k}`, v]), ...Object.entries(b.structures.autres)]);
    const dl = $("definitions"); dl.replaceChildren();
    for (const [k, v] of Object.entries(data.definitions)) { dl.append(el("dt", LABELS.definitions[k] || k), el("dd", v)); }
  }

  async function loadIndicators() {
    status("Calcul des indicateurs…");
    const response = await api(`/api/suivi/indicateurs?${query()}`);
    if (!response) return;
    if (!response.ok) { status(await errorMessage(response)); return; }
    renderIndicators(await response.json());
    status("Indicateurs à jour.");
  }

  // --- alertes --------------------------------------------------------------------------------
  async function loadAlerts() {
    const params = new URLSearchParams({ date: $("date-alertes").value, seuil: String(Number($("seuil").value) / 100) });
    if ($("territoire").value) params.set("territoire", $("territoire").value);
    const response = await api(`/api/suivi/alertes?${params}`);
    if (!response) return;
    if (!response.ok) { $("resume-alertes").textContent = await errorMessage(response); return; }
    const data = await response.json();
    const table = $("table-alertes");
    table.hidden = !data.alertes.length;
    $("resume-alertes").textContent = data.alertes.length
      ? `${data.alertes.length} opération(s) en retard au ${data.date.split("-").reverse().join("/")} (seuil : ${rate(data.seuil)} des heures prévues à date).`
      : `Aucune opération en retard au ${data.date.split("-").reverse().join("/")}.`;
    fillTable("table-alertes", data.alertes.map((a) => [`${a.operation_id} — ${a.intitule}`, a.entreprises.join(", ") || "aucune déclarée", a.territoire, hours(a.heures_realisees), hours(a.heures_prevues_a_date), hours(a.ecart_heures), a.mois_restants]));
  }

  // --- import ---------------------------------------------------------------------------------
  async function importFiles(event) {
    event.preventDefault();
    const files = $("fichiers").files;
    const report = $("rapport-import");
    report.replaceChildren();
    if (!files.length) { report.append(el("p", "Choisissez au moins un fichier.", "error")); return; }
    const form = new FormData();
    for (const file of files) form.append("files", file, file.name);
    report.append(el("p", "Vérification en cours…"));
    const response = await api("/api/suivi/import", { method: "POST", body: form });
    if (!response) return;
    let body;
    try { body = await response.json(); } catch { body = { message: `Erreur ${response.status}.` }; }
    report.replaceChildren();
    const summary = el("p", body.message || (body.error && body.error.message) || `Erreur ${response.status}.`, body.ok ? "ok" : "error");
    summary.setAttribute("role", body.ok ? "status" : "alert");
    report.append(summary);
    const list = (title, issues) => {
      if (!issues || !issues.length) return;
      report.append(el("h3", title));
      const ul = el("ul", undefined, "issues");
      for (const i of issues) ul.append(el("li", `${i.fichier}, ligne ${i.ligne}${i.colonne ? `, colonne ${i.colonne}` : ""} : ${i.message}`));
      report.append(ul);
    };
    list(`Erreurs (${(body.erreurs || []).length})`, body.erreurs);
    list(`Avertissements (${(body.avertissements || []).length})`, body.avertissements);
    if (body.ok) {
      const session = await api("/api/suivi/session");
      if (session && session.ok) { scope = await session.json(); const current = $("territoire").value; fillTerritories(); $("territoire").value = current; }
      loadIndicators(); loadAlerts();
    }
  }

  // --- téléchargements ------------------------------------------------------------------------
  async function download(kind) {
    status("Préparation du fichier…");
    const response = await api(`/api/suivi/export.${kind}?${query()}`);
    if (!response) return;
    if (!response.ok) { status(await errorMessage(response)); return; }
    const blob = await response.blob();
    const name = (response.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/)?.[1] || `bilan.${kind}`;
    const link = el("a"); link.href = URL.createObjectURL(blob); link.download = name;
    document.body.append(link); link.click(); link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    status(`Fichier ${name} téléchargé.`);
  }

  // --- wiring ---------------------------------------------------------------------------------
  document.addEventListener("DOMContentLoaded", () => {
    $("form-connexion").addEventListener("submit", async (event) => {
      event.preventDefault();
      const candidate = $("jeton").value.trim();
      const error = $("erreur-connexion");
      if (!candidate) { error.hidden = false; error.textContent = "Saisissez votre jeton."; $("jeton").focus(); return; }
      try { await login(candidate); } catch (e) { error.hidden = false; error.textContent = e.message; $("jeton").focus(); }
    });
    $("deconnexion").addEventListener("click", () => logout(""));
    $("form-periode").addEventListener("submit", (event) => { event.preventDefault(); loadIndicators(); loadAlerts(); });
    $("form-alertes").addEventListener("submit", (event) => { event.preventDefault(); loadAlerts(); });
    $("form-import").addEventListener("submit", importFiles);
    $("telecharger-docx").addEventListener("click", () => download("docx"));
    $("telecharger-xlsx").addEventListener("click", () => download("xlsx"));
    if (token) login(token).catch(() => logout("Votre session a expiré : reconnectez-vous."));
    else $("jeton").focus();
  });
})();
