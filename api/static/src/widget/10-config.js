// Configuration: constants, French messages, the <script data-*> attributes.
const VERSION = "1.0.0";
const TAG = "[ClausesWidget]";
const MAX_MESSAGE = 4000;
const MAX_STORED_MESSAGES = 60;
const DEFAULT_TITLE = "Assistant clauses sociales";
const DEFAULT_GREETING =
  "Bonjour ! Posez votre question sur les clauses sociales des marchés publics : " +
  "clause d'insertion, marchés réservés, calcul des heures d'insertion, rédaction de clauses.";
const DEFAULT_SUGGESTIONS = [
  "Combien d'heures d'insertion pour un marché de 1,2 M€ de gros œuvre sur 18 mois ?",
  "Rédige l'article du CCAP pour une clause d'insertion de 1 000 heures sur le lot 2",
  "Peut-on réserver un marché à la fois aux ESAT et aux SIAE ?",
  "Qui peut bénéficier de la clause d'insertion ?",
];
const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const LAUNCHER_LABEL = "Poser une question sur les clauses sociales";

const MSG = {
  generating: "Génération de la réponse…",
  done: "Réponse terminée",
  stopped: "Génération arrêtée",
  cleared: "Conversation effacée",
  network:
    "Le service de l'assistant est momentanément indisponible (connexion impossible). " +
    "Vérifiez votre connexion puis réessayez.",
  timeout: "Le service met trop de temps à répondre. Veuillez réessayer dans un instant.",
  interrupted: "La réponse a été interrompue avant la fin. Veuillez réessayer.",
  tooLong: "Votre message est trop long (" + MAX_MESSAGE.toLocaleString("fr-FR") + " caractères au maximum).",
  http429: "Trop de questions en peu de temps : merci de patienter un peu avant de réessayer.",
  http5xx: "Le service de l'assistant rencontre une difficulté. Veuillez réessayer dans un instant.",
  http4xx: "Votre message n'a pas pu être traité. Reformulez-le puis réessayez.",
  badResponse: "La réponse du service est illisible. Veuillez réessayer.",
};

function readConfig(el) {
  const d = el.dataset;
  const apiRaw = (d.api || "").trim();
  if (!apiRaw) {
    console.error(
      TAG + " Attribut data-api manquant (obligatoire) : ajoutez data-api=\"https://…\" " +
        "(URL de base de l'API de l'assistant) à la balise <script> du widget. Le widget n'est pas affiché."
    );
    return null;
  }
  let api;
  try {
    const u = new URL(apiRaw, document.baseURI);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
    api = (u.origin + u.pathname).replace(/\/+$/, "");
  } catch (_) {
    console.error(TAG + ' Attribut data-api invalide ("' + apiRaw + '") : une URL http(s) est attendue. Le widget n\'est pas affiché.');
    return null;
  }
  const mode = (d.mode || "launcher").trim().toLowerCase();
  if (mode !== "launcher" && mode !== "inline") {
    console.error(TAG + ' data-mode="' + d.mode + '" inconnu : valeurs possibles "launcher" ou "inline". Le widget n\'est pas affiché.');
    return null;
  }
  const target = (d.target || "").trim();
  if (mode === "inline" && !target) {
    console.error(TAG + ' Le mode inline exige data-target="#conteneur" (sélecteur CSS). Le widget n\'est pas affiché.');
    return null;
  }
  let position = (d.position || "right").trim().toLowerCase();
  if (position !== "right" && position !== "left") {
    console.warn(TAG + ' data-position="' + d.position + '" ignoré (valeurs : "right" ou "left").');
    position = "right";
  }
  let primary = null;
  if (d.primaryColor) {
    const c = d.primaryColor.trim();
    if (window.CSS && window.CSS.supports && window.CSS.supports("color", c)) primary = c;
    else console.warn(TAG + ' data-primary-color="' + c + '" n\'est pas une couleur CSS valide : ignoré.');
  }
  let timeout = 30;
  if (d.timeout) {
    const t = Number(d.timeout);
    if (isFinite(t) && t > 0) timeout = t;
    else console.warn(TAG + ' data-timeout="' + d.timeout + '" ignoré (nombre de secondes attendu).');
  }
  let suggestions = DEFAULT_SUGGESTIONS;
  if (d.suggestions != null) {
    const raw = d.suggestions.trim();
    let list = null;
    if (raw.startsWith("[")) {
      try {
        list = JSON.parse(raw);
      } catch (_) {
        list = null;
      }
    }
    if (!Array.isArray(list)) list = raw.split("|");
    suggestions = list.map((s) => String(s).trim()).filter(Boolean).slice(0, 6);
  }
  return {
    api: api,
    mode: mode,
    target: target,
    title: (d.title || "").trim() || DEFAULT_TITLE,
    greeting: d.greeting != null ? d.greeting.trim() : DEFAULT_GREETING,
    position: position,
    primary: primary,
    font: (d.font || "").trim() || null,
    open: /^(true|1|yes|oui)$/i.test((d.open || "").trim()),
    timeoutMs: timeout * 1000,
    suggestions: suggestions,
  };
}
