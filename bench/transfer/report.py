#!/usr/bin/python3
"""Tables and a plot for the transfer study, from results.jsonl.

    report.py --results R.jsonl --study study.json --table OUT.md --plot OUT.svg
              [--doc docs/transfer-study.md --doc-plot docs/transfer/transfer-f1.svg]

Writes Markdown tables (held-out score, and training wall and CPU time, per dataset x
method; the starter tokenizer's fit to each domain) and an SVG chart drawn by hand (no
matplotlib needed): the scores as grouped bars, and the training CPU times on a log scale. With --doc, replaces the block between the markers
<!-- transfer-results:begin --> and <!-- transfer-results:end --> in that file with the
table, and writes the chart to --doc-plot.
"""
import argparse
import html
import json
import math
import os
import re
import sys

DATASETS = [("finance", "Financial PhraseBank", "sentiment, macro-F1"),
            ("medical", "NCBI-disease", "NER, entity F1"),
            ("legal", "CUAD", "clause type, macro-F1"),
            ("zh", "THUCNews titles", "Chinese topic, macro-F1")]
METHODS = [("tfidf-lr", "TF-IDF + logistic regression", "#7f7f7f"),
           ("scratch-all", "same architecture, random init, all layers", "#d62728"),
           ("starter-head", "starter, head only (the seed's recipe)", "#ff7f0e"),
           ("starter-top2", "starter, head + top 2 layers", "#bcbd22"),
           ("starter-all", "starter, all layers", "#1f77b4"),
           ("starter-dapt-all", "starter + domain-adaptive MLM, all layers", "#2ca02c"),
           ("minilm-head", "all-MiniLM-L6-v2, head only", "#e377c2"),
           ("minilm-top2", "all-MiniLM-L6-v2, head + top 2 layers", "#8c564b"),
           ("minilm-all", "all-MiniLM-L6-v2, all layers", "#9467bd"),
           ("minilm-dapt-all", "all-MiniLM-L6-v2 + domain-adaptive MLM, all layers", "#17becf")]
BEGIN, END = "<!-- transfer-results:begin -->", "<!-- transfer-results:end -->"


def read_results(path):
    rows = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                rows[(row["dataset"], row["method"])] = row
    return rows


def present(rows):
    datasets = [d for d in DATASETS if any(k[0] == d[0] for k in rows)]
    methods = [m for m in METHODS if any(k[1] == m[0] for k in rows)]
    return datasets, methods


def score_of(row):
    value = row.get("value") if row else None
    return value if isinstance(value, (int, float)) and math.isfinite(value) else None


def duration(seconds):
    if seconds is None:
        return "–"
    if seconds < 60:
        return f"{seconds:.0f} s" if seconds >= 10 else f"{seconds:.1f} s"
    return f"{seconds / 60:.1f} min"


def markdown(rows, study, inspections=None):
    datasets, methods = present(rows)
    head = "| method | " + " | ".join(f"{name}<br>({what})" for _, name, what in datasets) + " |"
    lines = [head, "| --- |" + " ---: |" * len(datasets)]
    best = {d: max((score_of(rows.get((d, m))) or -1.0) for m, _, _ in methods)
            for d, _, _ in datasets}
    for method, label, _ in methods:
        cells = []
        for dataset, _, _ in datasets:
            row = rows.get((dataset, method))
            value = score_of(row)
            if value is None:
                cells.append("failed" if row else "–")
                continue
            text = f"{value:.3f}"
            if value == best[dataset]:
                text = f"**{text}**"
            cells.append(text)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "Training time, wall clock / CPU (user + system); for DAPT the masked-LM "
              "pretraining is included:", "",
              "| method | " + " | ".join(name for _, name, _ in datasets) + " |",
              "| --- |" + " ---: |" * len(datasets)]
    for method, label, _ in methods:
        cells = []
        for dataset, _, _ in datasets:
            row = rows.get((dataset, method)) or {}
            cells.append(f"{duration(row.get('train_seconds'))} / "
                         f"{duration(row.get('train_cpu_seconds'))}" if row else "–")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    sizes = study.get("sizes", {})
    training = study.get("training", {})
    machine = study.get("machine", {})
    starter = study.get("starter", {})
    facts = [
        "Held-out test scores above (best per dataset in bold); wall times depend on what else "
        "ran on the machine, CPU times less so.",
        "",
        f"- Run {study.get('started', '?')}, {duration(study.get('seconds'))} in all, on "
        f"{machine.get('cpu', '?')} ({machine.get('cores', '?')} cores, "
        f"{machine.get('threads', '?')} training threads, OMP_WAIT_POLICY="
        f"{machine.get('omp_wait_policy') or 'unset'}), {study.get('domaintune', '?')}.",
        f"- Sizes per dataset: ≤ {sizes.get('train')} labelled training examples, "
        f"≤ {sizes.get('validation')} validation, ≤ {sizes.get('test')} test; DAPT on "
        f"≤ {sizes.get('dapt_texts')} unlabelled training-pool texts.",
        f"- Fine-tuning: {training.get('epochs')} epoch(s), batch {training.get('batch_size')}, "
        f"max length {training.get('max_length')}, AdamW with linear decay and "
        f"{training.get('warmup_ratio', 0):.0%} warm-up, learning rate "
        f"{training.get('lr_layers')} when encoder layers train and {training.get('lr_head')} "
        f"for the head only; DAPT: {training.get('mlm_epochs')} masked-LM epoch(s) at "
        f"{training.get('lr_mlm')}; seed {training.get('seed')}.",
        f"- Starter: `{starter.get('sha256', '?')[:16]}…`, "
        f"{starter.get('parameters') or '?'} parameters, "
        f"{starter.get('pretraining_steps') or '?'} pretraining steps, held-out MLM perplexity "
        f"{fmt(starter.get('heldout_metrics', {}) or {}, 'perplexity')}.",
    ]
    failed = [r for r in rows.values() if score_of(r) is None]
    for row in failed:
        facts.append(f"- **Failed:** {row['dataset']} / {row['method']}: {row.get('error')}")
    return "\n".join(lines + [""] + facts) + "\n" + tokenizer_table(inspections or {})


def tokenizer_table(inspections):
    """The starter's vocabulary on each domain's test texts (data inspect --model)."""
    rows = []
    for dataset, name, _ in DATASETS:
        stats = (inspections.get(dataset) or {}).get("statistics")
        if not stats:
            continue
        lengths = stats.get("token_lengths", {})
        rows.append(f"| {name} | {stats.get('fertility', 0):.2f} | "
                    f"{100 * stats.get('unknown_rate', 0):.2f} % | {lengths.get('mean', 0):.0f} | "
                    f"{100 * lengths.get('truncated_share', 0):.1f} % |")
    if not rows:
        return ""
    return ("\n| test texts | tokens per word | unknown tokens | mean tokens | truncated at "
            "max length |\n| --- | ---: | ---: | ---: | ---: |\n" + "\n".join(rows) + "\n")


def fmt(mapping, key):
    value = mapping.get(key)
    return f"{value:.0f}" if isinstance(value, (int, float)) else "?"


def svg(rows, study):
    datasets, methods = present(rows)
    width, left, right = 900, 60, 20
    panel_h, top, gap = 260, 40, 70
    legend_h = 22 * ((len(methods) + 1) // 2) + 10
    height = top + panel_h + gap + panel_h + 50 + legend_h
    group_w = (width - left - right) / max(1, len(datasets))
    bar_w = group_w * 0.8 / max(1, len(methods))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" '
           'font-size="12">', f'<rect width="{width}" height="{height}" fill="white"/>']

    def text(x, y, s, anchor="middle", size=12, weight="normal", rotate=None):
        transform = f' transform="rotate({rotate} {x:.1f} {y:.1f})"' if rotate else ""
        out.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
                   f'font-weight="{weight}"{transform}>{html.escape(s)}</text>')

    def panel(y0, title, ticks, scale, value_of, label_of):
        text(left, y0 - 12, title, anchor="start", size=14, weight="bold")
        for tick, name in ticks:
            y = y0 + panel_h - scale(tick) * panel_h
            out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                       'stroke="#dddddd"/>')
            text(left - 6, y + 4, name, anchor="end", size=11)
        out.append(f'<line x1="{left}" y1="{y0 + panel_h}" x2="{width - right}" '
                   f'y2="{y0 + panel_h}" stroke="#333333"/>')
        for g, (dataset, name, _) in enumerate(datasets):
            x0 = left + g * group_w + group_w * 0.1
            for i, (method, _, colour) in enumerate(methods):
                value = value_of(rows.get((dataset, method)))
                x = x0 + i * bar_w
                if value is None:
                    text(x + bar_w / 2, y0 + panel_h - 4, "×", size=11)
                    continue
                h = max(0.0, min(1.0, scale(value))) * panel_h
                out.append(f'<rect x="{x:.1f}" y="{y0 + panel_h - h:.1f}" '
                           f'width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{colour}">'
                           f'<title>{html.escape(f"{name} / {method}: {label_of(value)}")}'
                           '</title></rect>')
                text(x + bar_w / 2 + 3, y0 + panel_h - h - 4, label_of(value), anchor="start",
                     size=9, rotate=-90)
            text(left + g * group_w + group_w / 2, y0 + panel_h + 16, name, size=12)

    panel(top, "Held-out score (macro-F1; entity F1 for NCBI-disease)",
          [(t / 10, f"{t / 10:.1f}") for t in range(0, 11, 2)], lambda v: v,
          score_of, lambda v: f"{v:.3f}")
    times = [r.get("train_cpu_seconds") for r in rows.values() if r.get("train_cpu_seconds")]
    low = 10 ** math.floor(math.log10(max(0.1, min(times)))) if times else 1
    high = 10 ** math.ceil(math.log10(max(times))) if times else 10
    span = math.log10(high) - math.log10(low) or 1

    def log_scale(v):
        return (math.log10(max(v, low)) - math.log10(low)) / span

    ticks = [(10 ** e, f"{10 ** e:g} s")
             for e in range(round(math.log10(low)), round(math.log10(high)) + 1)]
    panel(top + panel_h + gap, "Training CPU time (user + system, log scale; DAPT includes "
          "masked-LM)", ticks, log_scale,
          lambda r: r.get("train_cpu_seconds") if score_of(r) is not None else None, duration)
    y = top + 2 * panel_h + gap + 40
    for i, (_, label, colour) in enumerate(methods):
        x = left + (i % 2) * (width - left - right) / 2
        yy = y + (i // 2) * 22
        out.append(f'<rect x="{x:.1f}" y="{yy - 10}" width="14" height="14" fill="{colour}"/>')
        text(x + 20, yy + 2, label, anchor="start")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write(path, content):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path + ".partial", "w", encoding="utf-8") as handle:
        handle.write(content)
    os.replace(path + ".partial", path)


def update_doc(doc, doc_plot, table):
    with open(doc, encoding="utf-8") as handle:
        current = handle.read()
    if BEGIN not in current or END not in current:
        sys.exit(f"report.py: {doc} has no {BEGIN} ... {END} block to fill")
    image = os.path.relpath(doc_plot, os.path.dirname(os.path.abspath(doc)))
    block = f"{BEGIN}\n{table}\n![Transfer study: scores and training times]({image})\n{END}"
    updated = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, current,
                     flags=re.S)
    write(doc, updated)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results", required=True)
    parser.add_argument("--study", required=True)
    parser.add_argument("--table", required=True)
    parser.add_argument("--plot", required=True)
    parser.add_argument("--doc")
    parser.add_argument("--doc-plot")
    args = parser.parse_args()
    rows = read_results(args.results)
    with open(args.study, encoding="utf-8") as handle:
        study = json.load(handle)
    inspections = {}
    for dataset, _, _ in DATASETS:  # written by run.sh beside the results
        path = os.path.join(os.path.dirname(os.path.abspath(args.results)), "data", dataset,
                            "inspect.json")
        if os.path.exists(path) and os.path.getsize(path):
            with open(path, encoding="utf-8") as handle:
                inspections[dataset] = json.load(handle)
    table = markdown(rows, study, inspections)
    chart = svg(rows, study)
    write(args.table, table)
    write(args.plot, chart)
    if args.doc:
        write(args.doc_plot, chart)
        update_doc(args.doc, args.doc_plot, table)
    print(table)


if __name__ == "__main__":
    main()
