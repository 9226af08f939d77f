/*!
 * Assistant clauses sociales — widget intégrable (Département de l'Isère)
 *
 * Intégration, une seule balise :
 *   <script src="https://…/widget.js" data-api="https://…"
 *           data-title="Assistant clauses sociales" defer></script>
 *
 * Attributs :
 *   data-api            (obligatoire) URL de base de l'API ; « / » = même origine.
 *   data-title          titre du panneau (défaut « Assistant clauses sociales »).
 *   data-mode           "launcher" (bouton flottant, défaut) ou "inline" (dans un conteneur).
 *   data-target         sélecteur CSS du conteneur (obligatoire en mode inline).
 *   data-primary-color  couleur principale (toute couleur CSS).
 *   data-font           pile de polices (défaut : polices système).
 *   data-position       "right" (défaut) ou "left" (mode launcher).
 *   data-greeting       message d'accueil.
 *   data-suggestions    questions suggérées, séparées par « | » (ou tableau JSON).
 *   data-open           "true" : panneau ouvert au chargement (mode launcher).
 *   data-timeout        délai sans réponse, en secondes (défaut 30).
 *
 * Thème : propriétés personnalisées CSS sur l'hôte (.clauses-widget-host) :
 *   --clauses-primary, --clauses-on-primary, --clauses-font, --clauses-font-size,
 *   --clauses-text, --clauses-bg, --clauses-surface, --clauses-radius, --clauses-z.
 *
 * API JavaScript : window.ClausesWidget = { open(), close(), clear(), ask(texte), version, instances }.
 *
 * Sécurité : aucun contenu (réponse, source, saisie) n'est inséré comme HTML ;
 * le Markdown est transformé en nœuds DOM (createElement / textContent).
 * Vanilla JS (ES2020), sans dépendance. Fichier construit par scripts/build_widget.py
 * (« make widget ») à partir des sources de api/static/src/widget/.
 */
