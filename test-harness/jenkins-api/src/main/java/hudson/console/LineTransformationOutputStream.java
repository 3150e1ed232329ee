package hudson.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Shim of {@code hudson.console.LineTransformationOutputStream}: buffers bytes and hands every
 * complete line (with its line terminator) to {@link #eol}.
 */
public abstract class LineTransformationOutputStream extends OutputStream {

    private static final int LF = 0x0A;

    private final Buffer buf = new Buffer();

    /** Called for each complete line; {@code b[0..len)} includes the CR/LF. The buffer is reused. */
    protected abstract void eol(byte[] b, int len) throws IOException;

    @Override
    public void write(int b) throws IOException {
        buf.write(b);
        if (b == LF) {
            eol();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        for (int i = off; i < end; i++) {
            write(b[i]);
        }
    }

    @Override
    public void close() throws IOException {
        forceEol();
    }

    /** Emits a pending partial line, if there is one. */
    public void forceEol() throws IOException {
        if (buf.size() > 0) {
            eol();
        }
    }

    private void eol() throws IOException {
        eol(buf.bytes(), buf.size());
        buf.reset();
    }

    protected String trimEOL(String line) {
        int slen = line.length();
        while (slen > 0) {
            char ch = line.charAt(slen - 1);
            if (ch == '\r' || ch == '\n') {
                slen--;
                continue;
            }
            break;
        }
        return line.substring(0, slen);
    }

    /** Delegates the transformed lines to another stream. */
    public abstract static class Delegating extends LineTransformationOutputStream {
        protected final OutputStream out;

        protected Delegating(OutputStream out) {
            this.out = out;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            super.close();
            out.close();
        }
    }

    private static final class Buffer extends ByteArrayOutputStream {
        byte[] bytes() {
            return buf;
        }
    }

}
