package io.jenkins.plugins.influxforecast.influx;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} shards of a query's series, written {@code index/count} with {@code index}
 * from 1 to {@code count} ({@code 2/3}). A series belongs to shard {@code h mod count + 1}, where
 * {@code h} is the 64-bit FNV-1a hash (unsigned) of its canonical tag set: the tags sorted by key,
 * written {@code k=v} and joined with commas ({@code host=a,region=eu}), as UTF-8 bytes, without
 * escaping; a series without tags hashes the empty text. The function is fixed, so the shards of
 * one query split its series the same way on every run, in every pod, with every client that
 * implements it: together they hold every series once.
 */
public record Shard(int index, int count) {

    /** The largest number of shards: one pod each. */
    public static final int MAX_COUNT = 1000;

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,4})\\s*/\\s*(\\d{1,4})\\s*");
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    public Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("shard count must be between 1 and " + MAX_COUNT + ", got " + count);
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("shard must be i/N with i from 1 to N, got " + index + "/" + count);
        }
    }

    /**
     * Parses {@code i/N}.
     *
     * @param option the option's name, for the message
     */
    public static Shard parse(String option, String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(option + " must be i/N (this pod's shard i of N, i from 1 to N, N from 1 to "
                    + MAX_COUNT + ", e.g. 2/3), got '" + text + "'");
        }
        int index = Integer.parseInt(m.group(1));
        int count = Integer.parseInt(m.group(2));
        try {
            return new Shard(index, count);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be i/N with N from 1 to " + MAX_COUNT + " and i from 1 to N, got '"
                    + text.trim() + "'");
        }
    }

    /** True when the series with these tags belongs to this shard. */
    public boolean contains(Map<String, String> tags) {
        return Long.remainderUnsigned(hash(tags), count) == index - 1;
    }

    /** The shard number (1 to {@code count}) of the series with these tags. */
    public static int of(Map<String, String> tags, int count) {
        return (int) Long.remainderUnsigned(hash(tags), count) + 1;
    }

    /** FNV-1a 64 of the canonical tag set {@code k=v,k=v} (keys sorted) in UTF-8. */
    public static long hash(Map<String, String> tags) {
        return fnv1a64(canonical(tags).getBytes(StandardCharsets.UTF_8));
    }

    /** The tag set as hashed: keys sorted, {@code k=v} joined with commas, nothing escaped. */
    public static String canonical(Map<String, String> tags) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(tags).entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    static long fnv1a64(byte[] bytes) {
        long h = FNV_OFFSET_BASIS;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
