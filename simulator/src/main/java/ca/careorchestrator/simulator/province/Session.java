package ca.careorchestrator.simulator.province;

import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;

/** One recurring block of a weekly template: same day and hours each week, cut into equal slots. */
public record Session(DayOfWeek day, LocalTime start, int slots, Duration slotLength, ServiceTypeCode service, Modality modality) {

    public Session {
        if (slots < 1 || slotLength.isZero() || slotLength.isNegative()) {
            throw new IllegalArgumentException("a session has at least one slot of positive length");
        }
    }
}
