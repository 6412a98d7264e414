package dev.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A slow network between a client and a real server on loopback: a TCP relay that passes what the
 * client sends at a fixed byte rate per connection (the answers pass at full speed). Point a client
 * at {@link #uri()} instead of the server to make its uploads slow without touching the server or
 * the client's code.
 *
 * <p>Contract: listens on 127.0.0.1 only; every connection to it opens one to the target; closing the
 * link closes every connection. Daemon threads, two per connection.
 */
public final class ThrottledLink implements AutoCloseable {

    private static final int CHUNK = 8 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long bytesPerSecond;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ThrottledLink(InetSocketAddress target, long bytesPerSecond) throws IOException {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("bytesPerSecond must be at least 1, got " + bytesPerSecond);
        }
        this.target = target;
        this.bytesPerSecond = bytesPerSecond;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "throttled-link-" + server.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    /** A link to the server at {@code endpoint} (an {@code http://host:port} URI), passing uploads at {@code bytesPerSecond}. */
    public static ThrottledLink to(URI endpoint, long bytesPerSecond) {
        try {
            return new ThrottledLink(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), bytesPerSecond);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a throttled link to " + endpoint, e);
        }
    }

    /** The link's own endpoint: the target's scheme with the link's loopback port. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, bytesPerSecond);
                pump(upstream, client, 0);
            } catch (IOException e) {
                if (!closed) {
                    continue; // one refused connection; the client sees it as a reset and retries
                }
            }
        }
    }

    /** Copies {@code from} to {@code to} in its own thread, at {@code rate} bytes a second (0: unthrottled). */
    private void pump(Socket from, Socket to, long rate) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[CHUNK];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                long due = System.nanoTime();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                    if (rate > 0) {
                        // An idle keep-alive connection earns no credit: each burst starts at the rate.
                        due = Math.max(due, System.nanoTime()) + n * 1_000_000_000L / rate;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the other side went away: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "throttled-link-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(ThrottledLink::closeQuietly);
    }
}
