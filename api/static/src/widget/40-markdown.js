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
