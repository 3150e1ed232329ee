package io.jenkins.plugins.influxforecast.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The slots of a schedule that have no run in the history: the schedule's interval ({@code every},
 * e.g. 12h) cuts time into slots on a UTC grid from the epoch; a slot between the first run in the
 * history and the current one whose interval holds no run's issue time was missed (the controller
 * was down, a build failed). Only slots within the lookback count, newest first, at most
 * {@code max}; before the first run there is no hole to fill.
 */
public final class MissedRuns {

    private MissedRuns() {
    }

    /**
     * @param issued    the issue times (epoch seconds) of the runs in the history
     * @param asOf      now, or the time scored as of: its own slot is the current run's, never missed
     * @param every     the schedule's interval
     * @param lookback  how far back slots are considered
     * @param max       at most this many slots are returned (newest first)
     * @return the start of each missed slot, newest first
     */
    public static List<Instant> find(Collection<Long> issued, Instant asOf, Duration every, Duration lookback, int max) {
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("every must be > 0 (the schedule's interval, e.g. 12h), got " + every);
        }
        long step = every.getSeconds();
        if (step < 1) {
            throw new IllegalArgumentException("every must be at least 1s, got " + every);
        }
        NavigableSet<Long> runs = new TreeSet<>(issued);
        long current = Math.floorDiv(asOf.getEpochSecond(), step) * step;
        List<Instant> out = new ArrayList<>();
        if (runs.isEmpty()) {
            return out;
        }
        long first = Math.floorDiv(runs.first(), step) * step;
        long earliest = Math.max(asOf.minus(lookback).getEpochSecond(), first + step);
        for (long slot = current - step; slot >= earliest && out.size() < max; slot -= step) {
            Long run = runs.ceiling(slot);
            if (run == null || run >= slot + step) {
                out.add(Instant.ofEpochSecond(slot));
            }
        }
        return out;
    }
}
