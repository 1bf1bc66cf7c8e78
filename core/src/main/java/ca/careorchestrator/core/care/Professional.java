package ca.careorchestrator.core.care;

import java.util.Set;

/** A professional who offers appointments at a clinic. */
public record Professional(
        ProfessionalId id,
        ClinicId clinic,
        Profession profession,
        String familyName,
        String givenName,
        Set<Language> languages) {

    public Professional {
        if (id == null || clinic == null || profession == null) {
            throw new IllegalArgumentException("a professional has an id, a clinic and a profession");
        }
        if (familyName == null || familyName.isBlank() || givenName == null || givenName.isBlank()) {
            throw new IllegalArgumentException("a professional has a family and a given name");
        }
        languages = Set.copyOf(languages);
        if (!languages.contains(Language.FR) && !languages.contains(Language.EN)) {
            throw new IllegalArgumentException("a professional consults in French or English");
        }
    }
}
