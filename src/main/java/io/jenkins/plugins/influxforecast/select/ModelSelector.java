package io.jenkins.plugins.influxforecast.select;

import io.jenkins.plugins.influxforecast.evaluate.ForecastCheck;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ensemble.Combiner;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses a model by evidence: every candidate is backtested on the same rolling-origin windows and
 * scored by MASE on each window (scaled by that window's own training data); the combinations of the
 * best two, three... candidates are scored on the same windows from the candidates' window forecasts
 * (no refit); the lowest mean MASE wins, and the baseline (seasonal naive) wins unless something
 * beats it. A candidate that throws, or whose forecast fails {@link ForecastCheck}, is skipped and
 * reported. Candidates are backtested in parallel (a parallel stream: the calling thread and the
 * common fork-join pool, one task per candidate, so at most one window per candidate is in memory
 * at a time).
 */
public final class ModelSelector {

    /** A candidate: its label (spec text) and the model. */
    public record Candidate(String label, ForecastModel model) {
    }

    /**
     * @param plan         the backtest windows
     * @param maseSeason   the MASE lag
     * @param maxEnsemble  the largest combination of best candidates that is scored (1: none)
     * @param combine      how combinations combine
     * @param parallel     whether candidates run in parallel
     */
    public record Options(Backtester.Plan plan, int maseSeason, int maxEnsemble, Combiner combine, boolean parallel) {
    }

    /**
     * The backtest score of one candidate (or combination).
     *
     * @param label     the spec text
     * @param mase      mean MASE over the windows (NaN when it failed)
     * @param smape     mean sMAPE over the windows
     * @param millis    time spent on its backtest
     * @param error     why it was skipped, or null
     * @param members   for a combination, the labels of its members; else empty
     */
    public record Score(String label, double mase, double smape, long millis, String error, List<String> members) {
        public Score {
            members = members == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(members));
        }

        public boolean ok() {
            return error == null && Double.isFinite(mase);
        }
    }

    /** The outcome of a selection. */
    public record Selection(Score winner, Score baseline, List<Score> candidates, List<Score> combinations, int windows,
            long millis, List<String> notes, double[][] winnerErrors) {
        public Selection {
            candidates = candidates == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(candidates));
            combinations = combinations == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(combinations));
            notes = notes == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(notes));
        }


        /** Forecast value added over the baseline in percent: 100 (1 - MASE_winner / MASE_baseline). */
        public double fva() {
            return baseline.ok() && baseline.mase() > 0 ? 100 * (1 - winner.mase() / baseline.mase()) : Double.NaN;
        }

        /** The candidates and combinations that scored, best first. */
        public List<Score> ranking() {
            List<Score> all = new ArrayList<>();
            for (Score s : candidates) {
                if (s.ok()) {
                    all.add(s);
                }
            }
            for (Score s : combinations) {
                if (s.ok()) {
                    all.add(s);
                }
            }
            all.sort(Comparator.comparingDouble(Score::mase));
            return all;
        }
    }

    private ModelSelector() {
    }

    /**
     * Backtests the candidates (the baseline among them, by label) on the series and chooses.
     * Throws when the series is too short for one window.
     */
    public static Selection select(List<Candidate> candidates, String baselineLabel, TimeSeries series, Options o) {
        long t0 = System.nanoTime();
        List<Backtester.Window> windows = Backtester.windows(series, o.plan());
        List<String> notes = new ArrayList<>();
        if (windows.size() < o.plan().windows()) {
            notes.add("backtest on " + windows.size() + " of " + o.plan().windows() + " windows: the series has "
                    + series.size() + " points");
        }
        int k = candidates.size();
        Run[] runs = new Run[k];
        for (int i = 0; i < k; i++) {
            runs[i] = new Run(candidates.get(i), windows, o.maseSeason());
        }
        if (o.parallel() && k > 1) {
            // a parallel stream: the calling thread works too, helped by the common pool's workers
            java.util.stream.IntStream.range(0, k).parallel().forEach(i -> runs[i].execute());
        } else {
            for (Run r : runs) {
                r.execute();
            }
        }
        List<Score> scores = new ArrayList<>();
        Score baseline = null;
        for (Run r : runs) {
            scores.add(r.score);
            if (r.candidate.label().equals(baselineLabel)) {
                baseline = r.score;
            }
            if (r.score.error() != null) {
                notes.add("candidate " + r.candidate.label() + " skipped: " + r.score.error());
            }
        }
        if (baseline == null) {
            throw new IllegalArgumentException("the baseline " + baselineLabel + " is not among the candidates");
        }
        // combinations of the best few (the baseline may be a member: it often steadies a combination)
        List<Run> ranked = new ArrayList<>();
        for (Run r : runs) {
            if (r.score.ok()) {
                ranked.add(r);
            }
        }
        ranked.sort(Comparator.comparingDouble(r -> r.score.mase()));
        List<Score> combos = new ArrayList<>();
        List<double[][]> comboErrors = new ArrayList<>();
        for (int size = 2; size <= Math.min(o.maxEnsemble(), ranked.size()); size++) {
            List<Run> members = ranked.subList(0, size);
            double[][] errors = new double[windows.size()][];
            double maseSum = 0;
            double smapeSum = 0;
            double[] vals = new double[size];
            for (int w = 0; w < windows.size(); w++) {
                Backtester.Window win = windows.get(w);
                int h = win.actual().length;
                double[] mean = new double[h];
                for (int j = 0; j < h; j++) {
                    for (int mi = 0; mi < size; mi++) {
                        vals[mi] = members.get(mi).results.get(w).forecast().mean(j);
                    }
                    mean[j] = o.combine().combine(vals, size);
                }
                Backtester.WindowResult wr = Backtester.score(win, Forecast.of("combination", win.train(), mean), o.maseSeason());
                maseSum += wr.mase();
                smapeSum += wr.smape();
                errors[w] = errors(win.actual(), mean);
            }
            List<String> labels = new ArrayList<>();
            long ms = 0;
            for (Run r : members) {
                labels.add(r.candidate.label());
                ms += r.score.millis();
            }
            combos.add(new Score(o.combine().name().toLowerCase(java.util.Locale.ROOT) + " of " + String.join(", ", labels),
                    maseSum / windows.size(), smapeSum / windows.size(), ms, null, labels));
            comboErrors.add(errors);
        }
        // the winner: lowest mean MASE; the baseline unless something beats it
        Score winner = baseline.ok() ? baseline : null;
        double[][] winnerErrors = baseline.ok() ? runOf(runs, baselineLabel).errors() : null;
        for (Run r : ranked) {
            if (r.candidate.label().equals(baselineLabel)) {
                continue;
            }
            if (winner == null || r.score.mase() < winner.mase()) {
                winner = r.score;
                winnerErrors = r.errors();
            }
        }
        for (int i = 0; i < combos.size(); i++) {
            if (winner == null || combos.get(i).mase() < winner.mase()) {
                winner = combos.get(i);
                winnerErrors = comboErrors.get(i);
            }
        }
        if (winner == null) {
            throw new IllegalArgumentException("no candidate could be backtested on series '" + series.label() + "': "
                    + String.join("; ", notes));
        }
        if (winner == baseline) {
            notes.add("no candidate beat the baseline " + baselineLabel + " on the backtest");
        }
        return new Selection(winner, baseline, scores, combos, windows.size(), (System.nanoTime() - t0) / 1_000_000, notes,
                winnerErrors);
    }

    private static Run runOf(Run[] runs, String label) {
        for (Run r : runs) {
            if (r.candidate.label().equals(label)) {
                return r;
            }
        }
        throw new IllegalStateException(label);
    }

    private static double[] errors(double[] actual, double[] mean) {
        double[] e = new double[actual.length];
        for (int j = 0; j < e.length; j++) {
            e[j] = actual[j] - mean[j];
        }
        return e;
    }

    /** The backtest of one candidate. */
    private static final class Run {
        final Candidate candidate;
        final List<Backtester.Window> windows;
        final int maseSeason;
        final List<Backtester.WindowResult> results = new ArrayList<>();
        Score score;

        Run(Candidate candidate, List<Backtester.Window> windows, int maseSeason) {
            this.candidate = candidate;
            this.windows = windows;
            this.maseSeason = maseSeason;
        }

        void execute() {
            long t0 = System.nanoTime();
            try {
                double mase = 0;
                double smape = 0;
                for (Backtester.Window w : windows) {
                    Forecast f = candidate.model().fit(w.train()).forecast(w.actual().length);
                    String problem = ForecastCheck.problem(f, true);
                    if (problem != null) {
                        throw new IllegalStateException("window at " + w.origin() + ": " + problem);
                    }
                    Backtester.WindowResult r = Backtester.score(w, f, maseSeason);
                    results.add(r);
                    mase += r.mase();
                    smape += r.smape();
                }
                score = new Score(candidate.label(), mase / windows.size(), smape / windows.size(),
                        (System.nanoTime() - t0) / 1_000_000, null, List.of());
            } catch (RuntimeException e) {
                String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                score = new Score(candidate.label(), Double.NaN, Double.NaN, (System.nanoTime() - t0) / 1_000_000, msg, List.of());
            }
        }

        double[][] errors() {
            double[][] e = new double[results.size()][];
            for (int w = 0; w < results.size(); w++) {
                e[w] = ModelSelector.errors(results.get(w).actual(), results.get(w).forecast().mean());
            }
            return e;
        }
    }
}
