package io.jenkins.plugins.influxforecast.pipeline;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers for people: log lines and the end-of-run summary show 4 significant digits (files keep
 * full precision). Plain notation from 0.0001 up to a million, scientific beyond.
 */
public final class LogFormat {

    /** Significant digits of a number in the log. */
    public static final int DIGITS = 4;

    private LogFormat() {
    }

    /** {@code 0.4936}, {@code 18.09}, {@code 1234}, {@code 1.235e+07}; {@code n/a} for null, NaN or infinity. */
    public static String number(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "n/a";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            BigDecimal d = new BigDecimal(v).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        }
        return String.format(java.util.Locale.ROOT, "%." + (DIGITS - 1) + "e", v);
    }

    /** Seconds for durations: {@code 0.4 s}, {@code 12 s}, {@code 3 min 20 s}. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        if (seconds < 10) {
            return String.format(java.util.Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}
