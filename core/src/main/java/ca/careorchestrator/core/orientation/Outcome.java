package ca.careorchestrator.core.orientation;

import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypeCode;
import java.time.Duration;
import java.util.List;

/** Where the answers lead: a booking (service, professions in order, longest safe delay), 911, or an 811 line. */
public sealed interface Outcome {

    record Book(ServiceTypeCode service, List<Profession> professions, Duration maxDelay) implements Outcome {

        public Book {
            professions = List.copyOf(professions);
            if (service == null || professions.isEmpty() || maxDelay == null || maxDelay.isNegative() || maxDelay.isZero()) {
                throw new IllegalArgumentException("a booking outcome names a service, at least one profession and a delay");
            }
        }
    }

    /** Call 911 now. */
    record CallEmergency() implements Outcome {
    }

    /** Call 811: Info-Santé (a nurse, option 1) or Info-Social (a psychosocial worker, option 2), day and night. */
    record CallInfoLine(Line line) implements Outcome {

        public enum Line {
            INFO_SANTE, INFO_SOCIAL
        }
    }
}
