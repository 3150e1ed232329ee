package io.jenkins.plugins.influxforecast.lineprotocol;

import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocol.FieldType;
import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocol.SyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict line-protocol parser over bytes: it records where the measurement, the tag keys and
 * values, the field keys and the field types are (raw, still escaped), without allocating. One
 * instance is reused line after line. See {@link LineProtocol} for the grammar.
 */
final class LineScanner {

    byte[] b;
    int lineStart;
    int measStart;
    int measEnd;
    int tagCount;
    int[] tagKeyStart = new int[8];
    int[] tagKeyEnd = new int[8];
    int[] tagValueStart = new int[8];
    int[] tagValueEnd = new int[8];
    int fieldCount;
    int[] fieldKeyStart = new int[8];
    int[] fieldKeyEnd = new int[8];
    FieldType[] fieldTypes = new FieldType[8];
    boolean hasTimestamp;
    long timestamp;
    /** The space between the tags and the fields. */
    int keyEnd;
    // the measurement and tags of the last line whose key was read, positions relative to its start
    private byte[] lastKey = new byte[64];
    private int lastKeyLength = -1;
    private int lastMeasStart;
    private int lastMeasEnd;
    private int lastTagCount;
    private int[] lastTags = new int[32];

    private int i;
    private int n;

    /** InfluxDB's documented limit on a string field value. */
    static final int MAX_STRING_BYTES = 64 * 1024;

    private SyntaxException error(String what) {
        return new SyntaxException(what + " at column " + (Math.min(i, n) - lineStart + 1));
    }

    /** Decodes a raw range as InfluxDB does ({@link LineProtocolNames#unescape}). */
    String text(int from, int to, boolean equalsEscaped) {
        return LineProtocolNames.unescape(new String(b, from, to - from, StandardCharsets.UTF_8), equalsEscaped);
    }

    String measurement() {
        return text(measStart, measEnd, false);
    }

    String fieldKey(int f) {
        return text(fieldKeyStart[f], fieldKeyEnd[f], true);
    }

    boolean sameRange(int s1, int e1, int s2, int e2) {
        return same(b, s1, e1, b, s2, e2);
    }

    boolean rangeIs(int s, int e, byte[] word) {
        return same(b, s, e, word, 0, word.length);
    }

    /** Arrays.equals for the short ranges of keys and names, without its set-up cost. */
    static boolean same(byte[] x, int xs, int xe, byte[] y, int ys, int ye) {
        if (xe - xs != ye - ys) {
            return false;
        }
        for (int k = 0; k < xe - xs; k++) {
            if (x[xs + k] != y[ys + k]) {
                return false;
            }
        }
        return true;
    }

    /** Scans {@code bytes[start, end)} (a trailing CR is ignored). */
    void scan(byte[] bytes, int start, int end) {
        scan(bytes, start, end, false);
    }

    /**
     * As {@link #scan(byte[], int, int)}; {@code plainAscii}: the caller found only bytes 1 to 127
     * in the range, so the check for NUL and UTF-8 is skipped.
     */
    void scan(byte[] bytes, int start, int end, boolean plainAscii) {
        b = bytes;
        lineStart = start;
        n = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
        i = start;
        tagCount = 0;
        fieldCount = 0;
        hasTimestamp = false;
        if (!plainAscii) {
            checkBytes();
        }
        while (i < n && (b[i] == ' ' || b[i] == '\t')) {
            i++; // InfluxDB skips white space at the start of a line
        }
        if (!sameKeyAsLast()) {
            key();
        }
        skipSpaces();
        boolean first = true;
        while (first || (i < n && b[i] == ',')) {
            if (!first) {
                i++;
            }
            first = false;
            int ks = i;
            token(true);
            int ke = i;
            if (ke == ks) {
                throw error("missing field key");
            }
            if (i >= n || b[i] != '=') {
                throw error("missing '=' after field key '" + text(ks, ke, true) + "'");
            }
            i++;
            FieldType type = fieldValue(ks, ke);
            if (fieldCount == fieldKeyStart.length) {
                growFields();
            }
            fieldKeyStart[fieldCount] = ks;
            fieldKeyEnd[fieldCount] = ke;
            fieldTypes[fieldCount++] = type;
        }
        if (i >= n) {
            return;
        }
        if (b[i] != ' ') {
            throw error("unexpected '" + (char) b[i] + "' after the fields");
        }
        skipSpaces();
        if (i >= n) {
            return; // trailing spaces, no timestamp
        }
        int ts = i;
        int te = ts;
        final byte[] line = b;
        final int stop = n;
        while (te < stop && line[te] != ' ') {
            te++;
        }
        i = te;
        skipSpaces();
        if (i < n) {
            throw error("unexpected text after the timestamp");
        }
        timestamp = parseLong(ts, te, "timestamp");
        hasTimestamp = true;
    }

    /** Skips the spaces between the parts of a line (InfluxDB takes several; a tab there it refuses). */
    private void skipSpaces() {
        i = spacesEnd(b, i, n);
    }

    /** The first index at or after {@code from} (below {@code end}) that is not a space, or {@code end}. */
    private static int spacesEnd(byte[] bytes, int from, int end) {
        int j = from;
        while (j < end && bytes[j] == ' ') {
            j++;
        }
        return j;
    }

    /** The end of an unquoted field value: the first comma or space at or after {@code from}, or {@code end}. */
    private static int valueEnd(byte[] bytes, int from, int end) {
        int e = from;
        while (e < end && bytes[e] != ',' && bytes[e] != ' ') {
            e++;
        }
        return e;
    }

    /**
     * Refuses what InfluxDB would store as something else: NUL, bytes that are not UTF-8, and a
     * byte-order mark (which would become part of a name).
     */
    private void checkBytes() {
        final byte[] bytes = b;
        final int end = n;
        for (int k = i; k < end; k++) {
            byte c = bytes[k];
            if (c == 0) {
                i = k;
                throw error("NUL byte");
            }
            if (c < 0) {
                checkUtf8(k);
                return;
            }
        }
    }

    private void checkUtf8(int from) {
        int k = from;
        while (k < n) {
            int c = b[k] & 0xff;
            if (c == 0) {
                i = k;
                throw error("NUL byte");
            }
            if (c < 0x80) {
                k++;
                continue;
            }
            int len;
            int cp;
            if (c >= 0xc2 && c <= 0xdf) {
                len = 2;
                cp = c & 0x1f;
            } else if (c >= 0xe0 && c <= 0xef) {
                len = 3;
                cp = c & 0x0f;
            } else if (c >= 0xf0 && c <= 0xf4) {
                len = 4;
                cp = c & 0x07;
            } else {
                i = k;
                throw error("invalid UTF-8 (byte 0x" + Integer.toHexString(c) + ")");
            }
            if (k + len > n) {
                i = k;
                throw error("invalid UTF-8 (truncated character)");
            }
            for (int m = 1; m < len; m++) {
                int d = b[k + m] & 0xff;
                if ((d & 0xc0) != 0x80) {
                    i = k;
                    throw error("invalid UTF-8 (byte 0x" + Integer.toHexString(c) + " 0x" + Integer.toHexString(d) + ")");
                }
                cp = (cp << 6) | (d & 0x3f);
            }
            if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff))) {
                i = k;
                throw error("invalid UTF-8 (overlong form or surrogate U+" + Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT)
                        + ")");
            }
            if (cp == 0xfeff) {
                i = k;
                throw error("byte-order mark (U+FEFF), which InfluxDB would keep as part of a name");
            }
            k += len;
        }
    }

    private long parseLong(int s, int e, String what) {
        final byte[] b = this.b;
        int k = s;
        boolean negative = k < e && b[k] == '-';
        if (negative) {
            k++;
        }
        if (k == e) {
            throw error("bad " + what + " '" + new String(b, s, e - s, StandardCharsets.UTF_8) + "'");
        }
        // accumulate negatively so that Long.MIN_VALUE fits; the first 18 digits cannot overflow
        long v = 0;
        int safe = Math.min(e, k + 18);
        for (; k < safe; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) {
                throw error("bad " + what + " '" + new String(b, s, e - s, StandardCharsets.UTF_8) + "'");
            }
            v = v * 10 - d;
        }
        for (; k < e; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) {
                throw error("bad " + what + " '" + new String(b, s, e - s, StandardCharsets.UTF_8) + "'");
            }
            if (v < Long.MIN_VALUE / 10 || v * 10 < Long.MIN_VALUE + d) {
                throw error(what + " out of range '" + new String(b, s, e - s, StandardCharsets.UTF_8) + "'");
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                throw error(what + " out of range '" + new String(b, s, e - s, StandardCharsets.UTF_8) + "'");
            }
            v = -v;
        }
        return v;
    }

    /** The measurement and tags: where they are, checked; {@code i} ends on the space before the fields. */
    private void key() {
        measStart = i;
        token(false);
        measEnd = i;
        if (measEnd == measStart) {
            throw error("missing measurement");
        }
        while (i < n && b[i] == ',') {
            i++;
            int ks = i;
            token(true);
            int ke = i;
            if (ke == ks) {
                throw error("missing tag key");
            }
            if (i >= n || b[i] != '=') {
                throw error("missing '=' after tag key '" + text(ks, ke, true) + "'");
            }
            i++;
            int vs = i;
            token(true);
            if (i == vs) {
                throw error("missing value of tag '" + text(ks, ke, true) + "'");
            }
            if (b[i - 1] == '\\') {
                throw error("value of tag '" + text(ks, ke, true) + "' ends with a backslash, which InfluxDB refuses");
            }
            if (tagCount == tagKeyStart.length) {
                growTags();
            }
            tagKeyStart[tagCount] = ks;
            tagKeyEnd[tagCount] = ke;
            tagValueStart[tagCount] = vs;
            tagValueEnd[tagCount++] = i;
        }
        if (i >= n || b[i] != ' ') {
            throw error("missing fields");
        }
        keyEnd = i;
        // remember it: the next line of the same series starts with the same bytes
        int len = keyEnd - lineStart;
        if (lastKey.length < len) {
            lastKey = new byte[Math.max(len, 2 * lastKey.length)];
        }
        System.arraycopy(b, lineStart, lastKey, 0, len);
        lastKeyLength = len;
        lastMeasStart = measStart - lineStart;
        lastMeasEnd = measEnd - lineStart;
        lastTagCount = tagCount;
        if (lastTags.length < 4 * tagCount) {
            lastTags = new int[4 * tagKeyStart.length];
        }
        for (int t = 0; t < tagCount; t++) {
            lastTags[4 * t] = tagKeyStart[t] - lineStart;
            lastTags[4 * t + 1] = tagKeyEnd[t] - lineStart;
            lastTags[4 * t + 2] = tagValueStart[t] - lineStart;
            lastTags[4 * t + 3] = tagValueEnd[t] - lineStart;
        }
    }

    /**
     * Whether the line starts with the measurement and tags of the last line whose key was read,
     * followed by the space before the fields: the same bytes parse the same way, so their
     * positions are taken over instead of scanning them again.
     */
    private boolean sameKeyAsLast() {
        int len = lastKeyLength;
        int s0 = lineStart;
        if (len <= 0 || n - s0 <= len || b[s0 + len] != ' ' || !same(b, s0, s0 + len, lastKey, 0, len)) {
            return false;
        }
        measStart = s0 + lastMeasStart;
        measEnd = s0 + lastMeasEnd;
        tagCount = lastTagCount;
        for (int t = 0; t < tagCount; t++) {
            tagKeyStart[t] = s0 + lastTags[4 * t];
            tagKeyEnd[t] = s0 + lastTags[4 * t + 1];
            tagValueStart[t] = s0 + lastTags[4 * t + 2];
            tagValueEnd[t] = s0 + lastTags[4 * t + 3];
        }
        keyEnd = s0 + len;
        i = keyEnd;
        return true;
    }

    private void growTags() {
        int len = tagKeyStart.length * 2;
        tagKeyStart = Arrays.copyOf(tagKeyStart, len);
        tagKeyEnd = Arrays.copyOf(tagKeyEnd, len);
        tagValueStart = Arrays.copyOf(tagValueStart, len);
        tagValueEnd = Arrays.copyOf(tagValueEnd, len);
    }

    private void growFields() {
        int len = fieldKeyStart.length * 2;
        fieldKeyStart = Arrays.copyOf(fieldKeyStart, len);
        fieldKeyEnd = Arrays.copyOf(fieldKeyEnd, len);
        fieldTypes = Arrays.copyOf(fieldTypes, len);
    }

    /** Skips a measurement, key or tag value up to an unescaped separator. */
    private void token(boolean keyOrTag) {
        final byte[] bytes = b;
        final int end = n;
        int j = i;
        while (j < end) {
            byte c = bytes[j];
            if (c == ',' || c == ' ' || (keyOrTag && c == '=')) {
                break;
            }
            if (c == '\\' && j + 1 < end) {
                j += 2; // InfluxDB pairs every backslash with the character after it
                continue;
            } else if (c == '\r' || c == '\n') {
                i = j;
                throw error("line break inside the line");
            }
            j++;
        }
        i = j;
    }

    private FieldType fieldValue(int ks, int ke) {
        if (i >= n) {
            throw error("missing value of field '" + text(ks, ke, true) + "'");
        }
        if (b[i] == '"') {
            int start = i;
            i++;
            while (i < n) {
                byte d = b[i];
                if (d == '\\' && i + 1 < n) {
                    i += 2;
                } else if (d == '"') {
                    i++;
                    if (i - 2 - start > MAX_STRING_BYTES) {
                        throw error("string value of field '" + text(ks, ke, true) + "' is " + (i - 2 - start)
                                + " bytes; InfluxDB allows at most " + MAX_STRING_BYTES + " (64 KiB)");
                    }
                    return FieldType.STRING;
                } else {
                    i++;
                }
            }
            throw error("unterminated string value of field '" + text(ks, ke, true) + "'");
        }
        int s = i;
        int e = valueEnd(b, s, n);
        i = e;
        if (e == s) {
            throw error("missing value of field '" + text(ks, ke, true) + "'");
        }
        if (isBoolean(s, e)) {
            return FieldType.BOOLEAN;
        }
        byte last = b[e - 1];
        if (last == 'i' || last == 'u') {
            int k = s;
            if (last == 'i' && b[k] == '-') {
                k++;
            }
            boolean digits = k < e - 1;
            for (int j = k; j < e - 1; j++) {
                if (b[j] < '0' || b[j] > '9') {
                    digits = false;
                    break;
                }
            }
            String v = new String(b, s, e - s, StandardCharsets.UTF_8);
            if (!digits) {
                throw error("bad " + (last == 'i' ? "integer" : "unsigned") + " value '" + v + "' of field '"
                        + text(ks, ke, true) + "'");
            }
            if (e - 1 - k >= 19) {
                try {
                    String num = v.substring(0, v.length() - 1);
                    if (last == 'i') {
                        Long.parseLong(num);
                    } else {
                        Long.parseUnsignedLong(num);
                    }
                } catch (NumberFormatException ex) {
                    throw error("value '" + v + "' of field '" + text(ks, ke, true) + "' is out of range");
                }
            }
            return last == 'i' ? FieldType.INTEGER : FieldType.UNSIGNED;
        }
        int literal = floatLiteral(s, e);
        if (literal < 0) {
            String v = new String(b, s, e - s, StandardCharsets.UTF_8);
            String lower = v.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("nan") || lower.contains("inf")) {
                throw error("field '" + text(ks, ke, true) + "' is " + v + "; NaN and infinity cannot be stored in InfluxDB");
            }
            throw error("bad value '" + v + "' of field '" + text(ks, ke, true) + "'");
        }
        if (literal > 0) { // an exponent or many digits: it might overflow a double
            String v = new String(b, s, e - s, StandardCharsets.UTF_8);
            if (Double.isInfinite(Double.parseDouble(v))) {
                throw error("field '" + text(ks, ke, true) + "' value " + v + " overflows a 64-bit float");
            }
        }
        return FieldType.FLOAT;
    }

    private boolean isBoolean(int s, int e) {
        int len = e - s;
        byte c = b[s];
        if (len == 1) {
            return c == 't' || c == 'T' || c == 'f' || c == 'F';
        }
        if (len != 4 && len != 5) {
            return false;
        }
        if (c != 't' && c != 'T' && c != 'f' && c != 'F') {
            return false; // every number starts otherwise: no text to build
        }
        String v = new String(b, s, len, StandardCharsets.US_ASCII);
        return switch (v) {
            case "true", "True", "TRUE", "false", "False", "FALSE" -> true;
            default -> false;
        };
    }

    /**
     * -1: not a float literal {@code -? (digits [. digits?] | . digits) ([eE] [-+]? digits)?} (InfluxDB's
     * scanner takes a minus sign and refuses a plus sign before a value);
     * 0: one that cannot overflow; 1: one with an exponent or over 300 digits (check the value).
     */
    private int floatLiteral(int s, int e) {
        final byte[] b = this.b;
        int k = s;
        if (b[k] == '-') {
            k++;
        }
        int digits = 0;
        while (k < e && b[k] >= '0' && b[k] <= '9') {
            k++;
            digits++;
        }
        if (k < e && b[k] == '.') {
            k++;
            while (k < e && b[k] >= '0' && b[k] <= '9') {
                k++;
                digits++;
            }
        }
        if (digits == 0) {
            return -1;
        }
        boolean exponent = false;
        if (k < e && (b[k] == 'e' || b[k] == 'E')) {
            exponent = true;
            k++;
            if (k < e && (b[k] == '-' || b[k] == '+')) {
                k++;
            }
            int exp = 0;
            while (k < e && b[k] >= '0' && b[k] <= '9') {
                k++;
                exp++;
            }
            if (exp == 0) {
                return -1;
            }
        }
        if (k != e) {
            return -1;
        }
        return exponent || digits > 300 ? 1 : 0;
    }
}
