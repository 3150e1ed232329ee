package io.jenkins.plugins.influxforecast.select;

import io.jenkins.plugins.influxforecast.evaluate.ForecastCheck;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ensemble.Combiner;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** What the choice minimises. */
    public enum Criterion {
        /** The mean MASE over the windows. */
        MASE,
        /**
         * M4's overall weighted average on the backtest, with the baseline in place of Naive2: the mean of
         * MASE and sMAPE, each relative to the baseline's ({@code 0.5 (MASE / MASE_base + sMAPE / sMAPE_base)};
         * the baseline scores 1). sMAPE weighs errors relative to the level, MASE relative to the
         * series' own seasonal-naive error, and a model good on both is chosen.
         */
        OWA;

        double of(double mase, double smape, Score baseline) {
            if (this == MASE) {
                return mase;
            }
            boolean b = baseline != null && baseline.ok();
            return 0.5 * (relative(mase, b ? baseline.mase() : Double.NaN) + relative(smape, b ? baseline.smape() : Double.NaN));
        }

        private static double relative(double x, double base) {
            return base > 0 && Double.isFinite(base) ? x / base : x;
        }
    }

    /** How the members of a combination are weighted. */
    public enum Weighting {
        /** Every member alike. */
        EQUAL,
        /** Each member by the inverse of its own backtest criterion (weights summing to one; mean combinations only). */
        INVERSE_ERROR
    }

    /**
     * @param plan         the backtest windows
     * @param maseSeason   the MASE lag
     * @param maxEnsemble  the largest combination of best candidates that is scored (1: none)
     * @param combine      how combinations combine
     * @param parallel     whether candidates run in parallel
     * @param weighting    how the members of a mean combination are weighted
     * @param shrink       the preference for combinations: a combination's backtest criterion is discounted by
     *                     this fraction when it is compared with single models (0: none), because a
     *                     combination's score varies less from the backtest to the future than a single model's
     * @param criterion    what the choice minimises
     */
    public record Options(Backtester.Plan plan, int maseSeason, int maxEnsemble, Combiner combine, boolean parallel,
            Weighting weighting, double shrink, Criterion criterion) {

        public Options {
            if (!(shrink >= 0 && shrink < 1)) {
                throw new IllegalArgumentException("shrink must be in [0, 1), got " + shrink);
            }
            if (weighting == Weighting.INVERSE_ERROR && combine != Combiner.MEAN) {
                throw new IllegalArgumentException("inverse-MASE weights apply to mean combinations, not " + combine);
            }
        }

        /** By mean MASE, equal weights, no preference for combinations. */
        public Options(Backtester.Plan plan, int maseSeason, int maxEnsemble, Combiner combine, boolean parallel) {
            this(plan, maseSeason, maxEnsemble, combine, parallel, Weighting.EQUAL, 0, Criterion.MASE);
        }
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
     * @param weights   for a weighted combination, the members' weights (summing to one); else empty
     * @param criterion the value of the selection criterion ({@link Options#criterion()}; NaN when it failed)
     */
    public record Score(String label, double mase, double smape, long millis, String error, List<String> members,
            List<Double> weights, double criterion) {

        public Score {
            members = members == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(members));
            weights = weights == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(weights));
        }

        public Score(String label, double mase, double smape, long millis, String error, List<String> members) {
            this(label, mase, smape, millis, error, members, List.of(), mase);
        }

        public boolean ok() {
            return error == null && Double.isFinite(mase) && Double.isFinite(criterion);
        }

        Score withCriterion(double value) {
            return new Score(label, mase, smape, millis, error, members, weights, value);
        }
    }

    /**
     * The forecasts of one candidate or combination on the backtest windows, oldest window first.
     *
     * @param label   the spec text, as in {@link Score#label()}
     * @param windows each window's forecast (means only), actual values and scores
     */
    public record WindowForecasts(String label, List<Backtester.WindowResult> windows) {
        public WindowForecasts {
            windows = List.copyOf(windows);
        }
    }

    /** How many of the ranking's first entries keep their window forecasts: the winner, the runner-up, and one more. */
    static final int KEPT = 3;

    /**
     * The outcome of a selection.
     *
     * @param leaders the window forecasts of the first {@value #KEPT} entries of {@link #ranking()} (the winner
     *                first), for the plot of the backtest and for the next best when the winner fails on the whole
     *                series; the other candidates' window forecasts are dropped with the selection's working state
     */
    public record Selection(Score winner, Score baseline, List<Score> candidates, List<Score> combinations, int windows,
            long millis, List<String> notes, double[][] winnerErrors, List<WindowForecasts> leaders) {

        public Selection {
            candidates = candidates == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(candidates));
            combinations = combinations == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(combinations));
            notes = notes == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(notes));
            leaders = leaders == null ? List.of() : List.copyOf(leaders);
        }

        /** The window forecasts of a model of the ranking, if it is among the {@link #leaders()}. */
        public java.util.Optional<WindowForecasts> windowForecasts(String label) {
            return leaders.stream().filter(w -> w.label().equals(label)).findFirst();
        }

        /** Forecast value added over the baseline in percent: 100 (1 - MASE_winner / MASE_baseline). */
        public double fva() {
            return baseline.ok() && baseline.mase() > 0 ? 100 * (1 - winner.mase() / baseline.mase()) : Double.NaN;
        }

        /** The winner, then the other candidates and combinations that scored, best first. */
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
            all.sort(Comparator.comparingDouble(Score::criterion));
            // the winner first: with shrink a combination can win without the lowest criterion
            all.remove(winner);
            all.add(0, winner);
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
        Run[] runs = backtest(candidates, windows, o);
        Score baseline = null;
        for (Run r : runs) {
            if (r.candidate.label().equals(baselineLabel)) {
                baseline = r.score;
            }
        }
        if (baseline == null) {
            throw new IllegalArgumentException("the baseline " + baselineLabel + " is not among the candidates");
        }
        Score base = baseline;
        List<Score> scores = new ArrayList<>();
        for (Run r : runs) {
            r.score = r.score.withCriterion(o.criterion().of(r.score.mase(), r.score.smape(), base));
            scores.add(r.score);
            if (r.candidate.label().equals(baselineLabel)) {
                baseline = r.score;
            }
            if (r.score.error() != null) {
                notes.add("candidate " + r.candidate.label() + " skipped: " + r.score.error());
            }
        }
        List<Run> ranked = new ArrayList<>();
        for (Run r : runs) {
            if (r.score.ok()) {
                ranked.add(r);
            }
        }
        ranked.sort(Comparator.comparingDouble(r -> r.score.criterion()));
        List<Combination> combos = combinations(ranked, windows, o, base);
        // the winner: the lowest criterion (combinations discounted by shrink); the baseline unless something beats it
        Score winner = baseline.ok() ? baseline : null;
        double[][] winnerErrors = baseline.ok() ? runOf(runs, baselineLabel).errors() : null;
        for (Run r : ranked) {
            if (r.candidate.label().equals(baselineLabel)) {
                continue;
            }
            if (winner == null || r.score.criterion() < winner.criterion()) {
                winner = r.score;
                winnerErrors = r.errors();
            }
        }
        double winnerScore = winner == null ? Double.NaN : winner.criterion();
        for (Combination c : combos) {
            double discounted = c.score().criterion() * (1 - o.shrink());
            if (winner == null || discounted < winnerScore) {
                winner = c.score();
                winnerScore = discounted;
                winnerErrors = c.errors();
            }
        }
        if (winner == null) {
            throw new IllegalArgumentException("no candidate could be backtested on series '" + series.label() + "': "
                    + String.join("; ", notes));
        }
        if (winner == baseline) {
            notes.add("no candidate beat the baseline " + baselineLabel + " on the backtest");
        }
        List<Score> comboScores = combos.stream().map(Combination::score).toList();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Selection unranked = new Selection(winner, baseline, scores, comboScores, windows.size(), millis, notes, winnerErrors, null);
        // keep the window forecasts of the first few of the ranking only: they are all that a plot or a replacement needs
        Map<String, List<Backtester.WindowResult>> results = new HashMap<>();
        for (Run r : ranked) {
            results.put(r.candidate.label(), r.results);
        }
        for (Combination c : combos) {
            results.put(c.score().label(), c.results());
        }
        List<WindowForecasts> leaders = new ArrayList<>();
        for (Score s : unranked.ranking()) {
            if (leaders.size() == KEPT) {
                break;
            }
            leaders.add(new WindowForecasts(s.label(), results.get(s.label())));
        }
        return new Selection(winner, baseline, scores, comboScores, windows.size(), millis, notes, winnerErrors, leaders);
    }

    /** Every candidate backtested on the same windows, in parallel when asked for. */
    private static Run[] backtest(List<Candidate> candidates, List<Backtester.Window> windows, Options o) {
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
        return runs;
    }

    /** A combination's score and its forecast of each window. */
    private record Combination(Score score, List<Backtester.WindowResult> results) {

        double[][] errors() {
            return ModelSelector.errors(results);
        }
    }

    /**
     * The combinations of the best two, three... candidates ({@code ranked}: those that scored, best
     * first), scored from the candidates' window forecasts without refitting; the baseline may be a
     * member: it often steadies a combination.
     */
    private static List<Combination> combinations(List<Run> ranked, List<Backtester.Window> windows, Options o, Score baseline) {
        List<Combination> combos = new ArrayList<>();
        for (int size = 2; size <= Math.min(o.maxEnsemble(), ranked.size()); size++) {
            List<Run> members = ranked.subList(0, size);
            double[] weights = weights(members, o.weighting());
            List<Backtester.WindowResult> results = new ArrayList<>();
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
                    mean[j] = weights != null ? Combiner.weightedMean(vals, weights, size) : o.combine().combine(vals, size);
                }
                Backtester.WindowResult wr = Backtester.score(win, Forecast.of("combination", win.train(), mean), o.maseSeason());
                maseSum += wr.mase();
                smapeSum += wr.smape();
                results.add(wr);
            }
            List<String> labels = new ArrayList<>();
            long ms = 0;
            for (Run r : members) {
                labels.add(r.candidate.label());
                ms += r.score.millis();
            }
            List<Double> w = new ArrayList<>();
            if (weights != null) {
                for (double v : weights) {
                    w.add(v);
                }
            }
            String how = weights != null ? "inverse-error weighted mean" : o.combine().name().toLowerCase(java.util.Locale.ROOT);
            double mase = maseSum / windows.size();
            double smape = smapeSum / windows.size();
            Score score = new Score(how + " of " + String.join(", ", labels), mase, smape, ms, null, labels, w,
                    o.criterion().of(mase, smape, baseline));
            combos.add(new Combination(score, results));
        }
        return combos;
    }

    /**
     * The weights of a combination's members (summing to one), or null for equal weights: with
     * {@link Weighting#INVERSE_ERROR} each member's weight is the inverse of its backtest criterion (a
     * member that scores zero, an exact fit, gets the weight of a score of 1e-9).
     */
    static double[] weights(List<Run> members, Weighting weighting) {
        if (weighting != Weighting.INVERSE_ERROR) {
            return null;
        }
        double[] w = new double[members.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 / Math.max(members.get(i).score.criterion(), 1e-9);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    private static Run runOf(Run[] runs, String label) {
        for (Run r : runs) {
            if (r.candidate.label().equals(label)) {
                return r;
            }
        }
        throw new IllegalStateException(label);
    }

    /** The errors (actual minus forecast) of each window. */
    private static double[][] errors(List<Backtester.WindowResult> results) {
        double[][] e = new double[results.size()][];
        for (int w = 0; w < results.size(); w++) {
            e[w] = errors(results.get(w).actual(), results.get(w).forecast().mean());
        }
        return e;
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
            return ModelSelector.errors(results);
        }
    }
}
