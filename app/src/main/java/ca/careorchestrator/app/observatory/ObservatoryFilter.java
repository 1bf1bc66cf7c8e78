package ca.careorchestrator.app.observatory;

import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypeCode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dashboard asks: an area, Quebec days from {@code from} to {@code to} (both included), and optionally one
 * service type and one profession (demand figures have no profession: a filter on one leaves them whole).
 */
public record ObservatoryFilter(Area.Level level, String code, LocalDate from, LocalDate to, Optional<ServiceTypeCode> service,
        Optional<Profession> profession) {

    public ObservatoryFilter {
        Objects.requireNonNull(level);
        Objects.requireNonNull(code);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(service);
        Objects.requireNonNull(profession);
    }
}
