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
