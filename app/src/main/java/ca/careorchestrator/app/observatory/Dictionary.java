package ca.careorchestrator.app.observatory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The data dictionary of the open data: each dataset's columns in export order (the CSV header, the JSON names), with a
 * label and a definition in French and English, and whether small-cell suppression ({@link SmallCells}) can empty it.
 * The figures' entries are the {@link Measure}s'; the others (keys, access, quality, fairness) are written here.
 */
public final class Dictionary {

    private Dictionary() {
    }

    public record Column(String name, String labelFr, String labelEn, String definitionFr, String definitionEn, boolean suppressible,
            Optional<Measure> measure) {

        public String label(Locale locale) {
            return "en".equals(locale.getLanguage()) ? labelEn : labelFr;
        }

        public String definition(Locale locale) {
            return "en".equals(locale.getLanguage()) ? definitionEn : definitionFr;
        }
    }

    private static Column key(String name, String labelFr, String labelEn, String definitionFr, String definitionEn) {
        return new Column(name, labelFr, labelEn, definitionFr, definitionEn, false, Optional.empty());
    }

    private static Column of(Measure measure) {
        return new Column(measure.column(), measure.label(Locale.CANADA_FRENCH), measure.label(Locale.ENGLISH),
                measure.definition(Locale.CANADA_FRENCH), measure.definition(Locale.ENGLISH), true, Optional.of(measure));
    }

    private static final Column DAY = key("day", "Jour", "Day", "Jour civil au Québec (America/Montreal), AAAA-MM-JJ.",
            "Calendar day in Quebec (America/Montreal), YYYY-MM-DD.");
    private static final Column REGION = key("region_code", "Région (RSS)", "Region (RSS)",
            "Code de la région sociosanitaire, 01 à 18.", "Health region (RSS) code, 01 to 18.");
    private static final Column NETWORK = key("local_network_code", "Réseau local (RLS)", "Local network (RLS)",
            "Code du réseau local de services (quatre chiffres) ; vide pour une recherche faite par région seulement.",
            "Local service network (RLS) code (four digits); empty for a search by region alone.");
    private static final Column SERVICE = key("service_type", "Type de service", "Service type",
            "Code du type de service (/api/v1/service-types) ; vide : recherche sans type de service.",
            "Service type code (/api/v1/service-types); empty: a search for any service.");

    /** The columns of one dataset's export, in order. */
    public static List<Column> columns(Dataset dataset) {
        List<Column> columns = new ArrayList<>();
        columns.add(DAY);
        switch (dataset) {
            case SUPPLY -> {
                columns.add(key("area_level", "Niveau", "Level", "REGION (RSS), LOCAL_NETWORK (RLS) ou CLINIC.",
                        "REGION (RSS), LOCAL_NETWORK (RLS) or CLINIC."));
                columns.add(key("area_code", "Code du territoire", "Area code", "Code RSS, code RLS ou identifiant de la clinique.",
                        "RSS code, RLS code or the clinic's id."));
                columns.add(key("area_name", "Nom du territoire", "Area name", "Nom de la région, du réseau local ou de la clinique.",
                        "Name of the region, local network or clinic."));
                columns.add(REGION);
                columns.add(SERVICE);
                columns.add(key("profession", "Profession", "Profession", "Profession du professionnel de la plage (PHYSICIAN, NURSE, ...).",
                        "Profession of the slot's professional (PHYSICIAN, NURSE, ...)."));
                Measure.of(Dataset.SUPPLY).forEach(m -> columns.add(of(m)));
            }
            case DEMAND -> {
                columns.add(REGION);
                columns.add(NETWORK);
                columns.add(key("area_name", "Nom du territoire", "Area name", "Nom du réseau local, ou de la région quand il n'y en a pas.",
                        "Name of the local network, or of the region when there is none."));
                columns.add(SERVICE);
                Measure.of(Dataset.DEMAND).forEach(m -> columns.add(of(m)));
            }
            case ACCESS -> {
                columns.add(key("clinic_id", "Clinique", "Clinic", "Identifiant de la clinique.", "The clinic's id."));
                columns.add(key("clinic_name", "Nom de la clinique", "Clinic name", "Nom de la clinique.", "The clinic's name."));
                columns.add(REGION);
                columns.add(NETWORK);
                columns.add(key("third_next_minutes", "Troisième prochain rendez-vous (minutes)", "Third next available (minutes)",
                        "Minutes entre la dernière mesure du jour et le début de la troisième plage libre de la clinique (tout service) ; "
                                + "vide : moins de trois plages libres à venir. La médiane d'un territoire compte ces cliniques comme plus "
                                + "lointaines que toutes les autres.",
                        "Minutes from the day's last measure to the start of the clinic's third free slot (any service); empty: fewer "
                                + "than three free slots ahead. An area's median counts those clinics as later than every other."));
                columns.add(key("free_ahead", "Plages libres à venir", "Free slots ahead", "Plages libres de la clinique à la dernière mesure du jour.",
                        "The clinic's free slots at the day's last measure."));
                columns.add(key("measured_at", "Mesuré à", "Measured at", "Instant de la dernière mesure du jour (UTC, ISO 8601).",
                        "Instant of the day's last measure (UTC, ISO 8601)."));
            }
            case QUALITY -> {
                columns.add(key("source_system", "Source", "Source", "Système source (plateforme ou DME).", "Source system (platform or EMR)."));
                columns.add(key("lag_samples", "Mesures du retard", "Lag samples", "Nombre de mesures du retard de la source ce jour-là.",
                        "Number of times the source's lag was sampled that day."));
                columns.add(key("lag_seconds_mean", "Retard moyen (s)", "Mean lag (s)",
                        "Retard moyen (maintenant moins la dernière lecture réussie), en secondes ; vide sans mesure.",
                        "Mean lag (now minus the last successful read), in seconds; empty without a sample."));
                columns.add(key("lag_seconds_max", "Retard maximal (s)", "Maximum lag (s)", "Plus grand retard mesuré ce jour-là, en secondes.",
                        "Largest lag sampled that day, in seconds."));
                columns.add(key("quarantined", "Mis en quarantaine", "Quarantined",
                        "Enregistrements de la source mis en quarantaine ce jour-là (toutes raisons ; /api/v1/observatory/quarantine les détaille).",
                        "Records from the source sent to quarantine that day (all reasons; /api/v1/observatory/quarantine details them)."));
            }
            case FAIRNESS -> {
                columns.add(key("signal", "Signal", "Signal", "Motif de l'alerte d'accaparement (HOLD_CHURN, RELEASE_SNIPING, ...).",
                        "What the hoarding flag is about (HOLD_CHURN, RELEASE_SNIPING, ...)."));
                columns.add(key("actor_kind", "Type d'acteur", "Kind of actor", "Qui a été signalé : PATIENT, PARTNER, ...",
                        "Who was flagged: PATIENT, PARTNER, ..."));
                columns.add(new Column("flags", "Alertes", "Flags", "Alertes levées ce jour-là.", "Flags raised that day.", true, Optional.empty()));
            }
        }
        return List.copyOf(columns);
    }
}
