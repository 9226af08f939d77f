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
