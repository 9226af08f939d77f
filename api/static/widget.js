/*!
 * Assistant clauses sociales — widget intégrable (Département de l'Isère)
 *
 * Intégration, une seule balise :
 *   <script src="https://…/widget.js" data-api="https://…"
 *           data-title="Assistant clauses sociales" defer></script>
 *
 * Attributs :
 *   data-api            (obligatoire) URL de base de l'API ; « / » = même origine.
 *   data-title          titre du panneau (défaut « Assistant clauses sociales »).
 *   data-mode           "launcher" (bouton flottant, défaut) ou "inline" (dans un conteneur).
 *   data-target         sélecteur CSS du conteneur (obligatoire en mode inline).
 *   data-primary-color  couleur principale (toute couleur CSS).
 *   data-font           pile de polices (défaut : polices système).
 *   data-position       "right" (défaut) ou "left" (mode launcher).
 *   data-greeting       message d'accueil.
 *   data-suggestions    questions suggérées, séparées par « | » (ou tableau JSON).
 *   data-open           "true" : panneau ouvert au chargement (mode launcher).
 *   data-timeout        délai sans réponse, en secondes (défaut 30).
 *
 * Thème : propriétés personnalisées CSS sur l'hôte (.clauses-widget-host) :
 *   --clauses-primary, --clauses-on-primary, --clauses-font, --clauses-font-size,
 *   --clauses-text, --clauses-bg, --clauses-surface, --clauses-radius, --clauses-z.
 *
 * API JavaScript : window.ClausesWidget = { open(), close(), clear(), ask(texte), version, instances }.
 *
 * Sécurité : aucun contenu (réponse, source, saisie) n'est inséré comme HTML ;
 * le Markdown est transformé en nœuds DOM (createElement / textContent).
 * Vanilla JS (ES2020), sans dépendance. Fichier construit par scripts/build_widget.py
 * (« make widget ») à partir des sources de api/static/src/widget/.
 */
// Built by scripts/build_widget.py from api/static/src/widget/ (make widget): edit the sources, not this file.
(function () {
"use strict";

// --- 10-config.js ---
// Configuration: constants, French messages, the <script data-*> attributes.
const VERSION = "1.0.0";
const TAG = "[ClausesWidget]";
const MAX_MESSAGE = 4000;
const MAX_STORED_MESSAGES = 60;
const DEFAULT_TITLE = "Assistant clauses sociales";
const DEFAULT_GREETING =
  "Bonjour ! Posez votre question sur les clauses sociales des marchés publics : " +
  "clause d'insertion, marchés réservés, calcul des heures d'insertion, rédaction de clauses.";
const DEFAULT_SUGGESTIONS = [
  "Combien d'heures d'insertion pour un marché de 1,2 M€ de gros œuvre sur 18 mois ?",
  "Rédige l'article du CCAP pour une clause d'insertion de 1 000 heures sur le lot 2",
  "Peut-on réserver un marché à la fois aux ESAT et aux SIAE ?",
  "Qui peut bénéficier de la clause d'insertion ?",
];
const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const LAUNCHER_LABEL = "Poser une question sur les clauses sociales";

const MSG = {
  generating: "Génération de la réponse…",
  done: "Réponse terminée",
  stopped: "Génération arrêtée",
  cleared: "Conversation effacée",
  network:
    "Le service de l'assistant est momentanément indisponible (connexion impossible). " +
    "Vérifiez votre connexion puis réessayez.",
  timeout: "Le service met trop de temps à répondre. Veuillez réessayer dans un instant.",
  interrupted: "La réponse a été interrompue avant la fin. Veuillez réessayer.",
  tooLong: "Votre message est trop long (" + MAX_MESSAGE.toLocaleString("fr-FR") + " caractères au maximum).",
  http429: "Trop de questions en peu de temps : merci de patienter un peu avant de réessayer.",
  http5xx: "Le service de l'assistant rencontre une difficulté. Veuillez réessayer dans un instant.",
  http4xx: "Votre message n'a pas pu être traité. Reformulez-le puis réessayez.",
  badResponse: "La réponse du service est illisible. Veuillez réessayer.",
};

function readConfig(el) {
  const d = el.dataset;
  const apiRaw = (d.api || "").trim();
  if (!apiRaw) {
    console.error(
      TAG + " Attribut data-api manquant (obligatoire) : ajoutez data-api=\"https://…\" " +
        "(URL de base de l'API de l'assistant) à la balise <script> du widget. Le widget n'est pas affiché."
    );
    return null;
  }
  let api;
  try {
    const u = new URL(apiRaw, document.baseURI);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
    api = (u.origin + u.pathname).replace(/\/+$/, "");
  } catch (_) {
    console.error(TAG + ' Attribut data-api invalide ("' + apiRaw + '") : une URL http(s) est attendue. Le widget n\'est pas affiché.');
    return null;
  }
  const mode = (d.mode || "launcher").trim().toLowerCase();
  if (mode !== "launcher" && mode !== "inline") {
    console.error(TAG + ' data-mode="' + d.mode + '" inconnu : valeurs possibles "launcher" ou "inline". Le widget n\'est pas affiché.');
    return null;
  }
  const target = (d.target || "").trim();
  if (mode === "inline" && !target) {
    console.error(TAG + ' Le mode inline exige data-target="#conteneur" (sélecteur CSS). Le widget n\'est pas affiché.');
    return null;
  }
  let position = (d.position || "right").trim().toLowerCase();
  if (position !== "right" && position !== "left") {
    console.warn(TAG + ' data-position="' + d.position + '" ignoré (valeurs : "right" ou "left").');
    position = "right";
  }
  let primary = null;
  if (d.primaryColor) {
    const c = d.primaryColor.trim();
    if (window.CSS && window.CSS.supports && window.CSS.supports("color", c)) primary = c;
    else console.warn(TAG + ' data-primary-color="' + c + '" n\'est pas une couleur CSS valide : ignoré.');
  }
  let timeout = 30;
  if (d.timeout) {
    const t = Number(d.timeout);
    if (isFinite(t) && t > 0) timeout = t;
    else console.warn(TAG + ' data-timeout="' + d.timeout + '" ignoré (nombre de secondes attendu).');
  }
  let suggestions = DEFAULT_SUGGESTIONS;
  if (d.suggestions != null) {
    const raw = d.suggestions.trim();
    let list = null;
    if (raw.startsWith("[")) {
      try {
        list = JSON.parse(raw);
      } catch (_) {
        list = null;
      }
    }
    if (!Array.isArray(list)) list = raw.split("|");
    suggestions = list.map((s) => String(s).trim()).filter(Boolean).slice(0, 6);
  }
  return {
    api: api,
    mode: mode,
    target: target,
    title: (d.title || "").trim() || DEFAULT_TITLE,
    greeting: d.greeting != null ? d.greeting.trim() : DEFAULT_GREETING,
    position: position,
    primary: primary,
    font: (d.font || "").trim() || null,
    open: /^(true|1|yes|oui)$/i.test((d.open || "").trim()),
    timeoutMs: timeout * 1000,
    suggestions: suggestions,
  };
}

// --- 20-dom.js ---
// DOM helpers: elements built with createElement (never parsed HTML), icons, formatting.
let uid = 0;
function nextId(prefix) {
  uid += 1;
  return prefix + Date.now().toString(36) + uid.toString(36);
}

/** createElement with attributes and children. Never parses HTML. */
function h(tag, attrs) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const k of Object.keys(attrs)) {
      const v = attrs[k];
      if (v == null || v === false) continue;
      if (k === "class") el.className = v;
      else if (k === "text") el.textContent = v;
      else if (k === "hidden") el.hidden = !!v;
      else if (k.slice(0, 2) === "on" && typeof v === "function") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  for (let i = 2; i < arguments.length; i++) append(el, arguments[i]);
  return el;
}

function append(parent, child) {
  if (child == null || child === false) return;
  if (Array.isArray(child)) child.forEach((c) => append(parent, c));
  else if (typeof child === "string") parent.appendChild(document.createTextNode(child));
  else parent.appendChild(child);
}

function srOnly(text) {
  return h("span", { class: "cw-sr", text: text });
}

const SVG_NS = "http://www.w3.org/2000/svg";
const ICONS = {
  chat: "M21 11.5a8.4 8.4 0 0 1-.9 3.8 8.5 8.5 0 0 1-7.6 4.7 8.4 8.4 0 0 1-3.8-.9L3 21l1.9-5.7a8.4 8.4 0 0 1-.9-3.8 8.5 8.5 0 0 1 4.7-7.6 8.4 8.4 0 0 1 3.8-.9h.5a8.5 8.5 0 0 1 8 8v.5z",
  close: "M18 6 6 18M6 6l12 12",
  trash: "M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6M10 11v6M14 11v6",
  send: "M22 2 11 13M22 2l-7 20-4-9-9-4 20-7z",
  stop: "M7 7h10v10H7z",
  copy: "M9 9h11v11H9zM5 15H4V4h11v1",
  download: "M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4M7 10l5 5 5-5M12 15V3",
  up: "M14 9V5a3 3 0 0 0-3-3l-4 9v11h11.3a2 2 0 0 0 2-1.7l1.4-9a2 2 0 0 0-2-2.3zM7 22H4a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2h3",
  down: "M10 15v4a3 3 0 0 0 3 3l4-9V2H5.7a2 2 0 0 0-2 1.7l-1.4 9a2 2 0 0 0 2 2.3zM17 2h2.7A2.3 2.3 0 0 1 22 4v7a2.3 2.3 0 0 1-2.3 2H17",
  chevron: "M6 9l6 6 6-6",
  expand: "M15 3h6v6M9 21H3v-6M21 3l-7 7M3 21l7-7",
  shrink: "M4 14h6v6M20 10h-6V4M14 10l7-7M3 21l7-7",
  retry: "M23 4v6h-6M1 20v-6h6M3.5 9a9 9 0 0 1 14.9-3.4L23 10M1 14l4.6 4.4A9 9 0 0 0 20.5 15",
};

function icon(name) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "20");
  svg.setAttribute("height", "20");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "cw-icon");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", ICONS[name]);
  svg.appendChild(path);
  return svg;
}

function fmtNumber(value, decimals) {
  if (typeof value !== "number" || !isFinite(value)) return String(value);
  const factor = Math.pow(10, decimals == null ? 2 : decimals);
  const rounded = Math.round(value * factor) / factor;
  const parts = Math.abs(rounded).toString().split(".");
  parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return (rounded < 0 ? "-" : "") + parts.join(",");
}

function safeUrl(raw) {
  try {
    const u = new URL(String(raw).trim());
    if (u.protocol === "http:" || u.protocol === "https:") return u.href;
  } catch (_) {
    /* not an absolute URL */
  }
  return null;
}

function externalLink(url, label) {
  const a = h("a", { href: url, target: "_blank", rel: "noopener noreferrer" });
  append(a, label);
  a.appendChild(srOnly(" (nouvelle fenêtre)"));
  return a;
}

function filenameFromDisposition(header) {
  if (!header) return null;
  let name = null;
  const star = /filename\*\s*=\s*([\w-]*)''([^;]+)/i.exec(header);
  if (star) {
    try {
      name = decodeURIComponent(star[2].trim().replace(/^"|"$/g, ""));
    } catch (_) {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header);
    if (plain) name = (plain[1] || plain[2] || "").trim();
  }
  if (!name) return null;
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").trim();
  return name || null;
}

function prefersReducedMotion() {
  return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
}

// --- 30-sse.js ---
/** Incremental text/event-stream parser (WHATWG framing: LF, CR or CRLF). */
function createSSEParser(onEvent) {
  let buf = "";
  let eventName = "";
  let data = [];
  let hasData = false;

  function line(l) {
    if (l === "") {
      if (hasData) onEvent(eventName || "message", data.join("\n"));
      eventName = "";
      data = [];
      hasData = false;
      return;
    }
    if (l[0] === ":") return; // comment / keep-alive
    const idx = l.indexOf(":");
    let field = l;
    let value = "";
    if (idx !== -1) {
      field = l.slice(0, idx);
      value = l.slice(idx + 1);
      if (value[0] === " ") value = value.slice(1);
    }
    if (field === "event") eventName = value;
    else if (field === "data") {
      data.push(value);
      hasData = true;
    }
  }

  return {
    push: function (chunk) {
      buf += chunk;
      let start = 0;
      for (let k = 0; k < buf.length; k++) {
        const ch = buf[k];
        if (ch !== "\n" && ch !== "\r") continue;
        if (ch === "\r" && k === buf.length - 1) break; // maybe CRLF split across chunks
        line(buf.slice(start, k));
        if (ch === "\r" && buf[k + 1] === "\n") k++;
        start = k + 1;
      }
      buf = buf.slice(start);
    },
    end: function () {
      if (buf) line(buf.replace(/\r$/, ""));
      buf = "";
      line("");
    },
  };
}

// --- 40-markdown.js ---
// A small, safe renderer: every node is built with createElement /
// createTextNode; nothing from the text is ever parsed as HTML.

const RE_FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)\s*$/;
const RE_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RE_HR = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const RE_QUOTE = /^\s{0,3}>\s?(.*)$/;
const RE_BULLET = /^(\s*)([-*+•])\s+(.*)$/;
const RE_ORDERED = /^(\s*)(\d{1,9})[.)]\s+(.*)$/;
const RE_TABLE_SEP = /^\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*$/;
const RE_LINK = /\[([^\]\n]+)\]\(\s*<?([^\s<>()]+(?:\([^\s<>()]*\)[^\s<>()]*)*)>?(?:\s+"[^"\n]*")?\s*\)/y;
const RE_CITE = /\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]/y;
const RE_AUTOLINK = /<(https?:\/\/[^\s<>]+)>/y;
const RE_URL = /https?:\/\/[^\s<>"'«»]+/y;
const ESCAPABLE = "\\`*_{}[]()#+-.!|>~<";
const RE_WORD = /[\p{L}\p{N}]/u;
// A drafted clause marks what the buyer must still fill in: « [à compléter : objet du marché] ».
const RE_TODO = /\[[àa] compléter\s*:[^\]\n]*\]/iy;
const TODO_TITLE = "À compléter avant publication";

function expandTabs(s) {
  return s.replace(/\t/g, "    ");
}

function indentOf(s) {
  const m = /^ */.exec(s);
  return m ? m[0].length : 0;
}

function listItem(line) {
  if (RE_HR.test(line)) return null;
  let m = RE_BULLET.exec(line);
  if (m) return { indent: m[1].length, ordered: false, num: 1, content: m[3] };
  m = RE_ORDERED.exec(line);
  if (m) return { indent: m[1].length, ordered: true, num: parseInt(m[2], 10), content: m[3] };
  return null;
}

function isTableStart(lines, i) {
  return (
    i + 1 < lines.length &&
    lines[i].indexOf("|") !== -1 &&
    lines[i + 1].indexOf("|") !== -1 &&
    lines[i + 1].indexOf("-") !== -1 &&
    RE_TABLE_SEP.test(lines[i + 1])
  );
}

function startsBlock(lines, i) {
  const l = lines[i];
  return (
    RE_FENCE.test(l) || RE_HEADING.test(l) || RE_HR.test(l) || RE_QUOTE.test(l) || !!listItem(l) || isTableStart(lines, i)
  );
}

function renderMarkdown(text, ctx) {
  const frag = document.createDocumentFragment();
  const lines = String(text || "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map(expandTabs);
  parseBlocks(lines, ctx, frag);
  return frag;
}

function parseBlocks(lines, ctx, out) {
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    let m = RE_FENCE.exec(line);
    if (m) {
      const marker = m[1][0];
      const buf = [];
      i++;
      while (i < lines.length) {
        const t = lines[i].trim();
        if (t.length >= 3 && t.split("").every((c) => c === marker)) break;
        buf.push(lines[i]);
        i++;
      }
      i++;
      out.appendChild(h("pre", null, h("code", { text: buf.join("\n") })));
      continue;
    }
    m = RE_HEADING.exec(line);
    if (m) {
      // in the panel, whose title is h2, "#" becomes h3; ctx.headingShift = 0 keeps the levels (export)
      const shift = ctx && typeof ctx.headingShift === "number" ? ctx.headingShift : 2;
      const level = Math.min(6, m[1].length + shift);
      const el = h("h" + level, { class: "cw-md-h" });
      el.appendChild(inline(m[2], ctx));
      out.appendChild(el);
      i++;
      continue;
    }
    if (RE_HR.test(line)) {
      out.appendChild(h("hr"));
      i++;
      continue;
    }
    if (isTableStart(lines, i)) {
      i = parseTable(lines, i, ctx, out);
      continue;
    }
    if (RE_QUOTE.test(line)) {
      const inner = [];
      while (i < lines.length && lines[i].trim() && (m = RE_QUOTE.exec(lines[i]))) {
        inner.push(m[1]);
        i++;
      }
      const bq = h("blockquote");
      parseBlocks(inner, ctx, bq);
      out.appendChild(bq);
      continue;
    }
    if (listItem(line)) {
      const r = parseList(lines, i, ctx);
      out.appendChild(r.node);
      i = r.next;
      continue;
    }
    const buf = [line.trim()];
    i++;
    while (i < lines.length && lines[i].trim() && !startsBlock(lines, i)) {
      buf.push(lines[i].trim());
      i++;
    }
    const p = h("p");
    p.appendChild(inline(buf.join("\n"), ctx));
    out.appendChild(p);
  }
}

function parseList(lines, start, ctx) {
  const first = listItem(lines[start]);
  const base = first.indent;
  const list = h(first.ordered ? "ol" : "ul");
  if (first.ordered && first.num !== 1) list.setAttribute("start", String(first.num));
  let i = start;
  let li = null;
  let textLines = [];
  const flushText = function () {
    if (li && textLines.length) {
      while (textLines.length && textLines[textLines.length - 1] === "") textLines.pop();
      li.appendChild(inline(textLines.join("\n"), ctx));
    }
    textLines = [];
  };
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      let j = i + 1;
      while (j < lines.length && !lines[j].trim()) j++;
      if (j < lines.length && li) {
        const it = listItem(lines[j]);
        const sameList = it && it.indent >= base && (it.indent >= base + 2 || it.ordered === first.ordered);
        const continuation = !it && indentOf(lines[j]) >= base + 2;
        if (sameList || continuation) {
          if (continuation) textLines.push("");
          i = j;
          continue;
        }
      }
      break;
    }
    const it = listItem(line);
    if (it) {
      if (it.indent < base) break;
      if (it.indent >= base + 2 && li) {
        flushText();
        const r = parseList(lines, i, ctx);
        li.appendChild(r.node);
        i = r.next;
        continue;
      }
      if (it.ordered !== first.ordered) break;
      flushText();
      li = h("li");
      list.appendChild(li);
      textLines = [it.content];
      i++;
      continue;
    }
    if (li && (indentOf(line) >= base + 2 || (!startsBlock(lines, i) && lines[i - 1].trim()))) {
      textLines.push(line.trim());
      i++;
      continue;
    }
    break;
  }
  flushText();
  return { node: list, next: i };
}

function splitRow(line) {
  let s = line.trim();
  if (s[0] === "|") s = s.slice(1);
  if (s.endsWith("|") && !s.endsWith("\\|")) s = s.slice(0, -1);
  const cells = [];
  let cur = "";
  for (let k = 0; k < s.length; k++) {
    if (s[k] === "\\" && s[k + 1] === "|") {
      cur += "|";
      k++;
    } else if (s[k] === "|") {
      cells.push(cur.trim());
      cur = "";
    } else cur += s[k];
  }
  cells.push(cur.trim());
  return cells;
}

function parseTable(lines, i, ctx, out) {
  const header = splitRow(lines[i]);
  const aligns = splitRow(lines[i + 1]).map(function (c) {
    const left = c[0] === ":";
    const right = c[c.length - 1] === ":";
    return left && right ? "center" : right ? "right" : left ? "left" : null;
  });
  i += 2;
  const table = h("table");
  const thead = h("thead");
  const tr = h("tr");
  header.forEach(function (cell, k) {
    const th = h("th", { scope: "col" });
    if (aligns[k]) th.style.textAlign = aligns[k];
    th.appendChild(inline(cell, ctx));
    tr.appendChild(th);
  });
  thead.appendChild(tr);
  table.appendChild(thead);
  const tbody = h("tbody");
  while (i < lines.length && lines[i].trim() && lines[i].indexOf("|") !== -1) {
    const cells = splitRow(lines[i]);
    const row = h("tr");
    for (let k = 0; k < header.length; k++) {
      const td = h("td");
      if (aligns[k]) td.style.textAlign = aligns[k];
      td.appendChild(inline(cells[k] || "", ctx));
      row.appendChild(td);
    }
    tbody.appendChild(row);
    i++;
  }
  table.appendChild(tbody);
  out.appendChild(h("div", { class: "cw-table", role: "region", "aria-label": "Tableau", tabindex: "0" }, table));
  return i;
}

// French typography: a number never wraps away from its thousands or its unit
// (« 5 404 000 € », « 50 % », « 30 €/h »), so those spaces become non-breaking.
function frenchSpacing(text) {
  return text
    .replace(/(\d) (?=\d{3}(?!\d))/g, "$1\u202f")
    .replace(/(\d) (?=(?:%|€|h\b|heures\b|ETP\b|mois\b|ans\b))/g, "$1\u00a0");
}

// ctx.plainSpaces keeps the text's own spaces (the plain-text copy of a clause).
function spaced(text, ctx) {
  return ctx && ctx.plainSpaces ? text : frenchSpacing(text);
}

function inline(text, ctx, opts) {
  opts = opts || {};
  const frag = document.createDocumentFragment();
  let buf = "";
  const flush = function () {
    if (buf) {
      frag.appendChild(document.createTextNode(spaced(buf, ctx)));
      buf = "";
    }
  };
  const n = text.length;
  let i = 0;
  let m;
  while (i < n) {
    const c = text[i];
    if (c === "\\" && i + 1 < n && ESCAPABLE.indexOf(text[i + 1]) !== -1) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "\n") {
      flush();
      frag.appendChild(h("br"));
      i++;
      continue;
    }
    if (c === "`") {
      let run = 1;
      while (text[i + run] === "`") run++;
      const fence = "`".repeat(run);
      const end = text.indexOf(fence, i + run);
      if (end !== -1) {
        flush();
        let code = text.slice(i + run, end).replace(/\n/g, " ");
        if (/^ .* $/.test(code) && code.trim()) code = code.slice(1, -1);
        frag.appendChild(h("code", { text: code }));
        i = end + run;
        continue;
      }
      buf += fence;
      i += run;
      continue;
    }
    if (c === "[") {
      RE_TODO.lastIndex = i;
      if ((m = RE_TODO.exec(text))) {
        flush();
        frag.appendChild(h("mark", { class: "cw-todo", title: TODO_TITLE, text: spaced(m[0], ctx) }));
        i += m[0].length;
        continue;
      }
      RE_LINK.lastIndex = i;
      if (!opts.noLinks && (m = RE_LINK.exec(text))) {
        flush();
        const url = safeUrl(m[2]);
        const label = inline(m[1], ctx, { noLinks: true });
        if (url) frag.appendChild(externalLink(url, label));
        else frag.appendChild(label);
        i += m[0].length;
        continue;
      }
      RE_CITE.lastIndex = i;
      if ((m = RE_CITE.exec(text))) {
        flush();
        appendCitations(frag, m[1], ctx);
        i += m[0].length;
        continue;
      }
    }
    if (c === "<" && !opts.noLinks) {
      RE_AUTOLINK.lastIndex = i;
      if ((m = RE_AUTOLINK.exec(text))) {
        const url = safeUrl(m[1]);
        if (url) {
          flush();
          frag.appendChild(externalLink(url, m[1]));
          i += m[0].length;
          continue;
        }
      }
    }
    if ((c === "h" || c === "H") && !opts.noLinks && (i === 0 || !RE_WORD.test(text[i - 1]))) {
      RE_URL.lastIndex = i;
      if ((m = RE_URL.exec(text))) {
        let raw = m[0];
        while (/[.,;:!?'")\]]$/.test(raw)) {
          if (raw.endsWith(")") && (raw.match(/\(/g) || []).length >= (raw.match(/\)/g) || []).length) break;
          raw = raw.slice(0, -1);
        }
        const url = safeUrl(raw);
        if (url) {
          flush();
          frag.appendChild(externalLink(url, raw));
          i += raw.length;
          continue;
        }
      }
    }
    if (c === "*" || c === "_" || c === "~") {
      const r = emphasis(text, i, ctx, opts);
      if (r) {
        flush();
        frag.appendChild(r.node);
        i = r.end;
        continue;
      }
      let run = 1;
      while (text[i + run] === c) run++;
      buf += c.repeat(run);
      i += run;
      continue;
    }
    buf += c;
    i++;
  }
  flush();
  return frag;
}

function emphasis(text, i, ctx, opts) {
  const c = text[i];
  let run = 1;
  while (text[i + run] === c) run++;
  if (c === "~" && run !== 2) return null;
  if (run > 3) return null;
  const after = text[i + run];
  if (!after || /\s/.test(after)) return null;
  if (c === "_" && i > 0 && RE_WORD.test(text[i - 1])) return null;
  const marker = c.repeat(run);
  let j = i + run;
  for (;;) {
    j = text.indexOf(marker, j);
    if (j === -1) return null;
    const prev = text[j - 1];
    const next = text[j + run];
    if (
      j > i + run &&
      !/\s/.test(prev) &&
      prev !== c &&
      next !== c &&
      (c !== "_" || !next || !RE_WORD.test(next))
    ) break;
    j += 1;
  }
  const inner = text.slice(i + run, j);
  let node;
  if (c === "~") node = h("del");
  else if (run === 1) node = h("em");
  else if (run === 2) node = h("strong");
  else node = h("strong", null, h("em"));
  (node.firstChild || node).appendChild(inline(inner, ctx, opts));
  return { node: node, end: j + run };
}

function appendCitations(frag, list, ctx) {
  const nums = list.split(/[,;]/).map((s) => parseInt(s.trim(), 10));
  const group = h("span", { class: "cw-cites" });
  frag.appendChild(group);
  frag = group;
  frag.appendChild(document.createTextNode("["));
  nums.forEach(function (num, k) {
    if (k) frag.appendChild(document.createTextNode(", "));
    const src = ctx && ctx.sources ? ctx.sources.get(num) : null;
    if (src && ctx.onCite) {
      const btn = h("button", {
        type: "button",
        class: "cw-cite",
        "aria-label": "Source " + num + " : " + sourceLabel(src),
        text: String(num),
        onclick: function () {
          ctx.onCite(num);
        },
      });
      frag.appendChild(btn);
    } else {
      frag.appendChild(document.createTextNode(String(num)));
    }
  });
  frag.appendChild(document.createTextNode("]"));
}

function sourceLocation(src) {
  if (typeof src.page === "number") return "page " + src.page;
  if (src.section) return "section " + src.section;
  return null;
}

function sourceLabel(src) {
  const loc = sourceLocation(src);
  return (src.title || src.source || "document") + (loc ? ", " + loc : "");
}

// --- 45-clipboard.js ---
// Clipboard: a drafted clause as clean HTML (headings, lists and bold survive a paste into Word or
// LibreOffice) and as plain text, both without Markdown markers. Built from the same safe DOM as
// the panel (renderMarkdown), then serialised with a short list of allowed tags.

const CLEAN_TAGS = new Set([
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "del", "blockquote", "pre", "code",
  "thead", "tbody", "tr", "th", "td",
]);
const TODO_STYLE = "background-color:#ffff00";

function clauseDom(markdown, plainSpaces) {
  const box = document.createElement("div");
  box.appendChild(renderMarkdown(markdown, { sources: new Map(), headingShift: 0, plainSpaces: plainSpaces }));
  return box;
}

function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function isScreenReaderOnly(node) {
  return node.classList && node.classList.contains("cw-sr");
}

/** HTML of a rendered node: allowed tags only, no class, no script, no Markdown. */
function cleanHtml(node) {
  if (node.nodeType === Node.TEXT_NODE) return escapeHtml(node.nodeValue);
  if (node.nodeType !== Node.ELEMENT_NODE || isScreenReaderOnly(node)) return "";
  const inner = Array.prototype.map.call(node.childNodes, cleanHtml).join("");
  const tag = node.tagName.toLowerCase();
  if (tag === "br" || tag === "hr") return "<" + tag + ">";
  if (tag === "mark") return '<mark style="' + TODO_STYLE + '">' + inner + "</mark>";
  if (tag === "a") return '<a href="' + escapeHtml(node.getAttribute("href")) + '">' + inner + "</a>";
  if (tag === "table") return '<table border="1" cellpadding="4" style="border-collapse:collapse">' + inner + "</table>";
  if (tag === "ol" && node.hasAttribute("start")) {
    return '<ol start="' + escapeHtml(node.getAttribute("start")) + '">' + inner + "</ol>";
  }
  if (CLEAN_TAGS.has(tag)) return "<" + tag + ">" + inner + "</" + tag + ">";
  return inner; // wrappers (table region, citation groups and buttons): their content only
}

/** Inline text of a node: line breaks kept, screen-reader-only text left out. */
function plainInline(node) {
  if (node.nodeType === Node.TEXT_NODE) return node.nodeValue;
  if (node.nodeType !== Node.ELEMENT_NODE || isScreenReaderOnly(node)) return "";
  if (node.tagName === "BR") return "\n";
  return Array.prototype.map.call(node.childNodes, plainInline).join("");
}

function plainList(list, depth, out) {
  const ordered = list.tagName === "OL";
  let num = ordered && list.hasAttribute("start") ? parseInt(list.getAttribute("start"), 10) : 1;
  const pad = "    ".repeat(depth);
  Array.prototype.forEach.call(list.children, function (li) {
    const marker = ordered ? num++ + ". " : "• ";
    const nested = [];
    const text = Array.prototype.map
      .call(li.childNodes, function (c) {
        if (c.tagName === "UL" || c.tagName === "OL") {
          nested.push(c);
          return "";
        }
        return plainInline(c);
      })
      .join("")
      .trim();
    const cont = pad + " ".repeat(marker.length);
    out.push(pad + marker + text.split("\n").join("\n" + cont));
    nested.forEach((n) => plainList(n, depth + 1, out));
  });
}

function plainBlocks(container, out) {
  Array.prototype.forEach.call(container.childNodes, function (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.nodeValue.trim()) out.push(node.nodeValue.trim(), "");
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || isScreenReaderOnly(node)) return;
    const tag = node.tagName;
    if (tag === "UL" || tag === "OL") {
      plainList(node, 0, out);
      out.push("");
    } else if (tag === "TABLE") {
      Array.prototype.forEach.call(node.querySelectorAll("tr"), function (tr) {
        out.push(Array.prototype.map.call(tr.children, (cell) => plainInline(cell).trim()).join("\t"));
      });
      out.push("");
    } else if (tag === "DIV" || tag === "BLOCKQUOTE") {
      plainBlocks(node, out);
    } else if (tag === "HR") {
      out.push("");
    } else {
      out.push(plainInline(node).trim(), "");
    }
  });
}

/**
 * The clause for the clipboard: { html, text }, neither with Markdown markers. The HTML keeps
 * French non-breaking spaces (« 1 000 h » never wraps in Word); the plain text keeps the
 * clause's own spaces, safe in any form field.
 */
function clauseClipboard(markdown) {
  const dom = clauseDom(markdown, false);
  const lines = [];
  plainBlocks(clauseDom(markdown, true), lines);
  const text = lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  const html = '<div lang="fr">' + Array.prototype.map.call(dom.childNodes, cleanHtml).join("") + "</div>";
  return { html: html, text: text };
}

/** The placeholders a drafted clause still contains, in order (duplicates kept once). */
function todoPlaceholders(markdown) {
  const seen = [];
  const re = new RegExp(RE_TODO.source, "gi");
  let m;
  while ((m = re.exec(String(markdown || "")))) if (seen.indexOf(m[0]) === -1) seen.push(m[0]);
  return seen;
}

// --- 50-styles.css ---
const STYLES = `
:host {
  all: initial;
  --clauses-primary: #1f4f8a;
  --clauses-on-primary: #ffffff;
  --clauses-primary-ink: var(--clauses-primary);
  --clauses-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  --clauses-font-size: 16px;
  --clauses-text: #1b1b1b;
  --clauses-muted: #4a515b;
  --clauses-bg: #ffffff;
  --clauses-surface: #f3f5f8;
  --clauses-user-bg: #e6edf6;
  --clauses-border: #d0d5dc;
  --clauses-field-border: #6b7280;
  --clauses-error: #a4161a;
  --clauses-error-bg: #fdeeee;
  --clauses-success: #1e6b34;
  --clauses-focus: #1b1b1b;
  --clauses-radius: 10px;
  --clauses-z: 2147483000;
}
:host([data-mode="inline"]) { display: block; height: 100%; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.cw-root {
  font-family: var(--clauses-font);
  font-size: var(--clauses-font-size);
  line-height: 1.5;
  color: var(--clauses-text);
  text-align: left;
}
.cw-root[data-mode="inline"] { height: 100%; }
.cw-sr {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus { outline: none; }
:focus-visible {
  outline: 3px solid var(--clauses-focus);
  outline-offset: 2px;
  box-shadow: 0 0 0 6px #ffffff;
}
.cw-icon { width: 1.25em; height: 1.25em; flex: none; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }

/* launcher */
.cw-launcher {
  position: fixed; bottom: 20px; right: 20px; z-index: var(--clauses-z);
  display: inline-flex; align-items: center; gap: .5em;
  min-height: 3.5em; padding: 0 1.25em 0 1em;
  border: 2px solid transparent; border-radius: 999px;
  background: var(--clauses-primary); color: var(--clauses-on-primary);
  font-weight: 600; font-size: 1em; line-height: 1.2;
  box-shadow: 0 4px 14px rgba(0, 0, 0, .25);
}
.cw-root[data-position="left"] .cw-launcher { right: auto; left: 20px; }
.cw-launcher:hover { filter: brightness(1.1); }
.cw-launcher .cw-icon { width: 1.5em; height: 1.5em; }
.cw-launcher.is-open { padding: 0; width: 3.5em; justify-content: center; }

/* panel */
.cw-panel {
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--clauses-bg); color: var(--clauses-text);
  border: 1px solid var(--clauses-border);
}
.cw-root[data-mode="launcher"] .cw-panel {
  position: fixed; z-index: var(--clauses-z);
  right: 20px; bottom: calc(3.5em + 32px);
  width: min(26rem, calc(100vw - 40px));
  height: min(42rem, calc(100vh - 3.5em - 52px));
  border-radius: var(--clauses-radius);
  box-shadow: 0 12px 40px rgba(0, 0, 0, .28);
}
.cw-root[data-mode="launcher"][data-position="left"] .cw-panel { right: auto; left: 20px; }
.cw-root[data-mode="inline"] .cw-panel {
  height: 100%; min-height: 26rem; max-height: var(--clauses-inline-max-height, 85vh);
  border-radius: var(--clauses-radius);
}
/* enlarged (« Agrandir »): the panel covers the page, lines stay readable */
.cw-root[data-mode="launcher"][data-enlarged] .cw-panel,
.cw-root[data-mode="launcher"][data-position="left"][data-enlarged] .cw-panel {
  top: 16px; left: 16px; right: 16px; bottom: calc(3.5em + 32px); width: auto; height: auto;
}
.cw-root[data-mode="inline"][data-enlarged] .cw-panel {
  position: fixed; z-index: var(--clauses-z); top: 16px; left: 16px; right: 16px; bottom: 16px;
  height: auto; max-height: none; box-shadow: 0 12px 40px rgba(0, 0, 0, .28);
}
.cw-root[data-enlarged] .cw-intro, .cw-root[data-enlarged] .cw-log { max-width: 56rem; margin-left: auto; margin-right: auto; }
.cw-hbtn[aria-pressed="true"] { background: var(--clauses-on-primary); color: var(--clauses-primary); }
.cw-hbtn[aria-pressed="true"]:hover { background: var(--clauses-on-primary); filter: brightness(.92); }
@media (max-width: 480px), (max-height: 540px) {
  .cw-root[data-mode="launcher"] .cw-panel,
  .cw-root[data-mode="launcher"][data-position="left"] .cw-panel {
    top: 0; right: 0; bottom: 0; left: 0; width: 100%; height: 100%;
    border-radius: 0; border: 0;
  }
}
@media (max-height: 540px) {
  /* short viewports (zoom, landscape phones): the whole panel scrolls, so the field stays reachable */
  .cw-panel { overflow-y: auto; }
  .cw-body { flex: none; overflow: visible; }
  .cw-header { position: sticky; top: 0; z-index: 1; }
}
@media (max-width: 480px) {
  .cw-launcher { bottom: 12px; right: 12px; padding: 0; width: 3.5em; justify-content: center; }
  .cw-root[data-position="left"] .cw-launcher { left: 12px; }
  .cw-launcher-text { display: none; }
  .cw-root[data-mode="launcher"] .cw-enlarge { display: none; }
  .cw-root[data-mode="inline"] .cw-panel { min-height: 22rem; }
}
@media (prefers-reduced-motion: no-preference) {
  .cw-root[data-mode="launcher"] .cw-panel { animation: cw-in .18s ease-out; }
  @keyframes cw-in { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }
}

/* header */
.cw-header {
  display: flex; align-items: center; gap: .5em;
  padding: .625em .625em .625em 1em;
  background: var(--clauses-primary); color: var(--clauses-on-primary);
}
.cw-title { flex: 1 1 auto; min-width: 0; margin: 0; font-size: 1.0625em; font-weight: 700; line-height: 1.3; overflow-wrap: anywhere; }
.cw-hbtn {
  display: inline-flex; align-items: center; gap: .35em; flex: none;
  min-height: 2.5em; min-width: 2.5em; padding: 0 .6em; justify-content: center;
  border: 1px solid currentColor; border-radius: 6px;
  background: transparent; color: inherit; font-size: .875em;
}
.cw-hbtn:hover { background: rgba(255, 255, 255, .15); }
.cw-close { border-color: transparent; padding: 0; }

/* conversation */
.cw-body { flex: 1 1 auto; overflow-y: auto; overflow-x: hidden; padding: 1em; overscroll-behavior: contain; }
.cw-greeting { margin: 0 0 .75em; color: var(--clauses-text); }
.cw-sugg-label { margin: 0 0 .4em; font-size: .875em; color: var(--clauses-muted); font-weight: 600; }
.cw-suggestions ul, .cw-followups ul { list-style: none; margin: 0 0 1em; padding: 0; display: flex; flex-direction: column; gap: .4em; }
.cw-chip {
  display: block; width: 100%; text-align: left;
  padding: .5em .75em; border: 1px solid var(--clauses-primary-ink); border-radius: 8px;
  background: var(--clauses-bg); color: var(--clauses-primary-ink); font-size: .9375em; line-height: 1.35;
}
.cw-chip:hover { background: var(--clauses-surface); }
.cw-log { display: flex; flex-direction: column; gap: .9em; }
.cw-msg { max-width: 100%; overflow-wrap: anywhere; }
.cw-msg-user {
  align-self: flex-end; max-width: 88%;
  padding: .55em .85em; border-radius: 12px 12px 3px 12px;
  background: var(--clauses-user-bg); white-space: pre-wrap;
}
.cw-msg-user p { margin: 0; }
.cw-msg-assistant {
  align-self: stretch;
  padding: .75em .9em; border-radius: 12px 12px 12px 3px;
  background: var(--clauses-surface); border: 1px solid var(--clauses-border);
}
.cw-note { margin: .5em 0 0; font-size: .875em; color: var(--clauses-muted); font-style: italic; }
.cw-typing { display: inline-flex; align-items: center; gap: .5em; color: var(--clauses-muted); font-size: .9375em; }
.cw-dots { display: inline-flex; gap: 3px; }
.cw-dots span { width: 6px; height: 6px; border-radius: 50%; background: currentColor; opacity: .5; }
@media (prefers-reduced-motion: no-preference) {
  .cw-dots span { animation: cw-blink 1.2s infinite ease-in-out; }
  .cw-dots span:nth-child(2) { animation-delay: .2s; }
  .cw-dots span:nth-child(3) { animation-delay: .4s; }
  @keyframes cw-blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
}

/* markdown */
.cw-md > :first-child { margin-top: 0; }
.cw-md > :last-child { margin-bottom: 0; }
.cw-md p, .cw-md ul, .cw-md ol, .cw-md pre, .cw-md blockquote, .cw-md .cw-table { margin: 0 0 .65em; }
.cw-md ul, .cw-md ol { padding-left: 1.4em; }
.cw-md li { margin: .15em 0; }
.cw-md li > ul, .cw-md li > ol { margin: .15em 0; }
.cw-md-h { margin: .9em 0 .4em; line-height: 1.3; font-size: 1.05em; }
.cw-md h3.cw-md-h { font-size: 1.1em; }
.cw-md a, .cw-src a { color: var(--clauses-primary-ink); text-decoration: underline; text-underline-offset: 2px; }
.cw-md code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; background: #e4e8ee; padding: .05em .3em; border-radius: 4px; }
.cw-md pre { background: #e4e8ee; padding: .6em .75em; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; }
.cw-md pre code { background: none; padding: 0; }
.cw-md blockquote { margin-left: 0; padding-left: .8em; border-left: 3px solid var(--clauses-border); color: var(--clauses-muted); }
.cw-md hr { border: 0; border-top: 1px solid var(--clauses-border); margin: .8em 0; }
.cw-table { max-width: 100%; overflow-x: auto; }
.cw-md table { border-collapse: collapse; font-size: .9em; background: var(--clauses-bg); }
/* overflow-wrap: .cw-msg's "anywhere" would shrink a cell's min-content width to one letter and cut
   words (« Gros œuv|re »); "break-word" keeps words whole (the .cw-table region scrolls if need be). */
.cw-md th, .cw-md td { border: 1px solid var(--clauses-border); padding: .3em .5em; vertical-align: top; text-align: left; overflow-wrap: break-word; }
.cw-md th { background: #e9edf2; }
.cw-cites { white-space: nowrap; }
.cw-cite {
  display: inline; margin: 0; padding: 0 .1em; border: 0; border-radius: 3px;
  background: none; color: var(--clauses-primary-ink);
  font-weight: 700; line-height: inherit; text-decoration: underline; text-underline-offset: 2px;
}
.cw-cite:hover { background: var(--clauses-user-bg); text-decoration-thickness: 2px; }

/* result card, actions */
.cw-card { margin: .75em 0 0; padding: .65em .8em; border-radius: 8px; background: var(--clauses-bg); border: 1px solid var(--clauses-border); border-left: 4px solid var(--clauses-primary-ink); }
.cw-card-title { margin: 0; font-size: .8125em; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: var(--clauses-muted); }
.cw-card-figure { margin: .1em 0 .2em; font-size: 1.05em; }
.cw-card-figure strong { font-size: 1.5em; white-space: nowrap; color: var(--clauses-primary-ink); }
.cw-card ul { margin: 0; padding-left: 1.2em; font-size: .875em; color: var(--clauses-muted); }
.cw-actions { display: flex; flex-wrap: wrap; align-items: center; gap: .5em; margin: .75em 0 0; }
.cw-btn {
  display: inline-flex; align-items: center; gap: .4em;
  min-height: 2.5em; padding: .3em .8em; border-radius: 6px;
  border: 1px solid var(--clauses-primary-ink); background: var(--clauses-bg); color: var(--clauses-primary-ink);
  font-size: .9375em; font-weight: 600;
}
.cw-btn:hover { background: var(--clauses-surface); }
.cw-btn[aria-disabled="true"] { opacity: .65; cursor: progress; }
.cw-msg-assistant > .cw-actions { margin: 0 0 .75em; padding-bottom: .6em; border-bottom: 1px solid var(--clauses-border); }
.cw-todo-count { flex-basis: 100%; margin: 0; font-size: .875em; color: var(--clauses-text); }
.cw-md mark.cw-todo { background: #fff3b0; color: #1b1b1b; outline: 1px dashed #8a6d00; border-radius: 2px; padding: 0 .15em; }
.cw-followups { margin: .75em 0 0; }
.cw-followups ul { margin-bottom: 0; }
.cw-ok { color: var(--clauses-success); font-size: .875em; font-weight: 600; }
.cw-fail { color: var(--clauses-error); font-size: .875em; }

/* sources */
.cw-sources { margin: .8em 0 0; padding-top: .6em; border-top: 1px solid var(--clauses-border); }
.cw-sources-title { margin: 0 0 .3em; font-size: .875em; font-weight: 700; }
.cw-sources ol { list-style: none; margin: 0; padding: 0; }
.cw-sources li { margin: 0 0 .25em; }
.cw-src summary {
  display: flex; gap: .5em; align-items: baseline; cursor: pointer; list-style: none;
  padding: .25em .25em; border-radius: 4px; font-size: .9em;
}
.cw-src summary::-webkit-details-marker { display: none; }
.cw-src summary::before {
  content: ""; flex: none; width: .45em; height: .45em; margin: 0 .1em 0 .1em;
  border-right: 2px solid currentColor; border-bottom: 2px solid currentColor;
  transform: translateY(-.1em) rotate(-45deg);
}
.cw-src[open] summary::before { transform: translateY(-.2em) rotate(45deg); }
@media (prefers-reduced-motion: no-preference) { .cw-src summary::before { transition: transform .15s; } }
.cw-src summary:hover { background: #e4e8ee; }
.cw-src-n { flex: none; font-weight: 700; color: var(--clauses-primary-ink); }
.cw-src-title { font-weight: 600; }
.cw-src-loc { color: var(--clauses-muted); }
.cw-src-body { margin: .3em 0 .5em 1.6em; padding: .5em .7em; background: var(--clauses-bg); border-radius: 6px; border: 1px solid var(--clauses-border); font-size: .875em; }
.cw-src-body blockquote { margin: 0 0 .4em; white-space: pre-line; }
.cw-src-body p { margin: 0 0 .3em; color: var(--clauses-muted); }

/* feedback */
.cw-feedback { display: flex; flex-wrap: wrap; align-items: center; gap: .4em; margin: .75em 0 0; font-size: .875em; color: var(--clauses-muted); }
.cw-fb {
  display: inline-flex; align-items: center; justify-content: center;
  min-width: 2.5em; min-height: 2.5em; border-radius: 6px;
  border: 1px solid var(--clauses-field-border); background: var(--clauses-bg); color: var(--clauses-text);
}
.cw-fb:hover { background: #e4e8ee; }
.cw-fb[aria-pressed="true"] { background: var(--clauses-primary); border-color: var(--clauses-primary); color: var(--clauses-on-primary); }
.cw-comment { width: 100%; display: flex; flex-direction: column; gap: .3em; margin-top: .3em; }
.cw-comment label { color: var(--clauses-text); font-weight: 600; }
.cw-comment textarea { width: 100%; padding: .4em .5em; border: 1px solid var(--clauses-field-border); border-radius: 6px; resize: vertical; background: var(--clauses-bg); }
.cw-comment .cw-btn { align-self: flex-start; }

/* error + form */
.cw-error { margin: 0 1em; }
.cw-error.is-active {
  display: flex; flex-wrap: wrap; align-items: center; gap: .5em; margin: .5em 1em;
  padding: .6em .75em; border-radius: 8px;
  background: var(--clauses-error-bg); border: 1px solid var(--clauses-error); color: var(--clauses-error);
}
.cw-error-text { margin: 0; flex: 1 1 12em; font-size: .9375em; }
.cw-retry { border-color: var(--clauses-error); color: var(--clauses-error); }
.cw-form { padding: .6em 1em .75em; border-top: 1px solid var(--clauses-border); background: var(--clauses-bg); }
.cw-label { display: block; margin: 0 0 .3em; font-weight: 600; font-size: .9375em; }
.cw-inputrow { display: flex; align-items: flex-end; gap: .5em; }
.cw-input {
  flex: 1 1 auto; min-width: 0; min-height: 2.75em; max-height: 10em; resize: none;
  padding: .55em .7em; border: 1px solid var(--clauses-field-border); border-radius: 8px;
  background: var(--clauses-bg); line-height: 1.4;
}
.cw-input:focus-visible { outline-offset: 1px; }
.cw-send, .cw-stop {
  display: inline-flex; align-items: center; gap: .4em; flex: none;
  min-height: 2.75em; padding: 0 .9em; border-radius: 8px; border: 2px solid transparent;
  background: var(--clauses-primary); color: var(--clauses-on-primary); font-weight: 600;
}
.cw-send:hover, .cw-stop:hover { filter: brightness(1.1); }
.cw-stop { background: var(--clauses-bg); color: var(--clauses-error); border-color: var(--clauses-error); }
.cw-hint { margin: .4em 0 0; font-size: .8125em; color: var(--clauses-muted); }
.cw-count { margin: .2em 0 0; font-size: .8125em; color: var(--clauses-muted); }
.cw-probe { display: none; color: var(--clauses-primary); }
@media (max-width: 360px) {
  .cw-send-text, .cw-stop-text, .cw-clear-text, .cw-enlarge-text { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .cw-send, .cw-stop { padding: 0 .7em; }
  .cw-body, .cw-form { padding-left: .75em; padding-right: .75em; }
}
@media (forced-colors: active) {
  .cw-launcher, .cw-send, .cw-fb[aria-pressed="true"] { border-color: ButtonText; }
  .cw-md mark.cw-todo { forced-color-adjust: none; background: Mark; color: MarkText; }
  .cw-msg-assistant, .cw-msg-user { border: 1px solid CanvasText; }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
}
`;

// --- 50-styles.js ---
// Styles: STYLES (built from styles.css) adopted in the shadow root; contrast helpers.
let sharedSheet = null;
function applyStyles(shadow) {
  if ("adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
    try {
      if (!sharedSheet) {
        sharedSheet = new CSSStyleSheet();
        sharedSheet.replaceSync(STYLES);
      }
      shadow.adoptedStyleSheets = [sharedSheet];
      return;
    } catch (_) {
      /* fall back to a <style> element */
    }
  }
  shadow.appendChild(h("style", { text: STYLES }));
}

function parseRgb(str) {
  const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)/.exec(str || "");
  return m ? [+m[1], +m[2], +m[3]] : null;
}

function luminance(rgb) {
  const c = rgb.map(function (v) {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

function contrast(a, b) {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

// --- 60-widget.js ---
// Widget: the class (state, storage, DOM skeleton, open/close, focus, status); features are added
// to its prototype by the 6x-widget-*.js files.
class Widget {
  constructor(cfg, target) {
    this.cfg = cfg;
    this.inline = cfg.mode === "inline";
    this.storageKey = "clauses-widget:v1:" + cfg.api + (this.inline ? ":inline:" + cfg.target : ":launcher");
    this.state = this.load();
    this.busy = false;
    this.controller = null;
    this.lastQuestion = null;
    this.nodes = new Map(); // message id -> element
    this.renderTimer = null;
    this.enlarged = false;
    this.build(target);
    this.renderAll();
    this.checkContrast();
    if (!this.inline && cfg.open) this.open({ focus: false });
  }

  // ---------- storage ----------
  load() {
    const empty = { sessionId: null, messages: [] };
    try {
      const raw = window.sessionStorage.getItem(this.storageKey);
      if (!raw) return empty;
      const data = JSON.parse(raw);
      if (!data || !Array.isArray(data.messages)) return empty;
      const messages = data.messages
        .filter((m) => m && (m.role === "user" || m.role === "assistant") && typeof m.text === "string")
        .map(function (m) {
          if (m.status === "streaming") m.status = "stopped";
          if (!m.id) m.id = nextId("m");
          return m;
        });
      return { sessionId: typeof data.sessionId === "string" ? data.sessionId : null, messages: messages };
    } catch (_) {
      return empty;
    }
  }

  save() {
    try {
      const messages = this.state.messages.filter((m) => m.status !== "streaming").slice(-MAX_STORED_MESSAGES);
      window.sessionStorage.setItem(
        this.storageKey,
        JSON.stringify({ v: 1, sessionId: this.state.sessionId, messages: messages })
      );
    } catch (_) {
      /* storage full or disabled: the conversation simply won't survive a reload */
    }
  }

  // ---------- DOM ----------
  build(target) {
    const cfg = this.cfg;
    const host = h("div", { class: "clauses-widget-host", "data-clauses-widget": cfg.mode, "data-mode": cfg.mode, lang: "fr" });
    if (cfg.primary) host.style.setProperty("--clauses-primary", cfg.primary);
    if (cfg.font) host.style.setProperty("--clauses-font", cfg.font);
    this.host = host;
    const shadow = host.attachShadow({ mode: "open" });
    this.shadow = shadow;
    applyStyles(shadow);

    const id = (s) => "cw-" + s;
    const root = h("div", { class: "cw-root", lang: "fr", dir: "ltr", "data-mode": cfg.mode, "data-position": cfg.position });
    this.root = root;

    if (!this.inline) {
      this.launcher = h(
        "button",
        {
          type: "button",
          class: "cw-launcher",
          "aria-label": LAUNCHER_LABEL,
          "aria-expanded": "false",
          "aria-controls": id("panel"),
          onclick: () => (this.isOpen() ? this.close() : this.open()),
        },
        icon("chat"),
        h("span", { class: "cw-launcher-text", "aria-hidden": "true", text: "Une question ?" })
      );
      root.appendChild(this.launcher);
    }

    const panel = h("div", { class: "cw-panel", id: id("panel"), "aria-labelledby": id("title") });
    if (this.inline) panel.setAttribute("role", "region");
    else {
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-modal", "true");
      panel.hidden = true;
    }
    this.panel = panel;

    // header
    this.clearBtn = h(
      "button",
      { type: "button", class: "cw-hbtn cw-clear", "aria-label": "Effacer la conversation", onclick: () => this.clear({ focus: true }) },
      icon("trash"),
      h("span", { class: "cw-clear-text", text: "Effacer" })
    );
    this.enlargeBtn = h(
      "button",
      {
        type: "button",
        class: "cw-hbtn cw-enlarge",
        "aria-pressed": "false",
        "aria-controls": id("panel"),
        title: "Agrandir le panneau pour lire les textes longs",
        onclick: () => this.setEnlarged(!this.enlarged),
      },
      icon("expand"),
      h("span", { class: "cw-enlarge-text", text: "Agrandir" })
    );
    const header = h(
      "div",
      { class: "cw-header" },
      h("h2", { class: "cw-title", id: id("title"), text: cfg.title }),
      this.enlargeBtn,
      this.clearBtn
    );
    if (!this.inline) {
      this.closeBtn = h(
        "button",
        { type: "button", class: "cw-hbtn cw-close", "aria-label": "Fermer", title: "Fermer", onclick: () => this.close() },
        icon("close")
      );
      header.appendChild(this.closeBtn);
    }

    // intro + suggestions
    this.intro = h("div", { class: "cw-intro" });
    if (cfg.greeting) this.intro.appendChild(h("p", { class: "cw-greeting", text: cfg.greeting }));
    this.suggestions = null;
    if (cfg.suggestions.length) {
      const list = h("ul", { "aria-labelledby": id("sugg") });
      cfg.suggestions.forEach((q) => {
        list.appendChild(
          h("li", null, h("button", { type: "button", class: "cw-chip", text: q, onclick: () => this.ask(q, { fromChip: true }) }))
        );
      });
      this.suggestions = h("div", { class: "cw-suggestions" }, h("p", { class: "cw-sugg-label", id: id("sugg"), text: "Exemples de questions :" }), list);
      this.intro.appendChild(this.suggestions);
    }

    this.log = h("div", { class: "cw-log", role: "log", "aria-live": "polite", "aria-busy": "false", "aria-label": "Conversation" });
    this.body = h("div", { class: "cw-body" }, this.intro, this.log);

    this.status = h("div", { class: "cw-sr", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.alertText = h("p", { class: "cw-error-text", role: "alert" });
    this.retryBtn = h(
      "button",
      { type: "button", class: "cw-btn cw-retry", hidden: true, onclick: () => this.retry() },
      icon("retry"),
      h("span", { text: "Réessayer" })
    );
    this.errorBox = h("div", { class: "cw-error" }, this.alertText, this.retryBtn);

    // form
    this.input = h("textarea", {
      id: id("input"),
      class: "cw-input",
      rows: "1",
      maxlength: String(MAX_MESSAGE),
      "aria-describedby": id("hint"),
      autocomplete: "off",
      spellcheck: "true",
    });
    this.sendBtn = h("button", { type: "submit", class: "cw-send" }, icon("send"), h("span", { class: "cw-send-text", text: "Envoyer" }));
    this.stopBtn = h(
      "button",
      { type: "button", class: "cw-stop", hidden: true, onclick: () => this.stop() },
      icon("stop"),
      h("span", { class: "cw-stop-text", text: "Arrêter" })
    );
    this.count = h("p", { class: "cw-count", hidden: true });
    this.form = h(
      "form",
      { class: "cw-form", novalidate: true },
      h("label", { class: "cw-label", for: id("input"), text: "Votre question" }),
      h("div", { class: "cw-inputrow" }, this.input, this.sendBtn, this.stopBtn),
      this.count,
      h("p", {
        class: "cw-hint",
        id: id("hint"),
        text: "Entrée pour envoyer, Maj + Entrée pour aller à la ligne. Réponses indicatives, à vérifier ; ne saisissez pas de données personnelles.",
      })
    );
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.ask(this.input.value);
    });
    this.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.altKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        if (!this.busy) this.ask(this.input.value);
      }
    });
    this.input.addEventListener("input", () => this.autosize());

    panel.appendChild(header);
    panel.appendChild(this.body);
    panel.appendChild(this.status);
    panel.appendChild(this.errorBox);
    panel.appendChild(this.form);
    panel.appendChild(h("span", { class: "cw-probe", "aria-hidden": "true" }));
    panel.addEventListener("keydown", (e) => this.onPanelKeydown(e));
    root.appendChild(panel);
    shadow.appendChild(root);

    if (this.inline) target.replaceChildren(host);
    else document.body.appendChild(host);
  }

  checkContrast() {
    try {
      const probe = this.shadow.querySelector(".cw-probe");
      const rgb = parseRgb(getComputedStyle(probe).color);
      if (!rgb) return;
      const white = [255, 255, 255];
      const dark = [27, 27, 27];
      if (contrast(rgb, white) < 4.5) {
        const onDark = contrast(rgb, dark) >= 4.5;
        this.host.style.setProperty("--clauses-on-primary", onDark ? "#1b1b1b" : "#ffffff");
        this.host.style.setProperty("--clauses-primary-ink", "#1b1b1b");
        console.warn(TAG + " La couleur principale contraste peu avec le blanc (< 4,5:1) : texte sombre utilisé pour rester lisible.");
      }
    } catch (_) {
      /* best effort */
    }
  }

  autosize() {
    const ta = this.input;
    ta.style.height = "auto";
    ta.style.height = Math.min(ta.scrollHeight + 2, 160) + "px";
    const len = ta.value.length;
    if (len > MAX_MESSAGE * 0.85) {
      this.count.hidden = false;
      this.count.textContent = fmtNumber(len, 0) + " / " + fmtNumber(MAX_MESSAGE, 0) + " caractères";
    } else this.count.hidden = true;
  }

  // ---------- open / close / focus ----------
  isOpen() {
    return this.inline || !this.panel.hidden;
  }

  open(opts) {
    opts = opts || {};
    if (!this.inline) {
      this.panel.hidden = false;
      this.launcher.setAttribute("aria-expanded", "true");
      this.launcher.replaceChildren(icon("chevron"));
      this.launcher.classList.add("is-open");
    }
    this.scrollToBottom(true);
    if (opts.focus !== false) this.input.focus();
  }

  close(opts) {
    opts = opts || {};
    if (this.inline || this.panel.hidden) return;
    this.panel.hidden = true;
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.replaceChildren(icon("chat"), h("span", { class: "cw-launcher-text", "aria-hidden": "true", text: "Une question ?" }));
    this.launcher.classList.remove("is-open");
    if (opts.focus !== false) this.launcher.focus();
  }

  /** Enlarged: the panel covers the page (launcher and inline modes alike), for long clauses. */
  setEnlarged(on) {
    this.enlarged = !!on;
    this.root.toggleAttribute("data-enlarged", this.enlarged);
    this.enlargeBtn.setAttribute("aria-pressed", String(this.enlarged));
    this.enlargeBtn.replaceChildren(icon(this.enlarged ? "shrink" : "expand"), h("span", { class: "cw-enlarge-text", text: "Agrandir" }));
    this.announce(this.enlarged ? "Panneau agrandi" : "Panneau revenu à sa taille normale");
  }

  focusables() {
    const sel = 'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    return Array.prototype.filter.call(this.panel.querySelectorAll(sel), function (el) {
      return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    });
  }

  onPanelKeydown(e) {
    if (e.key === "Escape" && this.enlarged) {
      // first Escape leaves the enlarged view (like leaving full screen); the next one closes
      e.preventDefault();
      this.setEnlarged(false);
      this.enlargeBtn.focus();
      return;
    }
    if (e.key === "Escape" && !this.inline) {
      e.preventDefault();
      e.stopPropagation();
      this.close();
      return;
    }
    if (e.key === "Tab" && (!this.inline || this.enlarged)) {
      const items = this.focusables();
      if (!items.length) return;
      const first = items[0];
      const last = items[items.length - 1];
      const active = this.shadow.activeElement;
      const inside = items.indexOf(active) !== -1;
      if (e.shiftKey && (active === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (active === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    }
  }

  scroller() {
    return getComputedStyle(this.panel).overflowY === "auto" ? this.panel : this.body;
  }

  scrollToBottom(force) {
    const b = this.scroller();
    if (force || b.scrollHeight - b.scrollTop - b.clientHeight < 120) b.scrollTop = b.scrollHeight;
  }

  /** A drafted clause's answer, whose toolbar (copy, .docx) comes first, scrolled to the top of the view. */
  revealDraftActions(m) {
    const el = this.nodes.get(m.id);
    if (!el || !el.querySelector(".cw-actions")) return false;
    const b = this.scroller();
    const header = b === this.panel ? this.panel.querySelector(".cw-header").offsetHeight : 0; // sticky there
    b.scrollTop += el.getBoundingClientRect().top - b.getBoundingClientRect().top - header - 8;
    return true;
  }

  announce(text) {
    // Same text twice in a row would not be re-announced: clear first.
    const seq = (this.announceSeq = (this.announceSeq || 0) + 1);
    this.status.textContent = "";
    window.setTimeout(() => {
      if (seq === this.announceSeq) this.status.textContent = text;
    }, 30);
  }

  silence() {
    this.announceSeq = (this.announceSeq || 0) + 1;
    this.status.textContent = "";
  }

  showError(message, retry) {
    this.errorBox.classList.add("is-active");
    this.alertText.textContent = message;
    this.retryBtn.hidden = !retry;
  }

  hideError() {
    this.errorBox.classList.remove("is-active");
    this.alertText.textContent = "";
    this.retryBtn.hidden = true;
  }

  setBusy(busy) {
    this.busy = busy;
    this.log.setAttribute("aria-busy", busy ? "true" : "false");
    const active = this.shadow.activeElement;
    this.sendBtn.hidden = busy;
    this.stopBtn.hidden = !busy;
    if (busy && active === this.sendBtn) this.stopBtn.focus();
    if (!busy && active === this.stopBtn) this.input.focus();
  }
}

// --- 61-widget-render.js ---
// Widget: rendering of messages (Markdown, sizing card, sources).
Object.assign(Widget.prototype, {
  renderAll() {
    this.nodes.clear();
    this.log.replaceChildren();
    this.state.messages.forEach((m) => {
      const el = this.renderMessage(m);
      this.nodes.set(m.id, el);
      this.log.appendChild(el);
    });
    this.updateIntro();
  },

  updateIntro() {
    if (this.suggestions) this.suggestions.hidden = this.state.messages.length > 0;
  },

  appendMessage(m) {
    this.state.messages.push(m);
    const el = this.renderMessage(m);
    this.nodes.set(m.id, el);
    this.log.appendChild(el);
    this.updateIntro();
    return el;
  },

  rerender(m) {
    const old = this.nodes.get(m.id);
    const el = this.renderMessage(m);
    this.nodes.set(m.id, el);
    if (old && old.parentNode) old.replaceWith(el);
    else this.log.appendChild(el);
  },

  removeMessage(m) {
    const idx = this.state.messages.indexOf(m);
    if (idx !== -1) this.state.messages.splice(idx, 1);
    const el = this.nodes.get(m.id);
    if (el) el.remove();
    this.nodes.delete(m.id);
    this.updateIntro();
  },

  renderMessage(m) {
    if (m.role === "user") {
      return h("div", { class: "cw-msg cw-msg-user", "data-id": m.id }, srOnly("Vous : "), h("p", { text: m.text }));
    }
    const el = h("div", { class: "cw-msg cw-msg-assistant", "data-id": m.id, "data-status": m.status || "done" });
    if (m.intent) el.setAttribute("data-intent", m.intent);
    el.appendChild(srOnly("Réponse de l'assistant : "));
    const md = h("div", { class: "cw-md" });
    el.appendChild(md);
    this.fillMarkdown(m, md);
    if (m.status === "streaming" && !m.text) {
      md.appendChild(
        h("p", { class: "cw-typing" }, h("span", { class: "cw-dots", "aria-hidden": "true" }, h("span"), h("span"), h("span")), MSG.generating)
      );
    }
    if (m.status === "stopped") el.appendChild(h("p", { class: "cw-note", text: "Génération arrêtée : réponse incomplète." }));
    if (m.status === "error") el.appendChild(h("p", { class: "cw-note", text: "Réponse incomplète (erreur pendant la génération)." }));
    if (m.status === "done") {
      (m.notices || []).forEach(function (n) {
        if (typeof n === "string" && n) el.appendChild(h("p", { class: "cw-note", text: n }));
      });
      const calls = Array.isArray(m.toolCalls) ? m.toolCalls : [];
      calls.forEach((call) => {
        if (!call || typeof call !== "object") return;
        if (call.name === "size") {
          const card = this.renderSizeCard(call);
          if (card) el.appendChild(card);
        } else if (call.name === "draft") {
          // above the clause, so a long text need not be scrolled through to copy or download it
          const actions = this.renderDraftActions(m, call);
          if (actions) el.insertBefore(actions, md);
        }
      });
      if (Array.isArray(m.suggestions) && m.suggestions.length) el.appendChild(this.renderFollowUps(m));
      if (Array.isArray(m.sources) && m.sources.length) el.appendChild(this.renderSources(m));
      if (m.messageId && this.state.sessionId) el.appendChild(this.renderFeedback(m));
    }
    return el;
  },

  fillMarkdown(m, md) {
    const sources = new Map();
    if (m.status === "done" && Array.isArray(m.sources)) {
      m.sources.forEach(function (s) {
        if (s && typeof s.n === "number") sources.set(s.n, s);
      });
    }
    md.replaceChildren(
      renderMarkdown(m.text, {
        sources: sources,
        onCite: (n) => this.revealSource(m, n),
      })
    );
  },

  scheduleStreamRender(m) {
    if (this.renderTimer) return;
    this.renderTimer = window.setTimeout(() => {
      this.renderTimer = null;
      if (m.status !== "streaming") return;
      const el = this.nodes.get(m.id);
      if (!el) return;
      this.fillMarkdown(m, el.querySelector(".cw-md"));
      this.scrollToBottom(false);
    }, 50);
  },

  renderSizeCard(call) {
    const r = call.result || {};
    if (typeof r.hours !== "number") return null;
    const items = [];
    if (r.method_label) items.push("Méthode : " + r.method_label);
    if (typeof r.hours_worked === "number") items.push("Heures travaillées estimées : " + fmtNumber(r.hours_worked, 0) + " h");
    if (typeof r.etp_total === "number") {
      let t = "Soit " + fmtNumber(r.etp_total, 2) + " ETP";
      if (typeof r.etp_per_year === "number") t += " (" + fmtNumber(r.etp_per_year, 2) + " ETP par an)";
      items.push(t);
    } else if (typeof r.etp_per_year === "number") items.push("Soit " + fmtNumber(r.etp_per_year, 2) + " ETP par an");
    if (typeof r.formula === "string" && r.formula) items.push("Calcul : " + r.formula);
    const figure = fmtNumber(r.hours, 0);
    return h(
      "div",
      { class: "cw-card", role: "group", "aria-label": "Résultat du calcul" },
      h("p", { class: "cw-card-title", text: "Résultat du calcul" }),
      h("p", { class: "cw-card-figure" }, h("strong", { text: figure }), " heures d'insertion"),
      items.length ? h("ul", null, items.map((t) => h("li", { text: t }))) : null
    );
  },

  /** Questions the assistant proposes when unsure (« Vouliez-vous dire : … »): one click asks them. */
  renderFollowUps(m) {
    const labelId = "cw-fu-" + m.id;
    const list = h("ul", { "aria-labelledby": labelId });
    m.suggestions.forEach((q) => {
      list.appendChild(
        h("li", null, h("button", { type: "button", class: "cw-chip", text: q, onclick: () => this.ask(q, { fromChip: true }) }))
      );
    });
    return h(
      "div",
      { class: "cw-followups" },
      h("p", { class: "cw-sugg-label", id: labelId, text: "Questions proposées :" }),
      list
    );
  },

  renderSources(m) {
    const titleId = "cw-srct-" + m.id;
    const list = h("ol", { "aria-labelledby": titleId });
    m.sources.forEach((s) => {
      if (!s || typeof s !== "object") return;
      const loc = sourceLocation(s);
      const summary = h(
        "summary",
        null,
        h("span", { class: "cw-src-n" }, srOnly("Source "), String(s.n), h("span", { "aria-hidden": "true", text: "." })),
        h(
          "span",
          null,
          srOnly(" : "),
          h("span", { class: "cw-src-title", text: String(s.title || s.source || "Document") }),
          loc ? h("span", { class: "cw-src-loc", text: " — " + loc }) : null
        )
      );
      const bodyEls = [];
      if (s.excerpt) bodyEls.push(h("blockquote", { text: String(s.excerpt) }));
      if (s.source) bodyEls.push(h("p", { text: "Document : " + s.source }));
      const url = s.url ? safeUrl(s.url) : null;
      if (url) bodyEls.push(h("p", null, externalLink(url, "Consulter la source")));
      const details = h("details", { class: "cw-src", id: "cw-src-" + m.id + "-" + s.n }, summary, h("div", { class: "cw-src-body" }, bodyEls));
      list.appendChild(h("li", null, details));
    });
    return h("div", { class: "cw-sources" }, h("p", { class: "cw-sources-title", id: titleId, text: "Sources" }), list);
  },

  revealSource(m, n) {
    const det = this.shadow.getElementById("cw-src-" + m.id + "-" + n);
    if (!det) return;
    det.open = true;
    const summary = det.querySelector("summary");
    summary.focus();
    summary.scrollIntoView({ block: "nearest", behavior: prefersReducedMotion() ? "auto" : "smooth" });
  },

});

// --- 62-widget-draft.js ---
// Widget: actions on a drafted clause (copy as rich and plain text, .docx download).
Object.assign(Widget.prototype, {
  /** The toolbar of a drafted clause, shown above its text: copy, .docx, what is left to complete. */
  renderDraftActions(m, call) {
    const r = call.result || {};
    const args = call.arguments || {};
    if (typeof r.text !== "string" || !r.text) return null;
    const feedback = h("span", { class: "cw-ok" });
    const copyBtn = h("button", { type: "button", class: "cw-btn cw-copy" }, icon("copy"), h("span", { text: "Copier la clause" }));
    copyBtn.addEventListener("click", async () => {
      const ok = await this.copyClause(r.text, copyBtn);
      feedback.className = ok ? "cw-ok" : "cw-fail";
      feedback.textContent = ok ? "Copié" : "Copie impossible : sélectionnez le texte de la réponse.";
      this.announce(ok ? "Copié : clause copiée dans le presse-papiers, mise en forme comprise" : "Copie impossible");
      window.clearTimeout(copyBtn.__t);
      copyBtn.__t = window.setTimeout(function () {
        feedback.textContent = "";
      }, 6000);
    });
    const group = h("div", { class: "cw-actions", role: "group", "aria-label": "Clause rédigée" + (r.title ? " : " + r.title : "") }, copyBtn);
    if (args.kind) {
      const dlBtn = h("button", { type: "button", class: "cw-btn cw-download" }, icon("download"), h("span", { text: "Télécharger (.docx)" }));
      dlBtn.addEventListener("click", () => this.downloadDocx(args, dlBtn, feedback));
      group.appendChild(dlBtn);
    }
    group.appendChild(feedback);
    const todo = todoPlaceholders(r.text).length;
    if (todo) {
      const what = todo === 1 ? "1 élément à compléter, surligné" : fmtNumber(todo, 0) + " éléments à compléter, surlignés";
      group.appendChild(h("p", { class: "cw-todo-count", text: what + " dans le texte." }));
    }
    return group;
  },

  /** Puts the clause on the clipboard as rich text (text/html) and plain text (text/plain). */
  async copyClause(markdown, returnFocusTo) {
    const clip = clauseClipboard(markdown);
    try {
      if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write && window.isSecureContext) {
        await navigator.clipboard.write([
          new ClipboardItem({
            "text/html": new Blob([clip.html], { type: "text/html" }),
            "text/plain": new Blob([clip.text], { type: "text/plain" }),
          }),
        ]);
        return true;
      }
    } catch (_) {
      /* fall back below */
    }
    // Older browsers: a copy command whose event carries both versions.
    const onCopy = (e) => {
      e.clipboardData.setData("text/html", clip.html);
      e.clipboardData.setData("text/plain", clip.text);
      e.preventDefault();
    };
    const ta = h("textarea", { class: "cw-sr", readonly: true, "aria-hidden": "true", tabindex: "-1" });
    ta.value = clip.text;
    this.root.appendChild(ta);
    ta.select();
    document.addEventListener("copy", onCopy, true);
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (_) {
      ok = false;
    }
    document.removeEventListener("copy", onCopy, true);
    ta.remove();
    if (returnFocusTo) returnFocusTo.focus();
    return ok;
  },

  async downloadDocx(args, btn, feedback) {
    if (btn.getAttribute("aria-disabled") === "true") return;
    btn.setAttribute("aria-disabled", "true");
    feedback.className = "cw-ok";
    feedback.textContent = "Préparation du document…";
    try {
      const res = await this.fetchWithTimeout("/api/draft", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: DOCX_MIME },
        body: JSON.stringify({ kind: args.kind, parameters: args.parameters || {}, format: "docx" }),
      });
      if (!res.ok) throw await httpError(res);
      const blob = await res.blob();
      const name = filenameFromDisposition(res.headers.get("Content-Disposition")) || "clause-sociale.docx";
      const href = URL.createObjectURL(blob);
      const a = h("a", { href: href, download: name, hidden: true });
      this.root.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(function () {
        URL.revokeObjectURL(href);
      }, 30000);
      feedback.textContent = "Téléchargement lancé : " + name;
      this.announce("Téléchargement du document " + name + " lancé");
    } catch (err) {
      const e = this.describeError(err);
      feedback.className = "cw-fail";
      feedback.textContent = "";
      this.showError("Le document n'a pas pu être téléchargé : " + e.message, false);
    } finally {
      btn.removeAttribute("aria-disabled");
    }
  },
});

// --- 63-widget-feedback.js ---
// Widget: the thumbs up/down and comment form under an answer.
Object.assign(Widget.prototype, {
  renderFeedback(m) {
    const msg = h("span", { class: "cw-ok" });
    const up = h("button", { type: "button", class: "cw-fb", "aria-label": "Réponse utile", "aria-pressed": String(m.rating === "up") }, icon("up"));
    const down = h("button", { type: "button", class: "cw-fb", "aria-label": "Réponse pas utile", "aria-pressed": String(m.rating === "down") }, icon("down"));
    const box = h("div", { class: "cw-feedback", role: "group", "aria-label": "Avis sur la réponse" }, h("span", { text: "Cette réponse vous a-t-elle été utile ?" }), up, down, msg);
    if (m.rating) msg.textContent = "Merci pour votre retour.";
    let commentForm = null;
    const send = async (rating, comment) => {
      try {
        await this.postJSON("/api/feedback", {
          session_id: this.state.sessionId,
          message_id: m.messageId,
          rating: rating,
          comment: comment || null,
        });
        return true;
      } catch (err) {
        const e = this.describeError(err);
        msg.className = "cw-fail";
        msg.textContent = "Votre avis n'a pas pu être envoyé. " + (e.status ? e.message : "");
        this.showError("Votre avis n'a pas pu être envoyé : " + e.message, false);
        return false;
      }
    };
    const rate = async (rating) => {
      if (m.rating === rating) return;
      const ok = await send(rating, null);
      if (!ok) return;
      m.rating = rating;
      this.save();
      up.setAttribute("aria-pressed", String(rating === "up"));
      down.setAttribute("aria-pressed", String(rating === "down"));
      msg.className = "cw-ok";
      msg.textContent = "Merci pour votre retour.";
      this.announce("Merci pour votre retour.");
      if (commentForm) {
        commentForm.remove();
        commentForm = null;
      }
      if (rating === "down" && !m.commented) {
        const cid = "cw-cmt-" + m.id;
        const ta = h("textarea", { id: cid, rows: "2", maxlength: "1000" });
        commentForm = h(
          "form",
          { class: "cw-comment", novalidate: true },
          h("label", { for: cid, text: "Qu'est-ce qui n'allait pas ? (facultatif)" }),
          ta,
          h("button", { type: "submit", class: "cw-btn", text: "Envoyer le commentaire" })
        );
        commentForm.addEventListener("submit", async (e) => {
          e.preventDefault();
          const text = ta.value.trim();
          if (!text) {
            ta.focus();
            return;
          }
          if (await send("down", text)) {
            m.commented = true;
            this.save();
            commentForm.remove();
            commentForm = null;
            down.focus();
            msg.textContent = "Merci, votre commentaire a été transmis.";
            this.announce("Merci, votre commentaire a été transmis.");
          }
        });
        box.appendChild(commentForm);
      }
    };
    up.addEventListener("click", () => rate("up"));
    down.addEventListener("click", () => rate("down"));
    return box;
  },

});

// --- 64-widget-network.js ---
// Widget: asking, streaming, errors, stop, retry, clear.
Object.assign(Widget.prototype, {
  url(path) {
    return this.cfg.api + path;
  },

  async fetchWithTimeout(path, init) {
    const ctrl = new AbortController();
    let timedOut = false;
    const timer = window.setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, this.cfg.timeoutMs);
    try {
      return await fetch(this.url(path), Object.assign({}, init, { signal: ctrl.signal }));
    } catch (err) {
      if (timedOut) {
        const e = new Error(MSG.timeout);
        e.name = "TimeoutError";
        throw e;
      }
      throw err;
    } finally {
      window.clearTimeout(timer);
    }
  },

  async postJSON(path, body) {
    const res = await this.fetchWithTimeout(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw await httpError(res);
    try {
      return await res.json();
    } catch (_) {
      return null;
    }
  },

  describeError(err) {
    if (err && err.name === "HttpError") {
      return { code: err.code, message: err.message, status: err.status, retry: err.status === 408 || err.status === 429 || err.status >= 500 };
    }
    if (err && err.name === "TimeoutError") return { code: "timeout", message: MSG.timeout, retry: true };
    if (err && err.name === "StreamError") return { code: err.code, message: err.message, retry: err.retry !== false };
    return { code: "network", message: MSG.network, retry: true };
  },

  async ask(rawText, opts) {
    opts = opts || {};
    const text = String(rawText || "").trim();
    if (!text || this.busy) return;
    if (text.length > MAX_MESSAGE) {
      this.showError(MSG.tooLong, false);
      return;
    }
    this.hideError();
    if (opts.fromChip || this.shadow.activeElement === this.retryBtn) this.input.focus();
    this.setBusy(true);
    this.announce(MSG.generating);
    if (!opts.retry) {
      this.appendMessage({ id: nextId("m"), role: "user", text: text, status: "done" });
      this.input.value = "";
      this.autosize();
      this.save();
    }
    this.lastQuestion = text;
    const m = { id: nextId("m"), role: "assistant", text: "", status: "streaming", sources: [], toolCalls: [], notices: [] };
    this.appendMessage(m);
    this.scrollToBottom(true);

    const ctrl = new AbortController();
    this.controller = ctrl;
    this.stopRequested = false;
    let outcome;
    try {
      const data = await this.streamAnswer(text, m, ctrl);
      this.finalize(m, data);
      outcome = { done: true };
    } catch (err) {
      if (this.stopRequested) outcome = { stopped: true };
      else outcome = { error: this.describeError(err) };
    }
    if (this.renderTimer) {
      window.clearTimeout(this.renderTimer);
      this.renderTimer = null;
    }
    if (this.controller !== ctrl) return; // cleared meanwhile
    this.controller = null;

    let revealed = false;
    if (outcome.done) {
      this.rerender(m);
      revealed = this.revealDraftActions(m);
      this.save();
      this.setBusy(false);
      const proposed = m.suggestions.length;
      if (!proposed) this.announce(MSG.done);
      else this.announce(MSG.done + (proposed === 1 ? " : 1 question proposée" : " : " + proposed + " questions proposées") + " sous la réponse");
    } else if (outcome.stopped) {
      if (m.text) {
        m.status = "stopped";
        this.rerender(m);
      } else this.removeMessage(m);
      this.save();
      this.setBusy(false);
      this.announce(MSG.stopped);
    } else {
      if (m.text) {
        m.status = "error";
        this.rerender(m);
      } else this.removeMessage(m);
      this.save();
      this.setBusy(false);
      this.silence();
      this.showError(outcome.error.message, outcome.error.retry);
    }
    if (!revealed) this.scrollToBottom(false);
  },

  finalize(m, data) {
    if (!data || typeof data !== "object") {
      const e = new Error(MSG.badResponse);
      e.name = "StreamError";
      throw e;
    }
    if (typeof data.answer === "string") m.text = data.answer;
    m.sources = Array.isArray(data.sources)
      ? data.sources
          .filter((s) => s && typeof s === "object")
          .map(function (s) {
            return {
              n: typeof s.n === "number" ? s.n : parseInt(s.n, 10),
              title: typeof s.title === "string" ? s.title : "",
              source: typeof s.source === "string" ? s.source : "",
              page: typeof s.page === "number" ? s.page : null,
              section: typeof s.section === "string" ? s.section : null,
              excerpt: typeof s.excerpt === "string" ? s.excerpt : "",
              url: typeof s.url === "string" ? s.url : null,
              score: typeof s.score === "number" ? s.score : null,
            };
          })
      : [];
    m.toolCalls = Array.isArray(data.tool_calls) ? data.tool_calls : [];
    m.notices = Array.isArray(data.notices) ? data.notices.filter((n) => typeof n === "string") : [];
    m.suggestions = Array.isArray(data.suggestions)
      ? data.suggestions.filter((s) => typeof s === "string" && s.trim()).map((s) => s.trim()).slice(0, 6)
      : [];
    m.intent = typeof data.intent === "string" ? data.intent : null;
    m.backend = typeof data.backend === "string" ? data.backend : null;
    if (typeof data.message_id === "string") m.messageId = data.message_id;
    if (typeof data.session_id === "string") this.state.sessionId = data.session_id;
    m.status = "done";
  },

  /** POST /api/chat/stream and parse the SSE; falls back to /api/chat. Resolves with the final Response. */
  async streamAnswer(text, m, ctrl) {
    const body = JSON.stringify({ message: text, session_id: this.state.sessionId });
    let timedOut = false;
    let timer = null;
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        timedOut = true;
        ctrl.abort();
      }, this.cfg.timeoutMs);
    };
    const fail = (err) => {
      if (timedOut && !this.stopRequested) {
        const e = new Error(MSG.timeout);
        e.name = "TimeoutError";
        return e;
      }
      return err;
    };
    arm();
    try {
      let res;
      try {
        res = await fetch(this.url("/api/chat/stream"), {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
          body: body,
          signal: ctrl.signal,
          cache: "no-store",
        });
      } catch (err) {
        throw fail(err);
      }
      arm();
      const streamUnavailable = res.status === 404 || res.status === 405 || res.status === 501;
      if (streamUnavailable || (res.ok && !res.body)) {
        if (res.ok && !res.body) {
          // no ReadableStream support: read the whole text
          return this.consumeSSEText(await res.text(), m);
        }
        let res2;
        try {
          res2 = await fetch(this.url("/api/chat"), {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: body,
            signal: ctrl.signal,
          });
        } catch (err) {
          throw fail(err);
        }
        if (!res2.ok) throw await httpError(res2);
        try {
          return await res2.json();
        } catch (err) {
          throw fail(err);
        }
      }
      if (!res.ok) throw await httpError(res);
      const ctype = (res.headers.get("content-type") || "").toLowerCase();
      if (ctype.indexOf("application/json") !== -1) return await res.json();

      const reader = res.body.getReader();
      const decoder = new TextDecoder("utf-8");
      const st = { final: null, error: null };
      const parser = createSSEParser((name, data) => this.onSSE(name, data, m, st));
      for (;;) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch (err) {
          throw fail(err);
        }
        if (chunk.done) break;
        arm();
        parser.push(decoder.decode(chunk.value, { stream: true }));
        if (st.final || st.error) break;
      }
      if (!st.final && !st.error) {
        parser.push(decoder.decode());
        parser.end();
      }
      if (st.final || st.error) {
        try {
          reader.cancel();
        } catch (_) {
          /* ignore */
        }
      }
      if (st.error) throw st.error;
      if (!st.final) {
        const e = new Error(MSG.interrupted);
        e.name = "StreamError";
        e.code = "stream_interrupted";
        throw e;
      }
      return st.final;
    } finally {
      window.clearTimeout(timer);
    }
  },

  consumeSSEText(text, m) {
    const st = { final: null, error: null };
    const parser = createSSEParser((name, data) => this.onSSE(name, data, m, st));
    parser.push(text);
    parser.end();
    if (st.error) throw st.error;
    if (!st.final) {
      const e = new Error(MSG.interrupted);
      e.name = "StreamError";
      e.code = "stream_interrupted";
      throw e;
    }
    return st.final;
  },

  onSSE(name, raw, m, st) {
    if (st.final || st.error) return;
    let data = null;
    try {
      data = raw ? JSON.parse(raw) : null;
    } catch (_) {
      data = null;
    }
    if (name === "start") {
      if (data && typeof data.session_id === "string") this.state.sessionId = data.session_id;
      if (data && typeof data.message_id === "string") m.messageId = data.message_id;
    } else if (name === "delta") {
      const piece = data && typeof data.text === "string" ? data.text : data == null ? raw : "";
      if (!piece) return;
      const first = !m.text;
      m.text += piece;
      if (first) {
        // replace the "typing" placeholder once, then update the Markdown in place
        this.rerender(m);
        this.scrollToBottom(false);
      } else this.scheduleStreamRender(m);
    } else if (name === "done") {
      if (data && typeof data === "object") st.final = data;
      else {
        const e = new Error(MSG.badResponse);
        e.name = "StreamError";
        e.code = "bad_response";
        st.error = e;
      }
    } else if (name === "error") {
      const e = new Error((data && typeof data.message === "string" && data.message) || MSG.http5xx);
      e.name = "StreamError";
      e.code = (data && data.code) || "error";
      e.retry = !(data && /^(message_too_long|invalid|validation|bad_request)/.test(String(data.code || "")));
      st.error = e;
    }
  },

  stop() {
    if (!this.busy || !this.controller) return;
    this.stopRequested = true;
    this.controller.abort();
  },

  retry() {
    if (this.busy || !this.lastQuestion) return;
    const last = this.state.messages[this.state.messages.length - 1];
    if (last && last.role === "assistant" && last.status === "error") this.removeMessage(last);
    this.input.focus();
    this.ask(this.lastQuestion, { retry: true });
  },

  clear(opts) {
    opts = opts || {};
    if (this.controller) {
      const c = this.controller;
      this.controller = null;
      this.stopRequested = true;
      c.abort();
    }
    if (this.renderTimer) {
      window.clearTimeout(this.renderTimer);
      this.renderTimer = null;
    }
    this.state = { sessionId: null, messages: [] };
    this.lastQuestion = null;
    try {
      window.sessionStorage.removeItem(this.storageKey);
    } catch (_) {
      /* ignore */
    }
    this.setBusy(false);
    this.hideError();
    this.renderAll();
    this.announce(MSG.cleared);
    if (opts.focus) this.input.focus();
  },
});

async function httpError(res) {
  let code = "http_" + res.status;
  let message = null;
  try {
    const ctype = (res.headers.get("content-type") || "").toLowerCase();
    if (ctype.indexOf("json") !== -1) {
      const body = await res.json();
      const e = body && typeof body.error === "object" && body.error ? body.error : body;
      if (e && typeof e.code === "string") code = e.code;
      if (e && typeof e.message === "string" && e.message) message = e.message;
      else if (body && typeof body.detail === "string") message = body.detail;
    }
  } catch (_) {
    /* keep defaults */
  }
  if (!message) {
    if (res.status === 429) message = MSG.http429;
    else if (res.status === 413) message = MSG.tooLong;
    else if (res.status >= 500) message = MSG.http5xx;
    else message = MSG.http4xx;
  }
  const err = new Error(message);
  err.name = "HttpError";
  err.status = res.status;
  err.code = code;
  return err;
}

// --- 90-boot.js ---
// Boot: find the <script> tag, read its attributes, mount the widget, expose window.ClausesWidget.
function registry() {
  const existing = window.ClausesWidget;
  if (existing && Array.isArray(existing.instances)) return existing;
  const reg = {
    version: VERSION,
    instances: [],
    open: function () {
      const w = primary();
      if (w) w.open();
    },
    close: function () {
      const w = primary();
      if (w) w.close();
    },
    clear: function () {
      const w = primary();
      if (w) w.clear();
    },
    ask: function (text) {
      const w = primary();
      if (w) {
        w.open({ focus: false });
        return w.ask(String(text));
      }
    },
  };
  function primary() {
    return reg.instances.find((w) => w.cfg.mode === "launcher") || reg.instances[0] || null;
  }
  window.ClausesWidget = reg;
  return reg;
}

function findScript() {
  const cur = document.currentScript;
  if (cur && cur.tagName === "SCRIPT") return cur;
  const all = document.querySelectorAll("script[src]");
  for (let i = all.length - 1; i >= 0; i--) {
    if (/widget\.js(?:[?#]|$)/.test(all[i].src) && !all[i].__clausesWidget) return all[i];
  }
  return null;
}

function onReady(fn) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn, { once: true });
  else fn();
}

// Everything above is declarations; start once the whole file is evaluated.
function boot() {
  const script = findScript();
  if (!script) {
    console.error(TAG + " Balise <script> du widget introuvable : le widget n'est pas affiché.");
    return;
  }
  if (script.__clausesWidget) return;
  script.__clausesWidget = true;

  const config = readConfig(script);
  if (!config) return;

  onReady(function () {
    let target = null;
    if (config.mode === "inline") {
      try {
        target = document.querySelector(config.target);
      } catch (_) {
        target = null;
      }
      if (!target) {
        console.error(
          TAG + ' Conteneur data-target="' + config.target + '" introuvable dans la page ' +
            "(mode inline) : le widget n'est pas affiché."
        );
        return;
      }
    }
    const widget = new Widget(config, target);
    registry().instances.push(widget);
  });
}

boot();
})();
