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
