package ca.careorchestrator.core.patient;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.core.care.Language;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PriorityCodesTest {

    private final PriorityCodes codes = PriorityCodes.standard();

    @Test
    void everyCodeHasADelayGrowingFromAToEAndALabelInBothLanguages() {
        Duration previous = Duration.ZERO;
        for (PriorityCode code : PriorityCode.values()) {
            assertThat(codes.maxDelay(code)).isGreaterThan(previous);
            previous = codes.maxDelay(code);
            assertThat(codes.meaning(code).label().get(Language.FR)).startsWith(code.name());
            assertThat(codes.meaning(code).label().get(Language.EN)).startsWith(code.name());
        }
        assertThat(codes.maxDelay(PriorityCode.A)).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void aRequestIsInBreachOnceItWaitedLongerThanItsCodesDelay() {
        Instant filed = Instant.parse("2026-11-01T15:00:00Z");
        assertThat(codes.breachAt(PriorityCode.B, filed)).isEqualTo(Instant.parse("2026-11-08T15:00:00Z"));
        assertThat(PriorityCode.A.atLeast(PriorityCode.B)).isTrue();
        assertThat(PriorityCode.C.atLeast(PriorityCode.B)).isFalse();
    }
}
