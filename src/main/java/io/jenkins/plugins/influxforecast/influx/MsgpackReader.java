package io.jenkins.plugins.influxforecast.influx;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A streaming MessagePack reader for InfluxDB 1.x answers ({@code Accept: application/x-msgpack}):
 * the server encodes faster than JSON (no decimal float formatting) and floats arrive as exact
 * float64 values. Only what those answers use is read: nil, booleans, integers, floats, strings,
 * binaries (skipped), arrays and maps; extension types are skipped.
 */
final class MsgpackReader {

    /** Kinds of the next value. */
    enum Kind { NIL, BOOLEAN, INTEGER, FLOAT, STRING, BINARY, ARRAY, MAP, EXTENSION, END }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;

    MsgpackReader(InputStream in) {
        this.in = in;
    }

    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private int u8() throws IOException {
        if (!fill()) {
            throw new EOFException("the MessagePack answer ended early");
        }
        return buf[pos++] & 0xff;
    }

    private long be(int bytes) throws IOException {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | u8();
        }
        return v;
    }

    /** The kind of the next value, without consuming it; END at the end of the stream. */
    Kind peek() throws IOException {
        if (!fill()) {
            return Kind.END;
        }
        int b = buf[pos] & 0xff;
        if (b <= 0x7f || b >= 0xe0) {
            return Kind.INTEGER;
        }
        if (b <= 0x8f) {
            return Kind.MAP;
        }
        if (b <= 0x9f) {
            return Kind.ARRAY;
        }
        if (b <= 0xbf) {
            return Kind.STRING;
        }
        return switch (b) {
            case 0xc0 -> Kind.NIL;
            case 0xc2, 0xc3 -> Kind.BOOLEAN;
            case 0xc4, 0xc5, 0xc6 -> Kind.BINARY;
            case 0xc7, 0xc8, 0xc9, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8 -> Kind.EXTENSION;
            case 0xca, 0xcb -> Kind.FLOAT;
            case 0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3 -> Kind.INTEGER;
            case 0xd9, 0xda, 0xdb -> Kind.STRING;
            case 0xdc, 0xdd -> Kind.ARRAY;
            case 0xde, 0xdf -> Kind.MAP;
            default -> throw new IOException("unexpected MessagePack byte 0x" + Integer.toHexString(b));
        };
    }

    int mapHeader() throws IOException {
        int b = u8();
        if (b >= 0x80 && b <= 0x8f) {
            return b & 0x0f;
        }
        if (b == 0xde) {
            return (int) be(2);
        }
        if (b == 0xdf) {
            return (int) be(4);
        }
        throw new IOException("expected a MessagePack map, got 0x" + Integer.toHexString(b));
    }

    int arrayHeader() throws IOException {
        int b = u8();
        if (b >= 0x90 && b <= 0x9f) {
            return b & 0x0f;
        }
        if (b == 0xdc) {
            return (int) be(2);
        }
        if (b == 0xdd) {
            return (int) be(4);
        }
        throw new IOException("expected a MessagePack array, got 0x" + Integer.toHexString(b));
    }

    String string() throws IOException {
        int b = u8();
        int len;
        if (b >= 0xa0 && b <= 0xbf) {
            len = b & 0x1f;
        } else if (b == 0xd9) {
            len = u8();
        } else if (b == 0xda) {
            len = (int) be(2);
        } else if (b == 0xdb) {
            len = (int) be(4);
        } else {
            throw new IOException("expected a MessagePack string, got 0x" + Integer.toHexString(b));
        }
        if (pos + len <= limit) {
            String s = new String(buf, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }
        byte[] bytes = new byte[len];
        for (int i = 0; i < len; i++) {
            bytes[i] = (byte) u8();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    boolean bool() throws IOException {
        int b = u8();
        if (b == 0xc2 || b == 0xc3) {
            return b == 0xc3;
        }
        throw new IOException("expected a MessagePack boolean, got 0x" + Integer.toHexString(b));
    }

    void nil() throws IOException {
        int b = u8();
        if (b != 0xc0) {
            throw new IOException("expected MessagePack nil, got 0x" + Integer.toHexString(b));
        }
    }

    long integer() throws IOException {
        int b = u8();
        if (b <= 0x7f) {
            return b;
        }
        if (b >= 0xe0) {
            return (byte) b;
        }
        return switch (b) {
            case 0xcc -> be(1);
            case 0xcd -> be(2);
            case 0xce -> be(4);
            case 0xcf -> {
                long v = be(8);
                if (v < 0) {
                    throw new IOException("unsigned integer beyond 2^63 in the answer");
                }
                yield v;
            }
            case 0xd0 -> (byte) be(1);
            case 0xd1 -> (short) be(2);
            case 0xd2 -> (int) be(4);
            case 0xd3 -> be(8);
            default -> throw new IOException("expected a MessagePack integer, got 0x" + Integer.toHexString(b));
        };
    }

    /** A float, or an integer as a double. */
    double number() throws IOException {
        int b = buf[pos] & 0xff; // peek() was called by the caller
        if (b == 0xcb) {
            pos++;
            return Double.longBitsToDouble(be(8));
        }
        if (b == 0xca) {
            pos++;
            return Float.intBitsToFloat((int) be(4));
        }
        if (b == 0xcf) {
            pos++;
            long v = be(8);
            return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
        }
        return integer();
    }

    /** The time and value {@link #timeAndFloat()} read. */
    long fastTime;
    double fastValue;

    /**
     * The common row body of an answer, an int64 (or uint64 below 2^63) time then a float64 value,
     * read straight from the buffer when both are there: one check instead of a call per byte.
     * False (nothing consumed) for anything else; the caller then reads the values one by one.
     */
    boolean timeAndFloat() {
        int p = pos;
        if (limit - p < 18) {
            return false;
        }
        byte[] b = buf;
        int t = b[p] & 0xff;
        if ((t != 0xd3 && t != 0xcf) || (b[p + 9] & 0xff) != 0xcb) {
            return false;
        }
        long time = be8(b, p + 1);
        if (time < 0 && t == 0xcf) {
            return false;
        }
        fastTime = time;
        fastValue = Double.longBitsToDouble(be8(b, p + 10));
        pos = p + 18;
        return true;
    }

    private static long be8(byte[] b, int p) {
        return (b[p] & 0xffL) << 56 | (b[p + 1] & 0xffL) << 48 | (b[p + 2] & 0xffL) << 40 | (b[p + 3] & 0xffL) << 32
                | (b[p + 4] & 0xffL) << 24 | (b[p + 5] & 0xffL) << 16 | (b[p + 6] & 0xffL) << 8 | (b[p + 7] & 0xffL);
    }

    /** Skips one value, nested ones included. */
    void skip() throws IOException {
        switch (peek()) {
            case NIL, BOOLEAN -> u8();
            case INTEGER -> integer();
            case FLOAT -> {
                int b = u8();
                be(b == 0xca ? 4 : 8);
            }
            case STRING -> string();
            case BINARY -> {
                int b = u8();
                skipBytes((int) be(b == 0xc4 ? 1 : b == 0xc5 ? 2 : 4));
            }
            case ARRAY -> {
                int n = arrayHeader();
                for (int i = 0; i < n; i++) {
                    skip();
                }
            }
            case MAP -> {
                int n = mapHeader();
                for (int i = 0; i < 2 * n; i++) {
                    skip();
                }
            }
            case EXTENSION -> {
                int b = u8();
                int len = switch (b) {
                    case 0xd4 -> 1;
                    case 0xd5 -> 2;
                    case 0xd6 -> 4;
                    case 0xd7 -> 8;
                    case 0xd8 -> 16;
                    case 0xc7 -> (int) be(1);
                    case 0xc8 -> (int) be(2);
                    default -> (int) be(4);
                };
                skipBytes(len + 1); // the type byte, then the data
            }
            case END -> throw new EOFException("the MessagePack answer ended early");
        }
    }

    private void skipBytes(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            u8();
        }
    }
}
