package io.jenkins.plugins.influxforecast.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups of lead times (steps ahead) that live accuracy is reported for. {@code auto} doubles the
 * width of each bucket: 1, 2, 3-4, 5-8, 9-16, ... so a horizon of H steps has about log2(H) + 1
 * buckets; an explicit list of upper bounds ({@code 1,6,24,48}) gives 1, 2-6, 7-24, 25-48 and 49+.
 * Labels are what the {@code lead} tag of the accuracy measurement holds.
 */
public final class LeadBuckets {

    /** The text that asks for doubling buckets. */
    public static final String AUTO = "auto";

    /** One bucket: leads {@code from} to {@code to} inclusive ({@code to} is {@link Integer#MAX_VALUE} for the open last one). */
    public record Bucket(String label, int from, int to) {
        public boolean contains(int lead) {
            return lead >= from && lead <= to;
        }
    }

    private final int[] upper;
    private final String text;

    private LeadBuckets(int[] upper, String text) {
        this.upper = upper;
        this.text = text;
    }

    /** {@code auto} (or empty) for doubling buckets, else ascending whole upper bounds separated by commas. */
    public static LeadBuckets parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase(AUTO)) {
            return new LeadBuckets(null, AUTO);
        }
        String[] parts = text.split(",");
        int[] upper = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                upper[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("leadBuckets must be auto or ascending whole numbers of steps separated by commas"
                        + " (e.g. 1,6,24,48), got '" + text.trim() + "'");
            }
            if (upper[i] < 1 || (i > 0 && upper[i] <= upper[i - 1])) {
                throw new IllegalArgumentException("leadBuckets must be ascending whole numbers >= 1 (e.g. 1,6,24,48), got '"
                        + text.trim() + "'");
            }
        }
        return new LeadBuckets(upper, text.trim());
    }

    /** The bucket of a lead (steps ahead, >= 1). */
    public Bucket bucketOf(int lead) {
        if (lead < 1) {
            throw new IllegalArgumentException("lead must be >= 1 step ahead, got " + lead);
        }
        if (upper == null) {
            int to = 1;
            while (to < lead) {
                to *= 2;
            }
            int from = to == 1 ? 1 : to / 2 + 1;
            return bucket(from, to);
        }
        int from = 1;
        for (int u : upper) {
            if (lead <= u) {
                return bucket(from, u);
            }
            from = u + 1;
        }
        return new Bucket(from + "+", from, Integer.MAX_VALUE);
    }

    /** The buckets that leads 1 to {@code maxLead} fall into, in order. */
    public List<Bucket> upTo(int maxLead) {
        List<Bucket> out = new ArrayList<>();
        for (int lead = 1; lead <= maxLead; ) {
            Bucket b = bucketOf(lead);
            out.add(b);
            if (b.to() == Integer.MAX_VALUE) {
                break;
            }
            lead = b.to() + 1;
        }
        return out;
    }

    private static Bucket bucket(int from, int to) {
        return new Bucket(from == to ? Integer.toString(from) : from + "-" + to, from, to);
    }

    @Override
    public String toString() {
        return text;
    }
}
