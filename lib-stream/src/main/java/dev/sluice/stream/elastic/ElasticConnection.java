package dev.sluice.stream.elastic;

import dev.sluice.api.Require;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where an Elasticsearch (8, 9) or OpenSearch (2, 3) cluster answers, and how to authenticate.
 * The sink speaks plain JSON over the JDK's HTTP client, which both servers accept (the official
 * {@code elasticsearch-java} client refuses OpenSearch), so one connection serves either.
 *
 * <p>TLS: an {@code https} endpoint uses the JDK's trust store, or {@code trustStore} (PKCS12 or
 * JKS) when given, as a managed cluster with a private CA needs. Credentials are basic auth or an
 * API key (Elastic's {@code ApiKey} scheme, base64 of {@code id:key} as Elastic hands it out); neither
 * is ever shown by {@link #toString()} nor logged.
 *
 * @param endpoint           the cluster's URL, for example {@code https://search.example.com:9200}
 * @param username           basic auth user, or null
 * @param password           basic auth password, or null; never shown
 * @param apiKey             an encoded API key, or null; never shown
 * @param trustStore         a trust store file for TLS, or null for the JDK's
 * @param trustStorePassword its password, or null; never shown
 * @param requestTimeout     how long one request may take before it counts as failed (and is retried)
 */
public record ElasticConnection(URI endpoint, String username, String password, String apiKey, String trustStore,
                                String trustStorePassword, Duration requestTimeout) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ElasticConnection {
        Require.nonNull(endpoint, "endpoint");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("endpoint must be an http or https URL, got " + endpoint);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password go together: give both or neither");
        }
        if (username != null && apiKey != null) {
            throw new IllegalArgumentException("give basic auth or an API key, not both");
        }
        Require.nonNull(requestTimeout, "requestTimeout");
    }

    /** A cluster at {@code endpoint}, no credentials, 30 s per request. */
    public static ElasticConnection of(URI endpoint) {
        return new ElasticConnection(endpoint, null, null, null, null, null, Duration.ofSeconds(30));
    }

    /** See {@link #of(URI)}. */
    public static ElasticConnection of(String endpoint) {
        return of(URI.create(Require.nonBlank(endpoint, "endpoint")));
    }

    public ElasticConnection withBasicAuth(String user, String secret) {
        return new ElasticConnection(endpoint, Require.nonBlank(user, "username"), Require.nonNull(secret, "password"), null, trustStore,
                trustStorePassword, requestTimeout);
    }

    public ElasticConnection withApiKey(String encodedKey) {
        return new ElasticConnection(endpoint, null, null, Require.nonBlank(encodedKey, "apiKey"), trustStore, trustStorePassword, requestTimeout);
    }

    public ElasticConnection withTrustStore(Path file, String secret) {
        return new ElasticConnection(endpoint, username, password, apiKey, Require.nonNull(file, "trustStore").toString(), secret, requestTimeout);
    }

    public ElasticConnection withRequestTimeout(Duration v) {
        return new ElasticConnection(endpoint, username, password, apiKey, trustStore, trustStorePassword, v);
    }

    /** The {@code Authorization} header's value, or null without credentials. */
    String authorization() {
        if (apiKey != null) {
            return "ApiKey " + apiKey;
        }
        if (username != null) {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** A new HTTP client for this cluster (HTTP/1.1: both servers' bulk endpoints speak it best). */
    HttpClient client() {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        if (trustStore != null) {
            builder.sslContext(sslContext());
        }
        return builder.build();
    }

    private SSLContext sslContext() {
        char[] secret = trustStorePassword == null ? null : trustStorePassword.toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
            KeyStore store = KeyStore.getInstance(trustStore.endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, secret);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trust store " + trustStore, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        String auth = apiKey != null ? "api key ****" : username != null ? "basic " + username + "/****" : "none";
        return "ElasticConnection[endpoint=" + endpoint + ", auth=" + auth + ", trustStore=" + (trustStore == null ? "jdk" : trustStore)
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
