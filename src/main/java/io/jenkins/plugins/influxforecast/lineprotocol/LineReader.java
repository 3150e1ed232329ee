package io.jenkins.plugins.influxforecast.lineprotocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a file line by line as byte ranges of a reusable buffer, without decoding: line protocol's
 * separators are ASCII, and UTF-8 never uses ASCII bytes inside a multi-byte character, so parsing
 * bytes is exact and several times cheaper than building a String per line.
 */
final class LineReader {

    private final InputStream in;
    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean eof;
    /** Bytes of the input before {@code buf[0]}. */
    private long base;
    /** The current line: {@code buf[start, end)}, without the line break (a trailing CR is kept). */
    int start;
    int end;
    long lineNumber;

    LineReader(InputStream in) {
        this.in = in;
    }

    byte[] buffer() {
        return buf;
    }

    /**
     * Whether the current line holds only bytes 1 to 127 (no NUL, nothing of a multi-byte UTF-8
     * character), found while looking for its end: such a line needs no byte-level check.
     */
    boolean plainAscii;

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException {
        while (true) {
            // locals, not fields, in the loop: the JIT compiler that a short run uses (C1) does not hoist field reads
            final byte[] bytes = buf;
            final int lim = limit;
            final int from = pos;
            boolean plain = true;
            for (int i = from; i < lim; i++) {
                byte c = bytes[i];
                if (c == '\n') {
                    start = from;
                    end = i;
                    pos = i + 1;
                    lineNumber++;
                    plainAscii = plain;
                    return true;
                }
                if (c <= 0) {
                    plain = false;
                }
            }
            if (eof) {
                if (from < lim) {
                    start = from;
                    end = lim;
                    pos = lim;
                    lineNumber++;
                    plainAscii = plain;
                    return true;
                }
                return false;
            }
            // move the partial line to the front, grow for very long lines, read more
            int partial = limit - pos;
            if (pos > 0) {
                base += pos;
                System.arraycopy(buf, pos, buf, 0, partial);
            } else if (partial == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int scannedTo = partial;
            pos = 0;
            limit = partial;
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
            // nothing before scannedTo holds a line break; the loop rescans it, which is cheap
            assert scannedTo <= limit;
        }
    }

    /** How many bytes were read from the input so far (all of them once {@link #next()} returned false). */
    long bytesRead() {
        return base + limit;
    }

    /** The offset in the input of the current line's first byte. */
    long offset() {
        return base + start;
    }

    /** Whether the current line ends with a carriage return (CRLF line breaks). */
    boolean endsWithCr() {
        return end > start && buf[end - 1] == '\r';
    }

    /** Whether the current line is blank or a comment. */
    boolean skippable() {
        for (int i = start; i < end; i++) {
            byte c = buf[i];
            if (c == '#') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
