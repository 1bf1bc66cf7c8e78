package ca.careorchestrator.app.observatory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One figure of the daily rollups: its column in the observatory's tables and its entry in the data dictionary. All
 * are counts (or sums of minutes) that add up across days and areas; rates are derived when read (fill rate = used /
 * offered, orphan share = booked_orphan / booked, mean wait = wait_minutes_total / booked).
 */
public enum Measure {
    PUBLISHED("published", Dataset.SUPPLY, "Plages publiées",
            "Slots published",
            "Plages vues pour la première fois ce jour-là, toutes sources confondues.",
            "Slots first seen that day, from every source."),
    PUBLISHED_IN_PERSON("published_in_person", Dataset.SUPPLY, "Publiées en personne",
            "Published in person",
            "Plages publiées ce jour-là, en personne.",
            "Slots published that day, in person."),
    PUBLISHED_PHONE("published_phone", Dataset.SUPPLY, "Publiées par téléphone",
            "Published by phone",
            "Plages publiées ce jour-là, consultation téléphonique.",
            "Slots published that day, phone consultations."),
    PUBLISHED_VIDEO("published_video", Dataset.SUPPLY, "Publiées en vidéo",
            "Published by video",
            "Plages publiées ce jour-là, consultation vidéo.",
            "Slots published that day, video consultations."),
    PUBLISHED_LEAD_0_1("published_lead_0_1", Dataset.SUPPLY, "Publiées 0-1 jour d'avance",
            "Published 0-1 day ahead",
            "Plages publiées moins de 2 jours avant leur début.",
            "Slots published less than 2 days before their start."),
    PUBLISHED_LEAD_2_7("published_lead_2_7", Dataset.SUPPLY, "Publiées 2-7 jours d'avance",
            "Published 2-7 days ahead",
            "Plages publiées de 2 à 7 jours avant leur début.",
            "Slots published 2 to 7 days before their start."),
    PUBLISHED_LEAD_8_30("published_lead_8_30", Dataset.SUPPLY, "Publiées 8-30 jours d'avance",
            "Published 8-30 days ahead",
            "Plages publiées de 8 à 30 jours avant leur début.",
            "Slots published 8 to 30 days before their start."),
    PUBLISHED_LEAD_31_PLUS("published_lead_31_plus", Dataset.SUPPLY, "Publiées 31 jours et plus d'avance",
            "Published 31+ days ahead",
            "Plages publiées 31 jours ou plus avant leur début.",
            "Slots published 31 days or more before their start."),
    OFFERED("offered", Dataset.SUPPLY, "Plages offertes",
            "Slots offered",
            "Plages dont le début tombe ce jour-là et qui n'avaient pas été retirées (utilisées + inutilisées).",
            "Slots starting that day that had not been withdrawn (used + unused)."),
    USED("used", Dataset.SUPPLY, "Plages utilisées",
            "Slots used",
            "Plages commençant ce jour-là réservées, par l'orchestrateur ou directement à la clinique.",
            "Slots starting that day that were booked, through the orchestrator or at the clinic."),
    USED_HERE("used_here", Dataset.SUPPLY, "Utilisées via l'orchestrateur",
            "Used through the orchestrator",
            "Plages commençant ce jour-là réservées par l'orchestrateur.",
            "Slots starting that day booked through the orchestrator."),
    UNUSED("unused", Dataset.SUPPLY, "Plages inutilisées",
            "Unused slots",
            "Plages commençant ce jour-là encore libres (ou retenues) à leur début : perdues.",
            "Slots starting that day still free (or held) at their start: lost."),
    WITHDRAWN("withdrawn", Dataset.SUPPLY, "Plages retirées",
            "Slots withdrawn",
            "Plages commençant ce jour-là retirées par la source avant leur début.",
            "Slots starting that day withdrawn by their source before the start."),
    BOOKED("booked", Dataset.SUPPLY, "Rendez-vous pris",
            "Appointments booked",
            "Rendez-vous pris par l'orchestrateur et confirmés par la source ce jour-là.",
            "Appointments the orchestrator booked, confirmed by the source that day."),
    BOOKED_PATIENT("booked_patient", Dataset.SUPPLY, "Pris par le patient",
            "Booked by the patient",
            "Rendez-vous pris par le patient lui-même (web, API).",
            "Appointments booked by patients themselves (web, API)."),
    BOOKED_PARTNER("booked_partner", Dataset.SUPPLY, "Pris par une plateforme partenaire",
            "Booked by a partner platform",
            "Rendez-vous pris par une plateforme partenaire au nom d'un patient.",
            "Appointments booked by a partner platform for a patient."),
    BOOKED_DESK("booked_desk", Dataset.SUPPLY, "Pris par le guichet d'accès",
            "Booked by the access desk",
            "Rendez-vous pris par le guichet d'accès (GAP).",
            "Appointments booked by the access desk (GAP)."),
    BOOKED_STAFF("booked_staff", Dataset.SUPPLY, "Pris par la clinique",
            "Booked by clinic staff",
            "Rendez-vous pris par le personnel d'une clinique.",
            "Appointments booked by clinic staff."),
    BOOKED_WAITLIST("booked_waitlist", Dataset.SUPPLY, "Pris depuis la liste d'attente",
            "Booked from the waitlist",
            "Rendez-vous pris en acceptant une offre de la liste d'attente (alertes).",
            "Appointments booked by accepting a waitlist offer (alerts)."),
    BOOKED_OTHER("booked_other", Dataset.SUPPLY, "Pris autrement",
            "Booked otherwise",
            "Rendez-vous pris par un opérateur ou par un canal inconnu.",
            "Appointments booked by an operator or an unknown channel."),
    BOOKED_ORPHAN("booked_orphan", Dataset.SUPPLY, "Pris pour des patients orphelins",
            "Booked for orphan patients",
            "Rendez-vous pris pour des patients sans médecin de famille.",
            "Appointments booked for patients without a family physician."),
    BOOKED_STAGE_REGISTERED_CLINIC("booked_stage_registered_clinic", Dataset.SUPPLY, "Admis : inscrits à la clinique",
            "Admitted: registered with the clinic",
            "Rendez-vous admis par l'étape « inscrits à la clinique » des règles d'octroi.",
            "Appointments admitted by the allocation stage \"registered with the clinic\"."),
    BOOKED_STAGE_REGISTERED_PROFESSIONAL("booked_stage_registered_professional", Dataset.SUPPLY, "Admis : inscrits au professionnel",
            "Admitted: registered with the professional",
            "Rendez-vous admis par l'étape « inscrits au professionnel ».",
            "Appointments admitted by the stage \"registered with the professional\"."),
    BOOKED_STAGE_REFERRED_ORPHAN("booked_stage_referred_orphan", Dataset.SUPPLY, "Admis : orphelins orientés",
            "Admitted: referred orphans",
            "Rendez-vous admis par l'étape « orphelins orientés par le guichet ».",
            "Appointments admitted by the stage \"orphans referred by the access desk\"."),
    BOOKED_STAGE_AGE_BAND("booked_stage_age_band", Dataset.SUPPLY, "Admis : tranche d'âge",
            "Admitted: age band",
            "Rendez-vous admis par une étape réservée à une tranche d'âge.",
            "Appointments admitted by a stage reserved to an age band."),
    BOOKED_STAGE_RESIDENT_OF("booked_stage_resident_of", Dataset.SUPPLY, "Admis : résidents du territoire",
            "Admitted: residents of the territory",
            "Rendez-vous admis par une étape réservée aux résidents d'un territoire.",
            "Appointments admitted by a stage reserved to residents of a territory."),
    BOOKED_STAGE_ANY_INSURED("booked_stage_any_insured", Dataset.SUPPLY, "Admis : toute personne assurée",
            "Admitted: any insured person",
            "Rendez-vous admis par l'étape ouverte à toute personne assurée.",
            "Appointments admitted by the stage open to any insured person."),
    BOOKED_NO_POLICY("booked_no_policy", Dataset.SUPPLY, "Admis sans règle d'octroi",
            "Admitted without a policy",
            "Rendez-vous sur des plages sans règle d'octroi.",
            "Appointments on slots without an allocation policy."),
    WAIT_0_1("wait_0_1", Dataset.SUPPLY, "Délai 0-1 jour",
            "Wait 0-1 day",
            "Rendez-vous pris moins de 2 jours après la demande du patient (demande d'alerte, sinon la réservation).",
            "Appointments less than 2 days after the patient's request (the care request, else the booking)."),
    WAIT_2_7("wait_2_7", Dataset.SUPPLY, "Délai 2-7 jours",
            "Wait 2-7 days",
            "Rendez-vous de 2 à 7 jours après la demande.",
            "Appointments 2 to 7 days after the request."),
    WAIT_8_14("wait_8_14", Dataset.SUPPLY, "Délai 8-14 jours",
            "Wait 8-14 days",
            "Rendez-vous de 8 à 14 jours après la demande.",
            "Appointments 8 to 14 days after the request."),
    WAIT_15_30("wait_15_30", Dataset.SUPPLY, "Délai 15-30 jours",
            "Wait 15-30 days",
            "Rendez-vous de 15 à 30 jours après la demande.",
            "Appointments 15 to 30 days after the request."),
    WAIT_31_60("wait_31_60", Dataset.SUPPLY, "Délai 31-60 jours",
            "Wait 31-60 days",
            "Rendez-vous de 31 à 60 jours après la demande.",
            "Appointments 31 to 60 days after the request."),
    WAIT_61_PLUS("wait_61_plus", Dataset.SUPPLY, "Délai 61 jours et plus",
            "Wait 61+ days",
            "Rendez-vous 61 jours ou plus après la demande.",
            "Appointments 61 days or more after the request."),
    WAIT_MINUTES_TOTAL("wait_minutes_total", Dataset.SUPPLY, "Délai total (minutes)",
            "Total wait (minutes)",
            "Somme des délais demande → rendez-vous, en minutes (divisée par « Rendez-vous pris » : délai moyen).",
            "Sum of request-to-appointment times in minutes (divided by \"Appointments booked\": mean wait)."),
    CANCELLED("cancelled", Dataset.SUPPLY, "Annulations",
            "Cancellations",
            "Rendez-vous pris par l'orchestrateur annulés ce jour-là (confirmé par la source).",
            "Appointments booked through the orchestrator cancelled that day (confirmed by the source)."),
    CANCELLED_PATIENT("cancelled_patient", Dataset.SUPPLY, "Annulés par le patient",
            "Cancelled by the patient",
            "Annulations demandées par le patient.",
            "Cancellations asked by the patient."),
    CANCELLED_PARTNER("cancelled_partner", Dataset.SUPPLY, "Annulés par une plateforme partenaire",
            "Cancelled by a partner platform",
            "Annulations demandées par une plateforme partenaire.",
            "Cancellations asked by a partner platform."),
    CANCELLED_DESK("cancelled_desk", Dataset.SUPPLY, "Annulés par le guichet",
            "Cancelled by the access desk",
            "Annulations demandées par le guichet d'accès.",
            "Cancellations asked by the access desk."),
    CANCELLED_STAFF("cancelled_staff", Dataset.SUPPLY, "Annulés par la clinique (orchestrateur)",
            "Cancelled by clinic staff",
            "Annulations demandées par le personnel d'une clinique dans l'orchestrateur.",
            "Cancellations asked by clinic staff in the orchestrator."),
    CANCELLED_SOURCE("cancelled_source", Dataset.SUPPLY, "Annulés dans le système de la clinique",
            "Cancelled in the clinic's system",
            "Rendez-vous que le système de la clinique a annulés.",
            "Appointments the clinic's own system cancelled."),
    CANCELLED_OTHER("cancelled_other", Dataset.SUPPLY, "Annulés autrement",
            "Cancelled otherwise",
            "Annulations par un opérateur, la liste d'attente ou un canal inconnu.",
            "Cancellations by an operator, the waitlist or an unknown channel."),
    NO_SHOWS("no_shows", Dataset.SUPPLY, "Absences",
            "No-shows",
            "Rendez-vous du jour auxquels le patient ne s'est pas présenté (noté par la clinique).",
            "Appointments that day the patient missed (recorded by the clinic)."),
    SEARCHES("searches", Dataset.DEMAND, "Recherches",
            "Searches",
            "Recherches de plages (web, API, FHIR) dans le territoire.",
            "Slot searches (web, API, FHIR) in the area."),
    SEARCHES_UNMET("searches_unmet", Dataset.DEMAND, "Recherches sans résultat",
            "Unmet searches",
            "Recherches qui n'ont trouvé aucune plage libre dans la période demandée : demande non satisfaite.",
            "Searches that found no free slot in the window asked: unmet demand."),
    WAITLIST_ENTRIES("waitlist_entries", Dataset.DEMAND, "Inscriptions aux alertes",
            "Waitlist entries",
            "Demandes d'alerte déposées ce jour-là.",
            "Care requests (alerts) filed that day."),
    EXITS_BOOKED("exits_booked", Dataset.DEMAND, "Sorties : rendez-vous",
            "Exits: booked",
            "Demandes d'alerte terminées par un rendez-vous ce jour-là.",
            "Care requests that ended with an appointment that day."),
    EXITS_EXPIRED("exits_expired", Dataset.DEMAND, "Sorties : expirées",
            "Exits: expired",
            "Demandes d'alerte dont la période a pris fin sans rendez-vous ce jour-là.",
            "Care requests whose window ended without an appointment that day."),
    EXITS_WITHDRAWN("exits_withdrawn", Dataset.DEMAND, "Sorties : retirées",
            "Exits: withdrawn",
            "Demandes d'alerte retirées par le patient ce jour-là.",
            "Care requests withdrawn by the patient that day."),
    WAITED_MINUTES_TOTAL("waited_minutes_total", Dataset.DEMAND, "Attente totale (minutes)",
            "Total time waited (minutes)",
            "Somme du temps d'attente des demandes sorties ce jour-là, en minutes.",
            "Sum of the time waited by the requests that ended that day, in minutes.");

    private final String column;
    private final Dataset dataset;
    private final String labelFr;
    private final String labelEn;
    private final String definitionFr;
    private final String definitionEn;

    Measure(String column, Dataset dataset, String labelFr, String labelEn, String definitionFr, String definitionEn) {
        this.column = column;
        this.dataset = dataset;
        this.labelFr = labelFr;
        this.labelEn = labelEn;
        this.definitionFr = definitionFr;
        this.definitionEn = definitionEn;
    }

    /** The SQL column (and the name in JSON and CSV exports). */
    public String column() {
        return column;
    }

    public Dataset dataset() {
        return dataset;
    }

    /** Minutes summed rather than things counted: never suppressed as a small cell on its own. */
    public boolean isMinutes() {
        return column.endsWith("_minutes_total");
    }

    public String label(Locale locale) {
        return "en".equals(locale.getLanguage()) ? labelEn : labelFr;
    }

    public String definition(Locale locale) {
        return "en".equals(locale.getLanguage()) ? definitionEn : definitionFr;
    }

    public static List<Measure> of(Dataset dataset) {
        return Arrays.stream(values()).filter(m -> m.dataset == dataset).toList();
    }
}
