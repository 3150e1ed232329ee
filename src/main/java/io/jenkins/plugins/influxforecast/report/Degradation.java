package io.jenkins.plugins.influxforecast.report;

import java.util.Locale;

/**
 * Something the engine did differently from what was asked, for one series: its {@link Kind} for
 * programs (the HTML report, the step summary, the log's grouping of repeats) and a sentence for
 * people. Consumers branch on the kind, never on the text.
 *
 * @param kind    what happened
 * @param stage   {@code input}, {@code validation} or {@code forecast}
 * @param message what happened, in words, with the numbers
 */
public record Degradation(Kind kind, String stage, String message) {

    /** The kinds of degradation, each with a short label for tables and logs. */
    public enum Kind {
        /** Missing points of the regular grid were filled (linear or previous value). */
        POINTS_FILLED("points filled"),
        /** Points off the frequency grid were moved onto it. */
        POINTS_MOVED("points moved onto the grid"),
        /** Several values for one grid time were merged into one. */
        DUPLICATES_MERGED("duplicates merged"),
        /** Empty rows at the start or end of the series were dropped. */
        EMPTY_EDGES_DROPPED("empty edge rows dropped"),
        /** The model could not use a season (too few periods, a period above its maximum) and fitted without it. */
        SEASON_DROPPED("season dropped"),
        /** The model's own search fell back to a simpler model (for example a random walk). */
        MODEL_FELL_BACK("model fell back"),
        /** The requested model failed or gave an insane forecast; the next model of the chain was used. */
        FALLBACK_USED("fallback model used"),
        /** The model has no analytic intervals; they were calibrated from backtest errors. */
        INTERVALS_CALIBRATED("intervals calibrated"),
        /** Negative forecast values were set to zero (nonNegative). */
        VALUES_CLIPPED("negative values clipped"),
        /** Any other note of the model, in its own words. */
        MODEL_NOTE("model note");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The flag name of the kind in metrics.json's {@code model.flags}, e.g. {@code season_dropped}. */
        public String flag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A kind this version does not know (a file of a newer engine) reads as {@link Kind#MODEL_NOTE}. */
    public Degradation {
        kind = kind == null ? Kind.MODEL_NOTE : kind;
        message = message == null ? "" : message;
    }
}
