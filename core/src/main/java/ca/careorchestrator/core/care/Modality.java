package ca.careorchestrator.core.care;

/** How a consultation takes place. */
public enum Modality {
    IN_PERSON("En personne", "In person"),
    PHONE("Téléphone", "Phone"),
    VIDEO("Vidéo", "Video");

    private final String nameFr;
    private final String nameEn;

    Modality(String nameFr, String nameEn) {
        this.nameFr = nameFr;
        this.nameEn = nameEn;
    }

    public String name(Language language) {
        return language == Language.FR ? nameFr : nameEn;
    }
}
