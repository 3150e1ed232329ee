package io.jenkins.plugins.influxforecast.influx;

import java.util.Map;
import java.util.Objects;

/**
 * Passes on the series of one {@link Shard} and drops the others, with their points. Counts both,
 * so the extract summary can say how many series the query returned and how many this shard kept.
 */
public final class ShardFilter implements PointSink {

    private final Shard shard;
    private final PointSink next;
    private boolean passing;
    private final java.util.Set<String> kept = new java.util.HashSet<>();
    private final java.util.Set<String> dropped = new java.util.HashSet<>();

    public ShardFilter(Shard shard, PointSink next) {
        this.shard = Objects.requireNonNull(shard, "shard");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void beginSeries(String name, Map<String, String> tags) {
        if (passing) {
            next.endSeries();
        }
        passing = shard.contains(tags);
        // a series may begin again in the next chunk of a streamed answer: count it once
        (passing ? kept : dropped).add(name + "\u0000" + Shard.canonical(tags));
        if (passing) {
            next.beginSeries(name, tags);
        }
    }

    @Override
    public void point(long epochNanos, double value) {
        if (passing) {
            next.point(epochNanos, value);
        }
    }

    @Override
    public void endSeries() {
        if (passing) {
            next.endSeries();
        }
        passing = false;
    }

    /** A retry reads the answer again from its start: forget what was counted, and pass the reset on. */
    @Override
    public void discardAll() {
        passing = false;
        kept.clear();
        dropped.clear();
        next.discardAll();
    }

    public Shard shard() {
        return shard;
    }

    /** Distinct series (measurement and tag set) passed on so far. */
    public int keptSeries() {
        return kept.size();
    }

    /** Distinct series left to the other shards so far. */
    public int droppedSeries() {
        return dropped.size();
    }
}
