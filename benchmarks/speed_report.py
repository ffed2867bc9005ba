"""Rendering of the speed benchmark's results as markdown: no measuring here, only what `speed.py` collected."""

from __future__ import annotations

import platform
from dataclasses import dataclass, field
from typing import Any

from benchmarks import cost
from benchmarks.speed_cold import ColdResult
from benchmarks.speed_costing import COLD_START_SHARE, IO_WAIT_MS, PESSIMISTIC_SHARE, SDK_CPU_MS, CostSummary
from benchmarks.speed_warm import STAGES, Warm
from benchmarks.timing import median, ms, p95

TARGETS = {"import": 250.0, "first_event": 400.0, "first_html": 600.0, "reference_ms": 10.0, "html_ratio": 1.5,
           "rss_mb": 200.0, "layer_mb": 80.0, "cost": 8.0}  # fmt: skip


@dataclass
class SpeedResults:
    header: str  # date, machine, command
    load: str  # load average before and after: the machine is shared
    cold: dict[str, ColdResult] = field(default_factory=dict)  # variant -> reference event
    cold_html: dict[str, ColdResult] = field(default_factory=dict)  # variant -> HTML event
    corpus: dict[str, Any] = field(default_factory=dict)  # the python3.13 corpus child's RESULT
    warm: list[Warm] = field(default_factory=list)
    layer_mb: float | None = None
    layer_parts: list[tuple[str, float]] = field(default_factory=list)
    layer_label: str = "no build"
    costs: CostSummary | None = None
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def verdict(value: float | None, target: float) -> str:
    if value is None or value != value:  # NaN
        return "n/a"
    return "PASS" if value <= target else "MISS"


def fmt(value: float | None, unit: str = "", digits: int = 1) -> str:
    if value is None or value != value:
        return "n/a"
    return f"{value:,.{digits}f}{unit}"


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"] + [
        "| " + " | ".join(row) + " |" for row in rows
    ]


def _med(cold: ColdResult | None, name: str) -> float | None:
    values = getattr(cold, name) if cold else []
    return median(values) if values else None


def column(pairs: list[list[float]], which: int) -> list[float]:
    """Wall (0) or CPU (1) seconds out of the corpus child's [wall, CPU] pairs."""
    return [pair[which] for pair in pairs]


def html_ratio(r: SpeedResults, which: int = 0) -> float | None:
    """Our total time over trafilatura's on the same pages (per-page medians of interleaved runs)."""
    paired = r.corpus.get("paired", {})
    theirs, ours = column(paired.get("trafilatura", []), which), column(paired.get("ours", []), which)
    return sum(ours) / sum(theirs) if theirs and ours else None


def warm_reference(r: SpeedResults, which: int = 0) -> float | None:
    pairs = r.corpus.get("warm_reference", [])
    return ms(median(column(pairs, which))) if pairs else None


def summary(r: SpeedResults) -> list[list[str]]:
    built, html = r.cold.get("as built"), r.cold_html.get("as built")
    warm_ref = warm_reference(r)
    rss = r.corpus.get("maxrss_kb", 0) / 1024 or None
    ratio = html_ratio(r)
    total = r.costs.breakdown.total if r.costs else None
    rows = [
        ("handler import, cold (median wall)", _med(built, "import_ms"), " ms", 0, "import", "≤ 250 ms"),
        ("import + first event (reference, moto)", _med(built, "first_event_ms"), " ms", 0, "first_event", "≤ 400 ms"),
        ("import + first HTML event", _med(html, "first_event_ms"), " ms", 0, "first_html", "≤ 600 ms"),
        ("reference article, warm end to end (wall)", warm_ref, " ms", 1, "reference_ms", "≤ 10 ms"),
        ("HTML pages: ours / trafilatura alone (wall)", ratio, "×", 2, "html_ratio", "≤ 1.5×"),
        ("peak RSS over the corpus", rss, " MB", 1, "rss_mb", "≤ 200 MB"),
        ("layer unzipped", r.layer_mb, " MB", 1, "layer_mb", "≤ 80 MB (limit 250)"),
    ]
    out = [[name, fmt(v, unit, d), target, verdict(v, TARGETS[key])] for name, v, unit, d, key, target in rows]
    memory = r.costs.memory if r.costs else 512
    out.append([f"cost per 1M 5 KB articles @ {memory} MB", "$" + fmt(total, "", 2), "≤ $8", verdict(total, 8)])
    return out


def cold_section(r: SpeedResults) -> list[str]:
    md = ["## 1. Cold start (python3.13, fresh process per run, read-only copy, no bytecode written)", ""]
    rows = []
    for variant, cold in r.cold.items():
        html = r.cold_html.get(variant)
        if cold.errors:
            rows.append([variant, f"failed: `{cold.errors[0]}`", "", "", "", "", ""])
            continue
        rows.append([
            variant, str(len(cold.import_ms)),
            f"{fmt(_med(cold, 'import_ms'), '', 0)} ({fmt(p95(cold.import_ms), '', 0)})",
            fmt(_med(cold, "import_cpu_ms"), "", 0),
            f"{fmt(_med(cold, 'first_event_ms'), '', 0)} ({fmt(p95(cold.first_event_ms), '', 0)})",
            fmt(_med(cold, "first_event_cpu_ms"), "", 0),
            f"{fmt(_med(html, 'first_event_ms'), '', 0)} / {fmt(_med(html, 'first_event_cpu_ms'), '', 0)}"
            if html and html.first_event_ms else "n/a",
        ])  # fmt: skip
    md += table(["variant", "runs", "import ms, median (p95)", "import CPU ms", "+ first event ms (p95)",
                 "+ first event CPU ms", "+ first HTML event ms, wall / CPU"], rows)  # fmt: skip
    built = r.cold.get("as built")
    md += [
        "",
        "Wall time is what Lambda bills; CPU time (the child's process time) is the better estimate of an unloaded "
        f"machine: this one is shared ({r.load}), so wall medians move by tens of ms between runs.",
        "",
    ]
    md += compared_lines(r)
    if built:
        html = r.cold_html.get("as built")
        md += [
            f"First event outcome: {built.outcome or 'n/a'}; heavy modules loaded after it: "
            f"{', '.join(built.heavy) or 'none'}" + (f" (HTML event: {', '.join(html.heavy)})" if html else "") + ".",
            "",
            "Most expensive imports of `import app`, as built (`-X importtime`, self time, one run):",
            "",
        ]
        rows = [[p, fmt(t, " ms"), m, fmt(u, " ms")] for (p, t), (m, u) in zip(built.packages, built.modules)]  # noqa: B905
        md += [*table(["package (summed)", "", "module", ""], rows), ""]
    return md


def paired_differences(ours: list[float], theirs: list[float]) -> float | None:
    """Median of run-by-run differences (ours - theirs) of interleaved runs: load from others hits both of a pair."""
    diffs = [a - b for a, b in zip(ours, theirs)]  # noqa: B905 (a failed variant has fewer runs)
    return median(diffs) if diffs else None


def compared_lines(r: SpeedResults) -> list[str]:
    """`--compare DIR`: as built minus the other build, median of paired differences, CPU and wall."""
    built = r.cold.get("as built")
    if built is None:
        return []
    lines = []
    for name, other in ((n, c) for n, c in r.cold.items() if n.startswith("compared:")):
        parts = [
            f"{label} {fmt(paired_differences(getattr(built, attr), getattr(other, attr)), ' ms', 1)}"
            for label, attr in (("import CPU", "import_cpu_ms"), ("import + first event CPU", "first_event_cpu_ms"),
                                ("import wall", "import_ms"), ("import + first event wall", "first_event_ms"))
        ]  # fmt: skip
        lines += [f"As built minus {name.removeprefix('compared: ')}, median of {len(built.import_ms)} paired "
                  f"differences (interleaved runs): {'; '.join(parts)}.", ""]  # fmt: skip
    return lines


def warm_section(r: SpeedResults) -> list[str]:
    md = ["## 2. Warm latency per stage (dev venv, python " + platform.python_version() + ", source tree)", ""]
    rows = []
    for w in r.warm:
        for stage in STAGES:
            values = w.samples.get(stage, [])
            if values:
                label = w.label if stage == "decode" else ""
                rows.append([label, stage, fmt(median(values), " ms", 2), fmt(p95(values), " ms", 2)])
        rows.append(["", "statuses", ", ".join(f"{k} {v}" for k, v in w.statuses.items()), ""])
    md += table(["input", "stage", "median", "p95"], rows)
    return [*md, "", "`record` = building the pydantic record inside `process`; `end_to_end` = `process()` + "
            "`to_item()`; `store` = `Repository.save` on in-process moto, not DynamoDB.", ""]  # fmt: skip


def corpus_section(r: SpeedResults) -> list[str]:
    md = ["## 3. Warm, throughput and memory (python3.13 child on the built artifacts)", ""]
    rows = []
    for kind, pairs in [("reference (warm, repeated)", r.corpus.get("warm_reference", [])),
                        *r.corpus.get("times", {}).items()]:  # fmt: skip
        wall, cpu = column(pairs, 0), column(pairs, 1)
        rate = len(wall) / sum(wall) if sum(wall) else None
        spread = [fmt(ms(median(wall)), " ms", 2), fmt(ms(p95(wall)), " ms", 2), fmt(ms(median(cpu)), " ms", 2)]
        rows.append([kind, str(len(wall)), fmt(rate, "/s"), *spread])
    md += table(["input", "runs", "articles/s (one core, wall)", "median", "p95", "median CPU"], rows)
    rss = r.corpus.get("maxrss_kb", 0) / 1024 or None
    md += ["", f"Peak RSS (ru_maxrss of the child): {fmt(rss, ' MB')}.", ""]
    paired = r.corpus.get("paired", {})
    if paired.get("trafilatura"):
        theirs, ours = column(paired["trafilatura"], 0), column(paired["ours"], 0)
        md += [
            f"HTML, {len(theirs)} pages, each run interleaved with trafilatura.extract: trafilatura median "
            f"{ms(median(theirs)):.1f} ms/page, total {ms(sum(theirs)):.0f} ms; ours end to end (decode, clean, "
            f"analyze, record, to_item) median {ms(median(ours)):.1f} ms/page, total {ms(sum(ours)):.0f} ms: ratio "
            f"**{fmt(html_ratio(r), '×', 2)}** on wall time, {fmt(html_ratio(r, 1), '×', 2)} on CPU time.",
            "",
        ]
    return md


def cost_section(c: CostSummary) -> list[str]:
    md = [f"## 5. Cost per million 5 KB articles at {c.memory} MB (template default)", ""]
    md += table(["item", "$ / 1M", "formula"], [[ln.name, f"{ln.dollars_per_million:.2f}", ln.formula]
                                                for ln in c.breakdown.lines])  # fmt: skip
    md += [
        "",
        f"**Total ${c.breakdown.total:.2f}** per million with {COLD_START_SHARE:.0%} of invocations paying an INIT "
        f"of {c.init_ms:.0f} ms (the cold import as built, CPU time); ${c.pessimistic_total:.2f} if "
        f"{PESSIMISTIC_SHARE:.0%} do "
        f"(a bursty backfill). Item: {c.item_bytes} B DynamoDB-sized ({c.item_json_bytes} B as JSON); index entries: "
        + ", ".join(f"{k} {v} B" for k, v in c.gsis.items()) + ".",
        "",
        "Largest attributes: " + ", ".join(f"{n} {b} B" for n, b in c.largest) + ". "
        f"With the by-language index projecting KEYS_ONLY instead of ALL, the total would be ${c.lean_total:.2f}.",
        "",
        f"Assumptions: compute = warm end to end of the 5 KB article ({c.warm_ms:.1f} ms CPU, python3.13 child) + "
        f"{SDK_CPU_MS:.0f} ms SDK CPU, on one full core, divided by Lambda's CPU share (memory / {cost.FULL_VCPU_MB} "
        f"MB); {IO_WAIT_MS:.0f} ms waiting on S3 + DynamoDB (not scaled); INIT billed since 2025-08-01, full CPU "
        "during INIT assumed. Storage, logs and X-Ray are not included.",
        "",
    ]  # fmt: skip
    rows = [[f"{mem} MB" + (" (template)" if mem == c.memory else ""), fmt(duration, " ms"), f"{lam:.2f}",
             f"{total:.2f}"] for mem, duration, lam, total in c.by_memory]  # fmt: skip
    md += table(["memory", "est. duration", "Lambda $ / 1M", "total $ / 1M"], rows)
    return [*md, "", f"Amazon Comprehend for the same article ({c.chars} characters, 4 APIs: "
            f"{', '.join(cost.COMPREHEND_APIS)}): **${c.comprehend:,.0f} per million**, "
            f"{c.comprehend / c.breakdown.total:,.0f}× this function's total.", ""]  # fmt: skip


def render(r: SpeedResults) -> str:
    md = ["# Speed, size and cost", "", r.header, "", *table(["measure", "value", "target", ""], summary(r)), ""]
    if r.notes:
        md += ["**Notes**", "", *[f"- {n}" for n in r.notes], ""]
    md += cold_section(r) + warm_section(r) + corpus_section(r)
    md += ["## 4. Layer", ""]
    md += [
        f"{fmt(r.layer_mb, ' MB')} unzipped ({r.layer_label}; 1 MB = 2^20 bytes); Lambda limit 250 MB for function + "
        "layers; target 80 MB. Largest parts: " + ", ".join(f"{n} {s:.1f} MB" for n, s in r.layer_parts),
        "",
    ]
    if r.costs:
        md += cost_section(r.costs)
    md += [f"Run time {r.seconds:.0f} s."]
    return "\n".join(md) + "\n"
