"""Speed and memory figures (median of several runs), written to benchmarks/RESULTS.md.

Measures: cold start (``import insatsmining; load()`` in a fresh process,
and whether torch was imported), texts/s for classify, tag and analyze at
1k/10k/100k texts against the floor of bare regex tokenisation, challenge
extraction words/s, peak memory of a streamed run (``analyze_iter``) and
the README main command end to end.

Run: python benchmarks/speed.py [--quick] [--million]
  --quick    1k and 10k only, fewer repeats
  --million  also stream 1,000,000 survey-length texts and report peak memory
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def texts(n: int, seed: int = 0) -> list[str]:
    """~30-word survey-like texts assembled from corpus sentences (deterministic)."""
    import random

    from insatsmining.corpora import load_insatser

    pool = [s for t in load_insatser()["text"] for s in re.split(r"(?<=[.!?])\s+", t) if 6 <= len(s.split()) <= 40]
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        t = rng.choice(pool)
        while len(t.split()) < 25:
            t += " " + rng.choice(pool)
        out.append(" ".join(t.split()[:40]))
    return out


def median_rate(fn, data, repeats: int) -> float:
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn(data)
        rates.append(len(data) / (time.perf_counter() - t0))
    return statistics.median(rates)


def cold_start(repeats: int) -> tuple[float, bool]:
    code = ("import time,sys; t=time.perf_counter(); import insatsmining; insatsmining.load(); "
            "print(time.perf_counter()-t, 'torch' in sys.modules)")
    times, torch = [], False
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        times.append(float(out[0]))
        torch = torch or out[1] == "True"
    return statistics.median(times), torch


def stream_memory(n: int) -> float:
    """Peak RSS (MB, VmHWM: ru_maxrss would inherit the parent's across exec) of a
    subprocess streaming n texts through analyze_iter."""
    code = f"""
import resource, sys
sys.path.insert(0, {str(ROOT / 'src')!r})
import pandas as pd, insatsmining
sys.path.insert(0, {str(ROOT / 'benchmarks')!r})
from speed import texts
pool = texts(5000)
pipe = insatsmining.load()
def chunks():
    for i in range(0, {n}, 20000):
        yield pd.DataFrame({{"text": [pool[(i + k) % len(pool)] for k in range(min(20000, {n} - i))]}})
rows = 0
for res in pipe.analyze_iter(chunks(), link_years=False):
    rows += len(res.insatser)
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(rows, int(hwm) / 1024)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) == n
    return float(out[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--million", action="store_true")
    args = ap.parse_args()
    import insatsmining

    repeats = 3 if args.quick else 5
    sizes = [1000, 10000] if args.quick else [1000, 10000, 100000]
    lines = ["# Speed and memory", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
             f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; Python {platform.python_version()}; "
             f"insatsmining {insatsmining.__version__}. Medians of {repeats} runs. "
             f"Regenerate: `python benchmarks/speed.py`.", ""]
    cs, torch = cold_start(repeats)
    lines += [f"- cold start `import insatsmining; load()`: **{cs:.2f} s** (target < 1.0 s); torch imported: {torch}", ""]
    pipe = insatsmining.load()
    word_re = re.compile(r"[^\W_]+")
    lines += ["| texts | regex floor /s | classify /s | tag /s | analyze /s | analyze vs floor |", "|---|---|---|---|---|---|"]
    for n in sizes:
        data = texts(n)
        r = 1 if n >= 100000 else repeats
        floor = median_rate(lambda d: [word_re.findall(t) for t in d], data, r)
        cl = median_rate(pipe.classify, data, r)
        tg = median_rate(pipe.tag, data, r)
        an = median_rate(lambda d: pipe.analyze(d, link_years=False), data, r)
        lines.append(f"| {n:,} | {floor:,.0f} | {cl:,.0f} | {tg:,.0f} | {an:,.0f} | {floor / an:.1f}× slower |")
        print(lines[-1], flush=True)
    from insatsmining.corpora import load_nulagesanalyser

    docs, _ = load_nulagesanalyser()
    year = docs["text"].head(21).tolist()
    nwords = sum(len(t.split()) for t in year)
    t0 = time.perf_counter()
    for _ in range(repeats):
        pipe.extract_challenges(year)
    dt = (time.perf_counter() - t0) / repeats
    lines += ["", f"- challenge extraction: 21 nulägesanalyser ({nwords:,} words) in **{dt:.2f} s** "
                  f"({nwords / dt:,.0f} words/s; target < 1 s for ~10,000 words)"]
    mem = stream_memory(100_000)
    lines.append(f"- peak memory streaming 100,000 texts through `analyze_iter`: **{mem:,.0f} MB**")
    if args.million:
        mem = stream_memory(1_000_000)
        lines.append(f"- peak memory streaming 1,000,000 texts through `analyze_iter`: **{mem:,.0f} MB** (target < 1,500 MB)")
    t0 = time.perf_counter()
    out = ROOT / "benchmarks" / "_demo_out.xlsx"
    subprocess.run([sys.executable, "-m", "insatsmining.cli", "demo", "--quiet", "--force", "--out", str(out)], check=True)
    lines.append(f"- README main command (`insatsmining demo`) end to end: **{time.perf_counter() - t0:.1f} s** (target < 5 s)")
    out.unlink(missing_ok=True)
    lines += ["", "The regex floor (re.findall over the same texts) measures how fast this machine ran during the "
                  "run; compare runs by the 'vs floor' column rather than by absolute rates (runs on this VM kind "
                  "have been 2-3x apart on different days)."]
    lines += ["", "Multi-core: `analyze` is single-process; for large collections use `insatsmining.dask.analyze` "
                  "with one worker per core (each loads the model once). Within one process numpy work is small "
                  "per text, so threads do not pay.", ""]
    (ROOT / "benchmarks" / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"(peak RSS of this benchmark process, which holds 100k results at once: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB)")


if __name__ == "__main__":
    main()
