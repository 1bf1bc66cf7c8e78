package ca.careorchestrator.core.care;

/** Professions that offer primary-care appointments. */
public enum Profession {
    PHYSICIAN("Médecin de famille", "Family physician"),
    NURSE_PRACTITIONER("Infirmière praticienne spécialisée (IPS)", "Nurse practitioner"),
    NURSE("Infirmière clinicienne", "Nurse"),
    PHARMACIST("Pharmacien", "Pharmacist"),
    PSYCHOLOGIST("Psychologue", "Psychologist"),
    SOCIAL_WORKER("Travailleur social", "Social worker"),
    PHYSIOTHERAPIST("Physiothérapeute", "Physiotherapist");

    private final String nameFr;
    private final String nameEn;

    Profession(String nameFr, String nameEn) {
        this.nameFr = nameFr;
        this.nameEn = nameEn;
    }

    public String name(Language language) {
        return language == Language.FR ? nameFr : nameEn;
    }
}
