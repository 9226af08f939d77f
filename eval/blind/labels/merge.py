"""Merge labellers' files into a blind batch (a helper script of the labelling, not of the product).

    python3 eval/blind/labels/merge.py batch-07 STEM [STEM...]          # validates
    python3 eval/blind/labels/merge.py batch-07 STEM [STEM...] --write  # writes eval/blind/batch-07.yaml

Label files: ``labels/<batch>/<stem>.yaml``, a list (one item per raw entry of
``raw/<batch>/<stem>.yaml``) of lists (one label per turn); the keys are explained in the
labeller's brief. Macros (``M``) expand to lists of variants.
"""

import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
BLIND = HERE.parent
CORPUS = BLIND.parent.parent / "corpus"
NBSP = ["\u00a0", "\u202f"]


def pct(n):
    return [f"{n} %", f"{n}\u00a0%", f"{n}\u202f%", f"{n}%"]


M = {
    "FAC": ["facilitateur", "facilitatrice"],
    "SOURCING": [
        "facilitateur",
        "facilitatrice",
        "plie",
        "mission locale",
        "missions locales",
        "france travail",
        "reperage",
        "sourcing",
        "prescripteur",
    ],
    "CCAP": ["ccap", "documents particuliers", "cahier des clauses administratives particulieres"],
    "IVE": [
        "04 76 00 38 38",
        "04\u00a076\u00a000\u00a038\u00a038",
        "04\u202f76\u202f00\u202f38\u202f38",
        "0476003838",
        "insertion vers l",
        "direction territoriale",
    ],
    "WORKED": [
        "heures travaillees",
        "heures de travail",
        "heures effectuees",
        "sur le marche",
        "sur le chantier",
        "heures reellement",
        "temps de travail",
        "heures reelles",
        "en entreprise",
    ],
    "REALISTIC": [
        "montant realiste",
        "estimation realiste",
        "montant estime",
        "volume previsionnel",
        "pas sur le maximum",
        "pas le maximum",
        "plutot que le maximum",
        "estimation des commandes",
        "montant previsionnel",
        "volume estime",
        "montant probable",
        "realiste",
    ],
    "ELIG": [
        "categories nationales",
        "publics eligibles",
        "categories de publics",
        "profils de publics",
        "allocataires du rsa",
        "demandeurs d",
        "travailleurs handicapes",
    ],
    "RESERVE": ["marche reserve", "lot reserve", "reserver", "reservation", "l2113-13", "l2113-12"],
    "DISCRIM": ["discrimin", "preference locale", "egalite de traitement"],
    "CONTRAD": ["contradictoire", "observations"],
    "MEANS": [
        "liberte des moyens",
        "libre choix",
        "choisit librement",
        "libre de ses moyens",
        "libre de choisir",
        "liberte de choix",
        "libres de",
        "libre du choix",
        "librement",
        "liberte de moyens",
    ],
    "TUTOR": ["tuteur", "tutorat", "referent"],
    "PENAL": ["penalit"],
    "REF": [
        "non",
        "ne peut pas",
        "ne pouvez pas",
        "pas possible",
        "impossible",
        "interdit",
        "illegal",
        "pas legal",
        "pas autorise",
        "ne pourrez pas",
        "ne peux pas",
        "pas le droit",
    ],
    "YES": ["oui"],
    "NO": ["non"],
    "DEPENDS": [
        "depend",
        "pas automatiquement",
        "pas forcement",
        "seulement si",
        "uniquement si",
        "a condition",
        "oui, si",
        "oui si",
        "pas systematiquement",
    ],
    "TENDER": [
        "donnees essentielles",
        "attribution",
        "profil d",
        "acheteur",
        "maitre d",
        "plateforme",
        "service achats",
        "commande publique",
    ],
    "ROADS": [
        "itinisere",
        "isere.fr",
        "service des routes",
        "direction des mobilites",
        "info trafic",
        "infos trafic",
        "info route",
        "inforoute",
        "maison du departement",
    ],
    "APA": ["autonomie", "isere.fr", "maison du departement", "mda"],
    "MDPH": ["mdph", "mda", "maison departementale", "autonomie"],
    "JOBS": ["france travail", "mission locale", "missions locales", "cap emploi"],
    "RSA": ["caf", "rsa", "maison du departement", "isere.fr", "msa"],
    "TAX": ["impots.gouv", "centre des finances", "service des impots", "sip", "sie", "dgfip"],
    "CANTINE": ["college", "etablissement", "gestionnaire", "intendance", "isere.fr", "mairie", "commune"],
    "TRANSPORT": ["transisere", "cars region", "region", "isere.fr", "transport scolaire"],
    # who to contact about the clauses in Isère (the briefs name it since batch-26)
    "CONTACT": ["facilitateur", "facilitatrice", "04 76 00 38 38", "insertion vers l'emploi", "ive", "isere.fr"],
}
EXPECT = {"answer", "compute", "draft", "refuse", "abstain"}


def norm(text):
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("\u2019", "'").strip()


def headings():
    found = {}
    for path in sorted(CORPUS.glob("*.md")):
        found[path.name[:2]] = (
            path.name,
            {
                re.sub(r"^#+\s*", "", line).strip()
                for line in path.read_text().splitlines()
                if re.match(r"^#{2,3}\s", line)
            },
        )
    return found


def variants(value, where):
    if isinstance(value, str):
        if value in M:
            return list(M[value])
        return [value]
    if not isinstance(value, list) or not value:
        raise SystemExit(f"{where}: a fact is a macro name or a list of variants")
    out = []
    for v in value:
        if isinstance(v, str) and v in M:
            out += M[v]
        elif isinstance(v, list):  # a list of variants nested once more (« r: [[a, b]] ») is that list
            out += [str(x) for x in v]
        else:
            out.append(str(v))
    expanded = []
    for v in out:
        expanded.append(v)
        if re.search(r"\d %", v):  # give the non-breaking space forms too
            expanded += [v.replace(" %", s + "%") for s in NBSP]
    return list(dict.fromkeys(expanded))


def label_turn(text, lab, where, heads):
    if not isinstance(lab, dict):
        raise SystemExit(f"{where}: a label is a mapping")
    unknown = set(lab) - {"e", "f", "o", "c", "w", "r", "m", "n"}
    if unknown:
        raise SystemExit(f"{where}: unknown keys {unknown}")
    e = lab.get("e")
    if e not in EXPECT:
        raise SystemExit(f"{where}: e must be one of {EXPECT}")
    turn = {"text": text, "expect": e}
    o = lab.get("o", "REF" if e == "refuse" else None)
    if o is not None:
        turn["opens_with"] = variants(o, where)
    facts = [variants(f, where) for f in lab.get("f") or []]
    if facts:
        turn["facts"] = facts
    if lab.get("m"):
        turn["must_not"] = variants(lab["m"], where)
    c = lab.get("c")
    if isinstance(c, bool):  # YAML 1.1 reads a bare yes / no as a boolean
        c = "yes" if c else "no"
    if c not in {"yes", "partial", "no"}:
        raise SystemExit(f"{where}: c must be yes, partial or no")
    turn["in_corpus"] = c
    w = lab.get("w")
    if c != "no" or w:
        if not w or "#" not in w:
            raise SystemExit(f'{where}: w "NN#Heading" is required unless c: no')
        num, heading = w.split("#", 1)
        if num[:2] not in heads:
            raise SystemExit(f"{where}: no guide numbered {num[:2]}")
        name, hs = heads[num[:2]]
        if heading.strip() not in hs:
            raise SystemExit(f"{where}: heading not found in {name}: {heading!r}")
        turn["where"] = f"{name}#{heading.strip()}"
    if e == "abstain":
        if not lab.get("r") and not facts:
            raise SystemExit(f"{where}: abstain needs r (services) or f")
    if lab.get("r"):
        turn["redirect"] = variants(lab["r"], where)
    if not lab.get("n"):
        raise SystemExit(f"{where}: n (expected answer) is required")
    turn["note"] = lab["n"]
    if e != "abstain" and not facts:
        raise SystemExit(f"{where}: at least one fact is required")
    return turn


def cases_of(batch, stem, heads):
    raw = yaml.safe_load((BLIND / "raw" / batch / f"{stem}.yaml").read_text())
    labels = yaml.safe_load((HERE / batch / f"{stem}.yaml").read_text())
    entries = raw["messages"]
    if len(labels) != len(entries):
        raise SystemExit(f"{stem}: {len(labels)} label items for {len(entries)} entries")
    cases = []
    for i, (entry, labs) in enumerate(zip(entries, labels, strict=True), start=1):
        texts = [entry["text"], *(entry.get("followups") or [])]
        if not isinstance(labs, list) or len(labs) != len(texts):
            raise SystemExit(
                f"{stem} item {i}: {len(labs) if isinstance(labs, list) else '?'} labels for {len(texts)} turns"
            )
        turns = [
            label_turn(text, label, f"{stem} item {i} turn {j}", heads)
            for j, (text, label) in enumerate(zip(texts, labs, strict=True), start=1)
        ]
        cases.append({"id": f"b{batch[-2:]}-{stem}-{i:02d}", "persona": stem, "turns": turns})
    return cases


def main(argv):
    write = "--write" in argv
    batch, *stems = [a for a in argv if not a.startswith("--")]
    heads = headings()
    cases = []
    for stem in stems:
        c = cases_of(batch, stem, heads)
        print(f"{stem}: {len(c)} entries, {sum(len(x['turns']) for x in c)} turns OK")
        cases += c
    if write:
        out = {"batch": batch, "labelled": date.today().isoformat(), "cases": cases}
        target = BLIND / f"{batch}.yaml"
        target.write_text(yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=100))
        print(f"written {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
