package ca.careorchestrator.app.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceWorkerTest {

    private static final Duration CAP = Duration.ofMinutes(5);

    @Test
    void backOffDoublesFromOneSecond() {
        assertThat(SourceWorker.backoff(1, Duration.ZERO, CAP, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SourceWorker.backoff(2, Duration.ZERO, CAP, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SourceWorker.backoff(5, Duration.ZERO, CAP, 0)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void jitterAddsAtMostHalfAgain() {
        assertThat(SourceWorker.backoff(3, Duration.ZERO, CAP, 0.999)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
    }

    @Test
    void aSourcesRetryAfterIsNeverCutShort() {
        assertThat(SourceWorker.backoff(1, Duration.ofSeconds(30), CAP, 0.5)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void neverWaitsLongerThanTheCap() {
        assertThat(SourceWorker.backoff(30, Duration.ZERO, CAP, 0.9)).isEqualTo(CAP);
        assertThat(SourceWorker.backoff(1, Duration.ofHours(2), CAP, 0)).isEqualTo(CAP);
    }
}
