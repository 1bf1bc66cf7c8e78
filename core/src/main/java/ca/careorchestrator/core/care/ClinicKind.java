package ca.careorchestrator.core.care;

/** The kinds of primary-care sites that publish appointments. */
public enum ClinicKind {
    /** Groupe de médecine de famille. */
    GMF("GMF", "Family medicine group (GMF)"),
    /** Centre local de services communautaires, run by a CISSS/CIUSSS. */
    CLSC("CLSC", "Local community service centre (CLSC)"),
    /** A walk-in or private medical clinic outside a GMF. */
    MEDICAL_CLINIC("Clinique médicale", "Medical clinic"),
    /** A community pharmacy offering consultations. */
    PHARMACY("Pharmacie", "Pharmacy"),
    /** A virtual-care provider. */
    VIRTUAL("Soins virtuels", "Virtual care");

    private final String nameFr;
    private final String nameEn;

    ClinicKind(String nameFr, String nameEn) {
        this.nameFr = nameFr;
        this.nameEn = nameEn;
    }

    public String name(Language language) {
        return language == Language.FR ? nameFr : nameEn;
    }
}
