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
