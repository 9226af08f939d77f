"""Prompt-injection detection: instructions aimed at the assistant, in a message or in a document.

User messages that try to change the assistant's rules or extract its configuration
are refused; sentences of that kind inside documents are never quoted in an
extractive answer (documents are data, not instructions).
"""

from __future__ import annotations

import re

from assistant.fr import fold

# Runs on folded text (lowercase, no accents, straight apostrophes).
_INJECTION = re.compile(
    r"\b(ignore[rsz]?|oublie[rsz]?|contourne[rsz]?|disregard|forget)\b.{0,40}\b(instructions?|consignes?|regles?|"
    r"directives?|prompt|rules|guidelines)\b"
    r"|\b(revele|affiche|montre|donne|repete|recite|reveal|print|show|tell me)\b.{0,40}\b(prompt|message systeme|"
    r"instructions? (systeme|initiales|cachees)|system message|configuration|reglages|parametres internes|"
    r"variables? d'environnement|environment variables?)\b"
    r"|\bsystem prompt\b|\bprompt systeme\b|\bjailbreak\b|\bmode developpeur\b|\bdeveloper mode\b"
    r"|\b(cle|token|jeton|mot de passe|secret)s? (d'?api|api|d'administration|admin)\b|\bapi[ _-]?key\b"
    r"|\bclauses_[a-z_]+\b|\byou are now\b|\btu es (maintenant|desormais)\b|\bpretends? (to be|que tu)\b"
    r"|\bfais comme si tu n'avais (pas|aucune)\b",
    re.IGNORECASE,
)


def looks_like_injection(text: str) -> bool:
    return bool(_INJECTION.search(fold(text)))
