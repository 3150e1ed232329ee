#!/usr/bin/python3
"""Scores auto's selection rules offline on the output of bench/AutoStudy (not a test).

  java -cp target/classes:target/test-classes:$(cat target/bench.classpath) \
      io.jenkins.plugins.influxforecast.bench.AutoStudy --sets Hourly --h 48 --step 24 --origins 8 \
      --models "snaive(season=24);theta(season=24);...;snaive(season=168)" --out target/study-hourly.csv
  test-harness/bench/autostudy.py Hourly target/study-hourly.csv "snaive(season=24)" \
      "snaive(season=24);theta(season=24);...;snaive(season=168)" 48 3 48 5 mean

Arguments: set, study CSV, baseline, candidates (';'), backtest horizon, windows, step between
origins (the study must hold these origins), largest combination, mean|median. Like auto, each
series' choice uses only backtest windows inside its training part (mean MASE over the windows,
scaled by each window's own history); the M4 test part only scores the rule (sMAPE, MASE, OWA
against M4's Naive2 figures). The M4 files come from $M4_DATA, else ../shared/data/m4 beside the
repository.
"""
import csv, os, sys
import numpy as np

SET, FILE, BASE, CANDS = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(';')
H, W, STEP, K, HOW = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8]), sys.argv[9]
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


def choose(i):
    y = train[i]
    n = len(y)
    origins = [n - H - w * STEP for w in range(W)]

    def score(members):
        s = []
        for o in origins:
            fs = [F[i][c].get(o) for c in members]
            if any(f is None or len(f) < H for f in fs):
                return None
            s.append(mase(y[o:o + H], combine(np.array([f[:H] for f in fs])), y[:o], M))
        return np.mean(s)

    sc = {c: score([c]) for c in CANDS}
    ok = sorted([c for c in CANDS if sc[c] is not None and F[i][c][-1] is not None], key=lambda c: sc[c])
    best, best_score = [BASE], sc[BASE]
    options = [([c], sc[c]) for c in ok if c != BASE] + [(ok[:k], score(ok[:k])) for k in range(2, min(K, len(ok)) + 1)]
    for members, s in options:
        if best_score is None or (s is not None and s < best_score):
            best, best_score = members, s
    return combine(np.array([F[i][c][-1] for c in best]))


ids = [i for i in train if i in F]
sm, ms = [], []
for i in ids:
    f = choose(i)
    sm.append(np.mean(200 * np.abs(test[i] - f) / (np.abs(test[i]) + np.abs(f))))
    ms.append(mase(test[i], f, train[i], M))
s, m = np.mean(sm), np.mean(ms)
print(f'{len(ids)} series: sMAPE {s:.3f} MASE {m:.3f} OWA {(s / NAIVE2[0] + m / NAIVE2[1]) / 2:.3f}')
