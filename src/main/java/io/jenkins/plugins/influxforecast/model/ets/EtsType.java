package io.jenkins.plugins.influxforecast.model.ets;

import io.jenkins.plugins.influxforecast.series.Echo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One member of the ETS taxonomy that R's {@code ets} admits: error A (additive) or M
 * (multiplicative); trend N (none), A (additive) or Ad (additive damped); season N, A or M. Written
 * as R's model strings with the damping letter: {@code ANN}, {@code AAdA}, {@code MAM}, ...
 */
public record EtsType(char error, char trend, boolean damped, char season) {

    public EtsType {
        if (error != 'A' && error != 'M') {
            throw new IllegalArgumentException("ETS error must be A or M, got " + error);
        }
        if (trend != 'N' && trend != 'A') {
            throw new IllegalArgumentException("ETS trend must be N, A or Ad, got " + trend);
        }
        if (season != 'N' && season != 'A' && season != 'M') {
            throw new IllegalArgumentException("ETS season must be N, A or M, got " + season);
        }
        if (damped && trend == 'N') {
            throw new IllegalArgumentException("ETS damping needs a trend");
        }
    }

    /** Parses {@code ANN}, {@code AAdA}, {@code MAdM} ... (no wildcards; see {@link #candidates}). */
    public static EtsType parse(String code) {
        List<EtsType> c = candidates(code, null);
        if (c.size() != 1 || code.toUpperCase(Locale.ROOT).contains("Z")) {
            throw new IllegalArgumentException("ETS model must be a fixed type such as AAdA, got " + Echo.quote(code));
        }
        return c.get(0);
    }

    /**
     * The types a pattern stands for: three letters error/trend/season, each of them fixed or Z
     * (any), the trend letter optionally followed by d (damped): {@code ZZZ}, {@code AZN},
     * {@code MAdM}. {@code damped} (null: both) restricts the trended ones, as R's {@code damped}.
     * R's restrictions apply: no additive error with multiplicative season, no multiplicative
     * trend. The list is in R's search order.
     */
    public static List<EtsType> candidates(String pattern, Boolean damped) {
        String p = pattern.trim();
        String up = p.toUpperCase(Locale.ROOT);
        boolean dampLetter = false;
        if (up.length() == 4 && (p.charAt(2) == 'd' || p.charAt(2) == 'D')) {
            dampLetter = true;
            up = up.substring(0, 2) + up.substring(3);
        }
        if (up.length() != 3) {
            throw new IllegalArgumentException("ETS model must be three letters (error, trend, season) such as ZZZ, ANN or AAdA, got " + Echo.quote(pattern));
        }
        String errors = expand(up.charAt(0), "AM", "error", pattern);
        String trends = expand(up.charAt(1), "NA", "trend", pattern);
        String seasons = expand(up.charAt(2), "NAM", "season", pattern);
        if (dampLetter && (trends.contains("N") && trends.length() == 1)) {
            throw new IllegalArgumentException("ETS model '" + pattern + "': a damped trend needs a trend");
        }
        if (dampLetter && Boolean.FALSE.equals(damped)) {
            throw new IllegalArgumentException("ETS model '" + pattern + "' is damped but damped=false was given");
        }
        List<Boolean> damps = new ArrayList<>();
        if (dampLetter || Boolean.TRUE.equals(damped)) {
            damps.add(true);
        } else if (Boolean.FALSE.equals(damped)) {
            damps.add(false);
        } else if (up.charAt(1) == 'Z') {
            damps.add(true);
            damps.add(false);
        } else {
            damps.add(false);
        }
        List<EtsType> out = new ArrayList<>();
        for (char e : errors.toCharArray()) {
            for (char t : trends.toCharArray()) {
                for (char s : seasons.toCharArray()) {
                    for (boolean d : damps) {
                        if (t == 'N' && d) {
                            continue;
                        }
                        if (e == 'A' && s == 'M') {
                            continue;
                        }
                        out.add(new EtsType(e, t, d, s));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("ETS model '" + pattern + "' is not allowed: additive errors with multiplicative"
                    + " seasonality are unstable (R's restrict = TRUE)");
        }
        return out;
    }

    private static String expand(char c, String allowed, String what, String pattern) {
        if (c == 'Z') {
            return allowed;
        }
        if (allowed.indexOf(c) < 0) {
            throw new IllegalArgumentException("ETS model '" + pattern + "': " + what + " must be one of "
                    + String.join(", ", allowed.split("")) + " or Z, got " + c
                    + (c == 'M' && what.equals("trend") ? " (multiplicative trends are not supported)" : ""));
        }
        return String.valueOf(c);
    }

    public boolean hasTrend() {
        return trend != 'N';
    }

    public boolean seasonal() {
        return season != 'N';
    }

    /** True when any component is multiplicative (the data must then be positive). */
    public boolean multiplicative() {
        return error == 'M' || season == 'M';
    }

    /** A copy without the seasonal component. */
    public EtsType nonSeasonal() {
        return new EtsType(error, trend, damped, 'N');
    }

    /** R's model string with the damping letter: {@code AAdA}. */
    public String code() {
        return "" + error + trend + (damped ? "d" : "") + season;
    }

    /** R's method label: {@code ETS(A,Ad,A)}. */
    public String label() {
        return "ETS(" + error + "," + trend + (damped ? "d" : "") + "," + season + ")";
    }

    @Override
    public String toString() {
        return code();
    }
}
