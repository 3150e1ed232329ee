package io.jenkins.plugins.influxforecast.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores past forecasts against the actuals that arrived: joins history points and actuals on
 * series and target time, and computes per run and per lead bucket MAE, RMSE, MASE (with the run's
 * own training scale, so it compares with the backtest MASE), bias and interval coverage. Drift:
 * the mean live MASE of a series' last {@code runs} complete runs (every target passed) against the
 * mean backtest MASE of the same runs.
 *
 * @param buckets     the lead buckets
 * @param runs        how many of the latest complete runs the drift check compares (>= 1)
 * @param driftFactor live MASE above this times the backtest MASE is drift (> 0)
 * @param maxLiveMase live MASE above this fails the gate, or null
 */
public record Scorer(LeadBuckets buckets, int runs, double driftFactor, Double maxLiveMase) {

    public Scorer {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1, got " + runs);
        }
        if (!(driftFactor > 0) || Double.isInfinite(driftFactor)) {
            throw new IllegalArgumentException("driftFactor must be a number > 0 (e.g. 1.5), got " + driftFactor);
        }
        if (maxLiveMase != null && !(maxLiveMase > 0)) {
            throw new IllegalArgumentException("maxLiveMase must be > 0, got " + maxLiveMase);
        }
    }

    private record RunKey(Map<String, String> tags, long issued, long origin) {
    }

    /**
     * Scores the points whose target time is at or before {@code asOfNanos}; runs issued after it
     * are ignored.
     */
    public LiveAccuracy score(String name, List<HistoryPoint> points, List<ActualSeries> actuals, long asOfNanos) {
        List<String> warnings = new ArrayList<>();
        // the per-lead MASE over all runs: the mean of |error| / scale, each point scaled by its own run
        Map<RunKey, List<HistoryPoint>> byRun = new TreeMap<>(Comparator.comparing((RunKey k) -> new TreeMap<>(k.tags()).toString())
                .thenComparingLong(RunKey::issued).thenComparingLong(RunKey::origin));
        long asOfSeconds = Math.floorDiv(asOfNanos, 1_000_000_000L);
        for (HistoryPoint p : points) {
            if (p.issued() <= asOfSeconds) {
                byRun.computeIfAbsent(new RunKey(p.tags(), p.issued(), p.origin()), k -> new ArrayList<>()).add(p);
            }
        }
        Map<Map<String, String>, ActualSeries> matched = new LinkedHashMap<>();
        List<RunScore> scored = new ArrayList<>();
        Map<String, List<Score.Pair>> overallByLead = new LinkedHashMap<>();
        Map<String, double[]> scaledByBucket = new LinkedHashMap<>();
        for (Map.Entry<RunKey, List<HistoryPoint>> run : byRun.entrySet()) {
            Map<String, String> tags = run.getKey().tags();
            ActualSeries actual = matched.computeIfAbsent(tags, t -> match(t, actuals));
            if (actual == null) {
                String w = "no actuals match the series " + label(name, tags) + ", so its runs cannot be scored";
                if (!warnings.contains(w)) {
                    warnings.add(w);
                }
                continue;
            }
            List<HistoryPoint> ps = new ArrayList<>(run.getValue());
            ps.sort(Comparator.comparingInt(HistoryPoint::lead));
            boolean complete = true;
            List<Score.Pair> pairs = new ArrayList<>();
            Map<String, List<Score.Pair>> byLead = new LinkedHashMap<>();
            for (HistoryPoint p : ps) {
                if (p.target() > asOfNanos) {
                    complete = false;
                    continue;
                }
                Double a = actual.values().get(p.target());
                if (a == null || !Double.isFinite(a) || !Double.isFinite(p.value())) {
                    continue;
                }
                Score.Pair pair = new Score.Pair(p.value(), a, p.bounds());
                pairs.add(pair);
                String bucket = buckets.bucketOf(p.lead()).label();
                byLead.computeIfAbsent(bucket, k -> new ArrayList<>()).add(pair);
                overallByLead.computeIfAbsent(bucket, k -> new ArrayList<>()).add(pair);
                if (p.scale() > 0) {
                    double[] s = scaledByBucket.computeIfAbsent(bucket, k -> new double[2]);
                    s[0] += Math.abs(p.value() - a) / p.scale();
                    s[1]++;
                }
            }
            if (pairs.isEmpty()) {
                continue;
            }
            HistoryPoint first = ps.get(0);
            double scale = first.scale();
            Map<String, Score> leadScores = new LinkedHashMap<>();
            byLead.forEach((b, list) -> leadScores.put(b, Score.of(list, scale)));
            scored.add(new RunScore(label(name, tags), tags, run.getKey().issued(), run.getKey().origin(), first.model(), first.build(),
                    first.backtestMase(), ps.size(), complete, Score.of(pairs, scale), leadScores));
        }
        Map<String, Score> byLead = new LinkedHashMap<>();
        overallByLead.entrySet().stream()
                .sorted(Comparator.comparingInt(e -> bucketFrom(e.getKey())))
                .forEach(e -> {
                    Score raw = Score.of(e.getValue(), Double.NaN);
                    double[] s = scaledByBucket.get(e.getKey());
                    double mase = s == null || s[1] == 0 ? Double.NaN : s[0] / s[1];
                    byLead.put(e.getKey(), new Score(raw.n(), raw.mae(), raw.rmse(), mase, raw.bias(), raw.coverage()));
                });
        List<Drift> drift = drift(scored);
        List<String> problems = new ArrayList<>();
        double live = mean(drift.stream().mapToDouble(Drift::liveMase).toArray());
        double backtest = mean(drift.stream().mapToDouble(Drift::backtestMase).toArray());
        for (Drift d : drift) {
            if (d.drifting()) {
                problems.add(String.format(Locale.ROOT, "drift: %s live MASE %.4g over the last %d complete run(s) is above %.4g x"
                        + " the backtest MASE %.4g", d.series(), d.liveMase(), d.runs(), d.factor(), d.backtestMase()));
            }
        }
        if (maxLiveMase != null && Double.isFinite(live) && live > maxLiveMase) {
            problems.add(String.format(Locale.ROOT, "live MASE %.4g > maxLiveMase %.4g", live, maxLiveMase));
        }
        return new LiveAccuracy(asOfNanos, scored, byLead, drift, live, backtest, maxLiveMase, problems, warnings);
    }

    private List<Drift> drift(List<RunScore> scored) {
        Map<Map<String, String>, List<RunScore>> bySeries = new LinkedHashMap<>();
        for (RunScore r : scored) {
            if (r.complete() && Double.isFinite(r.all().mase())) {
                bySeries.computeIfAbsent(r.tags(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Drift> out = new ArrayList<>();
        bySeries.forEach((tags, list) -> {
            List<RunScore> last = list.subList(Math.max(0, list.size() - runs), list.size());
            double live = mean(last.stream().mapToDouble(r -> r.all().mase()).toArray());
            double backtest = mean(last.stream().mapToDouble(RunScore::backtestMase).filter(Double::isFinite).toArray());
            boolean drifting = Double.isFinite(backtest) && backtest > 0 && live > driftFactor * backtest;
            out.add(new Drift(last.get(0).series(), tags, last.size(), live, backtest, driftFactor, drifting));
        });
        return out;
    }

    /** The actual series whose tags all hold in {@code tags}; the most specific when several do. */
    static ActualSeries match(Map<String, String> tags, List<ActualSeries> actuals) {
        ActualSeries best = null;
        for (ActualSeries a : actuals) {
            if (a.matches(tags) && (best == null || a.tags().size() > best.tags().size())) {
                best = a;
            }
        }
        return best;
    }

    static int bucketFrom(String label) {
        String head = label.split("[-+]")[0];
        return Integer.parseInt(head);
    }

    static String label(String name, Map<String, String> tags) {
        return tags.isEmpty() ? name : name + " " + new TreeMap<>(tags);
    }

    private static double mean(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }
}
