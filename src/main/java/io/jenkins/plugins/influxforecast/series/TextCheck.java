package io.jenkins.plugins.influxforecast.series;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that an input file is UTF-8 text before it is parsed as CSV: a binary file (a gzip, a
 * PNG), UTF-16 text or a file in a legacy encoding is refused with the line and byte offset of the
 * first bad byte, instead of failing later on a cell of garbage or with a decoder's exception.
 */
final class TextCheck {

    private TextCheck() {
    }

    static void requireUtf8Text(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16); // UTF-8 never gives more chars than bytes: no overflow
        long line = 1;
        long consumed = 0; // bytes decoded before in's index 0
        boolean first = true;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            while (true) {
                boolean eof = channel.read(in) < 0;
                in.flip();
                if (first && (in.remaining() >= 2 || eof)) {
                    first = false;
                    refuseUtf16ByteOrderMark(file, in);
                }
                CoderResult r = decoder.decode(in, out, eof);
                for (int i = 0; i < in.position(); i++) {
                    byte b = in.get(i);
                    if (b == '\n') {
                        line++;
                    } else if (b == 0) {
                        throw new IllegalArgumentException(file + " line " + line + ": a NUL byte at offset " + (consumed + i)
                                + ": a binary file or UTF-16 text, not a CSV in UTF-8");
                    }
                }
                if (r.isError()) {
                    int bad = in.position();
                    throw new IllegalArgumentException(file + " line " + line + ": not UTF-8 text (byte 0x"
                            + String.format("%02x", in.get(bad) & 0xff) + " at offset " + (consumed + bad)
                            + "); save the file as UTF-8 CSV");
                }
                consumed += in.position();
                out.clear();
                in.compact();
                if (eof) {
                    return;
                }
            }
        }
    }

    private static void refuseUtf16ByteOrderMark(Path file, ByteBuffer in) {
        if (in.remaining() < 2) {
            return;
        }
        int a = in.get(in.position()) & 0xff;
        int b = in.get(in.position() + 1) & 0xff;
        if ((a == 0xfe && b == 0xff) || (a == 0xff && b == 0xfe)) {
            throw new IllegalArgumentException(file + " line 1: starts with a UTF-16 byte-order mark (0x"
                    + Integer.toHexString(a) + Integer.toHexString(b) + "): UTF-16 text; save the file as UTF-8 CSV");
        }
    }
}
