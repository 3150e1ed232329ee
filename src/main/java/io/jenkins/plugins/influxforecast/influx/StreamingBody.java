package io.jenkins.plugins.influxforecast.influx;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as a stream, with an idle timeout: when no bytes arrive for {@code idle}
 * the read fails with {@link HttpTimeoutException} and the exchange is cancelled. (The JDK's
 * {@code BodyHandlers.ofInputStream()} waits forever on a server that stops sending; the request
 * timeout only covers the wait for the headers.) Buffers are requested one list at a time, so at
 * most a few socket reads are held in memory.
 */
final class StreamingBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    private static final List<ByteBuffer> END = List.of();

    private final LinkedBlockingQueue<List<ByteBuffer>> queue = new LinkedBlockingQueue<>();
    private final long idleNanos;
    private volatile Flow.Subscription subscription;
    private volatile Throwable failure;
    private Iterator<ByteBuffer> lists = List.<ByteBuffer>of().iterator();
    private ByteBuffer current;
    private boolean ended;
    private boolean closed;

    StreamingBody(Duration idle) {
        this.idleNanos = idle.toNanos();
    }

    static HttpResponse.BodyHandler<InputStream> handler(Duration idle) {
        return info -> new StreamingBody(idle);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        failure = t;
        queue.add(END);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    private boolean fill() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (ended) {
                return false;
            }
            if (closed) {
                throw new IOException("stream closed");
            }
            if (lists.hasNext()) {
                current = lists.next();
                continue;
            }
            List<ByteBuffer> next;
            try {
                next = queue.poll(idleNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new InterruptedIOException("interrupted while reading the answer");
            }
            if (next == null) {
                cancel();
                throw new HttpTimeoutException("no data for " + Durations.format(Duration.ofNanos(idleNanos))
                        + " while reading the answer (timeout)");
            }
            if (next == END) {
                ended = true;
                if (failure != null) {
                    throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
                }
                return false;
            }
            lists = next.iterator();
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (!ended) {
                cancel();
            }
        }
    }
}
