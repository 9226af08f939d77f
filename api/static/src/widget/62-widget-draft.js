// Widget: actions on a drafted clause (copy as rich and plain text, .docx download).
Object.assign(Widget.prototype, {
  renderDraftActions(m, call) {
    const r = call.result || {};
    const args = call.arguments || {};
    if (typeof r.text !== "string" || !r.text) return null;
    const feedback = h("span", { class: "cw-ok" });
    const copyBtn = h("button", { type: "button", class: "cw-btn cw-copy" }, icon("copy"), h("span", { text: "Copier la clause" }));
    copyBtn.addEventListener("click", async () => {
      const ok = await this.copyText(r.text, copyBtn);
      feedback.className = ok ? "cw-ok" : "cw-fail";
      feedback.textContent = ok ? "Copié" : "Copie impossible : sélectionnez le texte de la réponse.";
      this.announce(ok ? "Copié : clause copiée dans le presse-papiers" : "Copie impossible");
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
    return group;
  },

  async copyText(text, returnFocusTo) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch (_) {
      /* fall back below */
    }
    const ta = h("textarea", { class: "cw-sr", readonly: true, "aria-hidden": "true", tabindex: "-1" });
    ta.value = text;
    this.root.appendChild(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (_) {
      ok = false;
    }
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
