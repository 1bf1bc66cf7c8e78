package ca.careorchestrator.core.care;

import java.time.Duration;

/** A canonical, bilingual type of primary-care service with its usual length. */
public record ServiceType(ServiceTypeCode code, Duration usualLength, String nameFr, String nameEn) {

    public ServiceType {
        if (code == null || usualLength == null || usualLength.isNegative() || usualLength.isZero()) {
            throw new IllegalArgumentException("a service type has a code and a positive usual length");
        }
        if (nameFr == null || nameFr.isBlank() || nameEn == null || nameEn.isBlank()) {
            throw new IllegalArgumentException("a service type is named in French and English");
        }
    }

    public String name(Language language) {
        return language == Language.FR ? nameFr : nameEn;
    }
}
