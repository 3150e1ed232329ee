#!/usr/bin/python3
"""Scores auto's selection rules offline on the output of bench/AutoStudy (not a test).

  java -cp target/classes:target/test-classes:$(cat target/bench.classpath) \
      io.jenkins.plugins.influxforecast.bench.AutoStudy --sets Hourly --h 48 --step 24 --origins 8 \
      --models "snaive(season=24);theta(season=24);...;snaive(season=168)" --out target/study-hourly.csv
  test-harness/bench/autostudy.py Hourly target/study-hourly.csv "snaive(season=24)" \
      "snaive(season=24);theta(season=24);...;snaive(season=168)" 48 3 48 3 mean owa inverse 0.03

Arguments: set, study CSV, baseline, candidates (';'), backtest horizon, windows, step between
origins (the study must hold these origins), largest combination, mean|median, and optionally
auto's select (owa|mase, default mase), weights (inverse|equal, default equal) and shrink (default
0); auto's defaults are "3 mean owa inverse 0.03", its earlier rule "5 mean mase equal 0". Like auto,
each series' choice uses only backtest windows inside its training part (MASE scaled by each
window's own history; owa: 0.5 (MASE / MASE_baseline + sMAPE / sMAPE_baseline)); the M4 test part
only scores the rule (sMAPE, MASE, OWA against M4's Naive2 figures). The study's forecasts are
rounded to six digits, so a rule can differ from auto on a near tie. The M4 files come from $M4_DATA, else ../shared/data/m4 beside the
repository.
"""
import csv, os, sys
import numpy as np

SET, FILE, BASE, CANDS = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(';')
H, W, STEP, K, HOW = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8]), sys.argv[9]
SELECT = sys.argv[10] if len(sys.argv) > 10 else 'mase'
WEIGHTS = sys.argv[11] if len(sys.argv) > 11 else 'equal'
SHRINK = float(sys.argv[12]) if len(sys.argv) > 12 else 0.0
M = {'Hourly': 24, 'Weekly': 1}[SET]
NAIVE2 = {'Hourly': (18.383, 2.395), 'Weekly': (9.161, 2.777)}[SET]


DATA = os.environ.get('M4_DATA') or os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'data', 'm4')


def load(name):
    rows = list(csv.reader(open(os.path.join(DATA, f'{SET}-{name}.csv'))))[1:]
    return {r[0]: np.array([float(x) for x in r[1:] if x not in ('', 'NA')]) for r in rows}


train, test = load('train'), load('test')
F = {}
for r in csv.reader(open(FILE)):
    v = None if r[4] == 'NA' else np.array([float(x) for x in r[4:]])
    F.setdefault(r[0], {}).setdefault(r[1], {})[int(r[2])] = v


def mase(a, f, ins, m):
    m = m if len(ins) > m else 1
    sc = np.mean(np.abs(ins[m:] - ins[:-m]))
    if not sc > 0:
        sc = np.mean(np.abs(np.diff(ins)))
        if not sc > 0:
            return np.mean(np.abs(a - f))
    return np.mean(np.abs(a - f)) / sc


def combine(fs):
    return np.median(fs, 0) if HOW == 'median' else np.mean(fs, 0)


def smape(a, f):
    return np.mean(200 * np.abs(a - f) / (np.abs(a) + np.abs(f)))


def choose(i):
    y = train[i]
    n = len(y)
    origins = [n - H - w * STEP for w in range(W)]

    def parts(members, weights=None):
        ms, ss = [], []
        for o in origins:
            fs = [F[i][c].get(o) for c in members]
            if any(f is None or len(f) < H for f in fs):
                return None
            fs = np.array([f[:H] for f in fs])
            f = np.average(fs, 0, weights) if weights is not None else combine(fs)
            ms.append(mase(y[o:o + H], f, y[:o], M))
            ss.append(smape(y[o:o + H], f))
        return np.mean(ms), np.mean(ss)

    raw = {c: parts([c]) for c in CANDS}
    base = raw.get(BASE)

    def crit(p):
        if p is None:
            return None
        if SELECT == 'mase' or base is None:
            return p[0]
        rel = lambda x, b: x / b if b > 0 else x
        return 0.5 * (rel(p[0], base[0]) + rel(p[1], base[1]))

    sc = {c: crit(raw[c]) for c in CANDS}
    ok = sorted([c for c in CANDS if sc[c] is not None and F[i][c][-1] is not None], key=lambda c: sc[c])

    def weights(members):
        return np.array([1 / max(sc[c], 1e-9) for c in members]) if WEIGHTS == 'inverse' else None

    best, best_w, best_score = [BASE], None, sc[BASE]
    options = [([c], None, sc[c]) for c in ok if c != BASE]
    for k in range(2, min(K, len(ok)) + 1):
        w = weights(ok[:k])
        c = crit(parts(ok[:k], w))
        options.append((ok[:k], w, None if c is None else c * (1 - SHRINK)))
    for members, w, s in options:
        if best_score is None or (s is not None and s < best_score):
            best, best_w, best_score = members, w, s
    fs = np.array([F[i][c][-1] for c in best])
    return np.average(fs, 0, best_w) if best_w is not None else combine(fs)


ids = [i for i in train if i in F]
sm, ms = [], []
for i in ids:
    f = choose(i)
    sm.append(np.mean(200 * np.abs(test[i] - f) / (np.abs(test[i]) + np.abs(f))))
    ms.append(mase(test[i], f, train[i], M))
s, m = np.mean(sm), np.mean(ms)
print(f'{len(ids)} series: sMAPE {s:.3f} MASE {m:.3f} OWA {(s / NAIVE2[0] + m / NAIVE2[1]) / 2:.3f}')
