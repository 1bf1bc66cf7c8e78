package ca.careorchestrator.connector.smart;

import java.util.Optional;

/**
 * The SMART Scheduling Links extensions the connector reads. The IG package's canonical is
 * {@code http://fhir-registry.smarthealthit.org/StructureDefinition/<name>}, and so is the recorded Rite Aid
 * publisher; some publishers and the spec's own prose write {@code https://}: both are accepted.
 */
enum SmartExtension {
    /** {@code valueUrl}: the publisher's page to book this slot. */
    BOOKING_DEEP_LINK("booking-deep-link"),
    /** {@code valueString}: the phone number to book this slot. */
    BOOKING_PHONE("booking-phone"),
    /** {@code valueInteger}: how many patients the slot can still take (0: none, whatever the status says). */
    SLOT_CAPACITY("slot-capacity");

    private static final String HTTP_BASE = "http://fhir-registry.smarthealthit.org/StructureDefinition/";
    private static final String HTTPS_BASE = "https://fhir-registry.smarthealthit.org/StructureDefinition/";

    private final String name;

    SmartExtension(String name) {
        this.name = name;
    }

    static Optional<SmartExtension> of(String url) {
        String name;
        if (url.startsWith(HTTP_BASE)) {
            name = url.substring(HTTP_BASE.length());
        } else if (url.startsWith(HTTPS_BASE)) {
            name = url.substring(HTTPS_BASE.length());
        } else {
            return Optional.empty();
        }
        for (SmartExtension extension : values()) {
            if (extension.name.equals(name)) {
                return Optional.of(extension);
            }
        }
        return Optional.empty();
    }

    String url() {
        return HTTP_BASE + name;
    }
}
