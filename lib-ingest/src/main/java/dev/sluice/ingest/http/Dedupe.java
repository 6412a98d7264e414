package dev.sluice.ingest.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * The short-window memory of {@code Idempotency-Key}s: the first request with a key is produced;
 * a repeat within the window, while the first is still in flight or after it, gets the first's
 * answer instead of being produced again.
 *
 * <p>Contract: keys are per stream. An answer that asks for a retry (429, 5xx) is forgotten, so the
 * retry is produced. A repeat whose body differs from the first's (by CRC-32C and length) is a
 * client error, not a replay. Memory is bounded by the window and the key count (Caffeine evicts
 * the oldest first); past either, a key is new again. Thread-safe.
 */
final class Dedupe {

    /** What {@link #claim} found: either this request owns the key, or an earlier one's answer. */
    record Claim(CompletableFuture<Reply> earlier, boolean sameBody) {
        boolean owned() {
            return earlier == null;
        }
    }

    private record Entry(long bodySum, CompletableFuture<Reply> reply) {}

    private final Cache<String, Entry> keys;

    Dedupe(Duration window, int maxKeys) {
        this.keys = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(maxKeys).build();
    }

    /**
     * Claims {@code key} for a body; when this request owns it, {@code answer} must be completed
     * with its reply (which also answers the repeats waiting on it).
     */
    Claim claim(String stream, String key, byte[] body, CompletableFuture<Reply> answer) {
        long sum = checksum(body);
        String k = stream + '\u0000' + key;
        Entry mine = new Entry(sum, answer);
        Entry found = keys.asMap().putIfAbsent(k, mine);
        if (found == null) {
            answer.thenAccept(r -> {
                if (r.retriable()) {
                    keys.asMap().remove(k, mine);
                }
            });
            return new Claim(null, true);
        }
        return new Claim(found.reply(), found.bodySum() == sum);
    }

    long size() {
        return keys.estimatedSize();
    }

    private static long checksum(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return (crc.getValue() << 32) ^ body.length;
    }
}
