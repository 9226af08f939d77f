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
