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
