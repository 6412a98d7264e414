package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (a C load generator, so the load costs the two cores little) with a Lua script that
 * POSTs one fixed body, and reads its summary.
 */
final class Wrk {

    /** One run: completed requests, requests/s, latency percentiles in ms, and answers outside 2xx/3xx. */
    record Run(long requests, double perSecond, double p50Ms, double p99Ms, long non2xx) {}

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private Wrk() {}

    static void requireInstalled() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed: the bench script installs it with apt-get (Debian package 'wrk'),"
                    + " or install it yourself", e);
        }
        p.getInputStream().readAllBytes();
        p.waitFor();
    }

    /** A Lua script POSTing {@code body} as {@code contentType}. */
    static Path script(String contentType, String body) throws IOException {
        Path f = Files.createTempFile("wrk-post", ".lua");
        String lua = "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"" + contentType + "\"\nwrk.body = [==[" + body + "]==]\n";
        Files.writeString(f, lua, StandardCharsets.UTF_8);
        f.toFile().deleteOnExit();
        return f;
    }

    static Run run(String url, Path script, int connections, int seconds) throws IOException, InterruptedException {
        List<String> cmd = List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency", "-s", script.toString(), url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        return new Run(Long.parseLong(find(REQUESTS, out, "0")), Double.parseDouble(find(RATE, out, "0")),
                percentile(out, "50%"), percentile(out, "99%"), Long.parseLong(find(NON_2XX, out, "0")));
    }

    private static String find(Pattern p, String text, String fallback) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : fallback;
    }

    /** wrk prints "99%    3.23ms" (or us, s) under "Latency Distribution". */
    private static double percentile(String out, String label) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
