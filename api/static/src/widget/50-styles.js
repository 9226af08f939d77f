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
