package dev.sluice.ingest.http;

import dev.sluice.api.Require;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The API keys the ingest server accepts, kept only as SHA-256 hashes.
 *
 * <p>Contract: a presented key is hashed and compared against every stored hash with
 * {@link MessageDigest#isEqual} (constant time, and the loop does not stop at a match), so the time
 * taken says nothing about how close a guess was. No method returns, logs or prints a key or a
 * hash; {@link #toString} names only the keys' labels. Thread-safe and immutable.
 */
public final class ApiKeys {

    /** One accepted key: a label for metrics and docs, its hash, and the streams it may write ({@code *} for all). */
    public record ApiKey(String label, byte[] sha256, Set<String> streams) {

        public ApiKey {
            Require.nonBlank(label, "label");
            if (sha256 == null || sha256.length != 32) {
                throw new IllegalArgumentException("api key '" + label + "': sha256 must be 32 bytes");
            }
            sha256 = sha256.clone();
            streams = Set.copyOf(Require.nonNull(streams, "streams"));
        }

        /** A key given as the hex SHA-256 of the secret (how configuration should hold it). */
        public static ApiKey ofHash(String label, String sha256Hex, Set<String> streams) {
            return new ApiKey(label, HexFormat.of().parseHex(Require.nonBlank(sha256Hex, "sha256Hex").trim()), streams);
        }

        /** A key given as the secret itself (read from the environment or a file); only its hash is kept. */
        public static ApiKey ofSecret(String label, String secret, Set<String> streams) {
            return new ApiKey(label, ApiKeys.sha256(Require.nonBlank(secret, "secret")), streams);
        }

        boolean mayWrite(String stream) {
            return streams.contains("*") || streams.contains(stream);
        }

        @Override
        public byte[] sha256() {
            return sha256.clone();
        }

        @Override
        public String toString() {
            return "ApiKey[" + label + ", streams=" + streams + "]";
        }
    }

    /** What a request's credentials allow on a stream. */
    public enum Verdict {
        ALLOWED, MISSING, INVALID, FORBIDDEN
    }

    private static final ApiKeys OPEN = new ApiKeys(List.of());

    private final List<ApiKey> keys;

    private ApiKeys(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** No authentication: every request is allowed. For loopback demos and tests only. */
    public static ApiKeys open() {
        return OPEN;
    }

    public static ApiKeys of(List<ApiKey> keys) {
        if (Require.nonNull(keys, "keys").isEmpty()) {
            throw new IllegalArgumentException("keys: give at least one key, or use ApiKeys.open()");
        }
        return new ApiKeys(keys);
    }

    public boolean isOpen() {
        return keys.isEmpty();
    }

    /** Judges a presented key (null when the request carried none) for a write to {@code stream}. */
    public Verdict check(String presented, String stream) {
        if (isOpen()) {
            return Verdict.ALLOWED;
        }
        if (presented == null || presented.isBlank()) {
            return Verdict.MISSING;
        }
        byte[] hash = sha256(presented);
        ApiKey match = null;
        for (ApiKey k : keys) {
            if (MessageDigest.isEqual(k.sha256, hash) && match == null) {
                match = k;
            }
        }
        if (match == null) {
            return Verdict.INVALID;
        }
        return match.mayWrite(stream) ? Verdict.ALLOWED : Verdict.FORBIDDEN;
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hex SHA-256 of a secret, to put in configuration instead of the secret. */
    public static String hashOf(String secret) {
        return HexFormat.of().formatHex(sha256(Require.nonBlank(secret, "secret")));
    }

    @Override
    public String toString() {
        return isOpen() ? "ApiKeys[open]" : "ApiKeys" + keys.stream().map(ApiKey::label).toList();
    }
}
