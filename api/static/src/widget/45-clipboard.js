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
