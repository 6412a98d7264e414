package dev.sluice.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DedupeTest {

    private final Dedupe dedupe = new Dedupe(Duration.ofMinutes(1), 100);
    private final byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aRepeatGetsTheFirstAnswerEvenWhileItIsInFlight() {
        CompletableFuture<Reply> first = new CompletableFuture<>();
        assertThat(dedupe.claim("s", "k1", body, first).owned()).isTrue();
        Dedupe.Claim repeat = dedupe.claim("s", "k1", body, new CompletableFuture<>());
        assertThat(repeat.owned()).isFalse();
        assertThat(repeat.sameBody()).isTrue();
        assertThat(repeat.earlier()).isNotDone();
        Reply ok = Reply.of(200, new byte[0]);
        first.complete(ok);
        assertThat(repeat.earlier()).isCompletedWithValue(ok);
    }

    @Test
    void keysArePerStreamAndADifferentBodyIsNoReplay() {
        assertThat(dedupe.claim("s", "k", body, new CompletableFuture<>()).owned()).isTrue();
        assertThat(dedupe.claim("other", "k", body, new CompletableFuture<>()).owned()).isTrue();
        Dedupe.Claim changed = dedupe.claim("s", "k", "{\"id\":2}".getBytes(StandardCharsets.UTF_8), new CompletableFuture<>());
        assertThat(changed.owned()).isFalse();
        assertThat(changed.sameBody()).isFalse();
    }

    @Test
    void anAnswerAskingForARetryIsForgottenSoTheRetryIsProduced() {
        CompletableFuture<Reply> first = new CompletableFuture<>();
        dedupe.claim("s", "k", body, first);
        first.complete(new Reply(503, new byte[0], 1));
        assertThat(dedupe.claim("s", "k", body, new CompletableFuture<>()).owned()).isTrue();
    }
}
