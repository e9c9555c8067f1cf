"""What a run prints (a French table) and writes (the JSON file whose shape tools rely on)."""

import json

from .measures import MEASURES


def number(value, digits=1):
    """French decimal comma, thin grouping of thousands: what a reader of the table expects."""
    return f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def table(report):
    """The run as lines of text."""
    header = (
        f"{'mesure':<56} {'médiane (ms)':>13} {'p95 (ms)':>10} {'requêtes SQL':>13} {'× socle':>8} {'p95 × Wagtail':>14}"
    )
    lines = [
        f"Banc d'essai — {number(report.fiches, 0)} fiches synthétiques, base {report.database}",
        f"Moteur de recherche : {report.backend}",
        f"{report.rounds} tours entrelacés après {report.warmup} tours de chauffe ; "
        "temps côté serveur (client de test de Django, pile complète), lecteur connecté",
        "À froid : chaque mesure suit une publication (version du contenu remplacée) et la lecture d'une autre fiche"
        if report.cold
        else "« jamais demandée » : une chaîne de requête nouvelle à chaque appel ; « cache » : la même URL répétée",
        "",
        header,
        "-" * len(header),
    ]
    for name, label in MEASURES.items():
        result = report.results[name]
        versus = report.versus(name)
        lines.append(
            f"{label:<56} {number(result.median_ms, 2):>13} {number(result.p95_ms, 2):>10} "
            f"{result.queries:>13} {number(versus['x_floor'], 2):>8} {number(versus['p95_x_wagtail'], 2):>14}"
        )
    lines += [
        "",
        f"Page de fiche / socle (médianes) : {number(report.ratio, 2)} "
        f"({number(report.page_bytes['fiche_page'], 0)} octets de HTML chacune)",
    ]
    return lines


def write_data(data, path):
    """Write `data` as indented UTF-8 JSON (every report of the bench)."""
    with open(path, "w", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False, indent=2)
        file.write("\n")


def write_json(report, path):
    write_data(report.as_json(), path)


def relevance_lines(summary, missed):
    """The relevance table (portal.devtools.bench.relevance) as lines of text."""
    header = f"{'groupe':<36} {'requêtes':>9} {'rappel@10':>10} {'MRR':>6}"
    lines = [
        f"Pertinence — {summary['cases']} requêtes, moteur {summary['engine']}, contenu de démonstration et "
        f"{number(summary['fiches'], 0)} fiches synthétiques comme leurres",
        "",
        header,
        "-" * len(header),
    ]
    for group in summary["groups"].values():
        lines.append(
            f"{group['label']:<36} {group['cases']:>9} {number(group['recall_at_10'], 3):>10} {number(group['mrr'], 3):>6}"
        )
    lines.append("-" * len(header))
    lines.append(f"{'Ensemble':<36} {summary['cases']:>9} {number(summary['recall_at_10'], 3):>10} {number(summary['mrr'], 3):>6}")
    if missed:
        lines += ["", "Requêtes où l'élément attendu n'est pas premier (ou pas dans les 10 premiers) :"]
        for case, found, total in missed:
            lines.append(f"  [{case.group}] « {case.q} » → attendu {', '.join(case.expected) or 'aucun résultat'} ; "
                         f"{total} résultats, premiers : {', '.join(found[:3])}")
    return lines


def write_relevance_json(summary, missed, path):
    data = {
        **summary,
        "missed": [{"group": case.group, "q": case.q, "expected": list(case.expected), "total": total, "first": found}
                   for case, found, total in missed],
    }
    write_data(data, path)
