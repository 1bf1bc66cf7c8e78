package ca.careorchestrator.app.directory;

import ca.careorchestrator.core.care.SourceSystem;
import java.util.UUID;

/** How a source names one of our clinics (a site) or professionals: recorded when the clinic is onboarded. */
public record SourceRef(SourceSystem source, Kind kind, String ref, UUID target) {

    public enum Kind {
        SITE, PROFESSIONAL
    }

    public SourceRef {
        if (source == null || kind == null || ref == null || ref.isBlank() || ref.length() > 200 || target == null) {
            throw new IllegalArgumentException("a source reference names its source, kind, a non-blank ref (<= 200 chars) and target");
        }
    }
}
