package dev.sluice.formats;

import dev.sluice.api.Require;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach a Confluent-compatible registry.
 *
 * @param url       base URL, for example {@code http://registry:8080/apis/ccompat/v7}
 * @param timeout   per request
 * @param basicAuth {@code user:password}, or null; never logged, not part of {@link #toString()}
 */
public record RegistryConfig(URI url, Duration timeout, String basicAuth) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RegistryConfig {
        Require.nonNull(url, "registry url");
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new IllegalArgumentException("registry url must be http or https, got " + url);
        }
        Require.positive(timeout, "registry timeout");
        if (basicAuth != null && !basicAuth.contains(":")) {
            throw new IllegalArgumentException("registry basicAuth must be user:password");
        }
    }

    public static RegistryConfig of(String url) {
        return new RegistryConfig(URI.create(Require.nonBlank(url, "registry url")), Duration.ofSeconds(10), null);
    }

    public RegistryConfig withTimeout(Duration t) {
        return new RegistryConfig(url, t, basicAuth);
    }

    public RegistryConfig withBasicAuth(String userColonPassword) {
        return new RegistryConfig(url, timeout, userColonPassword);
    }

    @Override
    public String toString() {
        return "RegistryConfig[url=" + url + ", timeout=" + timeout + ", basicAuth=" + (basicAuth == null ? "none" : "****") + "]";
    }
}
