package ca.careorchestrator.app.observatory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Small-cell suppression: what of the rollups may be published (JSON API, exports). The rollups keep exact counts; what
 * leaves the observatory follows the rule below, written once here and in the data dictionary ({@link #RULE_FR}).
 * <ol>
 *   <li>a count from 1 to 4 is suppressed; zero stays zero;</li>
 *   <li>where a total and its parts are all shown (published = in person + phone + video, offered = used + unused, ...)
 *       and exactly one of them is suppressed, the smallest other non-zero one is suppressed too, so that no subtraction
 *       gives it back; likewise across the parts of a breakdown whose parts add up to its total;</li>
 *   <li>a rate is suppressed when its numerator or denominator is; a minutes total when the count it is divided by is.</li>
 * </ol>
 */
public final class SmallCells {

    /** Counts below this (and above zero) are suppressed. */
    public static final int THRESHOLD = 5;

    public static final String RULE_FR = "Tout compte de 1 à 4 est supprimé (vide en CSV, null en JSON) ; zéro reste zéro. "
            + "Quand un total et ses parties (p. ex. offertes = utilisées + inutilisées) n'ont qu'une valeur supprimée, la plus petite "
            + "autre valeur non nulle l'est aussi, pour qu'aucune soustraction ne la révèle ; de même entre les parties d'une "
            + "ventilation dont la somme fait le total. Un taux est supprimé quand son numérateur ou son dénominateur l'est ; un "
            + "total de minutes, quand le compte qui le divise l'est (délai : rendez-vous pris ; attente : sorties des alertes). "
            + "Les comptes des lignes d'une même exportation ne sont pas protégés les uns contre les autres une fois additionnés "
            + "par l'utilisateur avec ceux d'une autre requête. L'accès (troisième prochain rendez-vous, plages libres) et la "
            + "qualité des données (retards, quarantaine) ne comptent personne et ne sont pas supprimés.";
    public static final String RULE_EN = "Every count from 1 to 4 is suppressed (empty in CSV, null in JSON); zero stays zero. "
            + "Where a total and its parts (e.g. offered = used + unused) have just one value suppressed, the smallest other non-zero "
            + "value is suppressed too, so that no subtraction reveals it; likewise between the parts of a breakdown that add up "
            + "to its total. A rate is suppressed when its numerator or denominator is; a minutes total when the count it is "
            + "divided by is (wait: appointments booked; time waited: waitlist exits). Counts from different requests are not "
            + "protected against each other. Access (third next available appointment, free slots) and data quality (lags, "
            + "quarantine) count no one and are not suppressed.";

    /** Totals and their parts as the rollups define them (Measure's definitions). */
    private static final List<List<Measure>> SUMS = List.of(
            List.of(Measure.PUBLISHED, Measure.PUBLISHED_IN_PERSON, Measure.PUBLISHED_PHONE, Measure.PUBLISHED_VIDEO),
            List.of(Measure.PUBLISHED, Measure.PUBLISHED_LEAD_0_1, Measure.PUBLISHED_LEAD_2_7, Measure.PUBLISHED_LEAD_8_30,
                    Measure.PUBLISHED_LEAD_31_PLUS),
            List.of(Measure.OFFERED, Measure.USED, Measure.UNUSED),
            List.of(Measure.BOOKED, Measure.BOOKED_PATIENT, Measure.BOOKED_PARTNER, Measure.BOOKED_DESK, Measure.BOOKED_STAFF,
                    Measure.BOOKED_WAITLIST, Measure.BOOKED_OTHER),
            List.of(Measure.BOOKED, Measure.BOOKED_STAGE_REGISTERED_CLINIC, Measure.BOOKED_STAGE_REGISTERED_PROFESSIONAL,
                    Measure.BOOKED_STAGE_REFERRED_ORPHAN, Measure.BOOKED_STAGE_AGE_BAND, Measure.BOOKED_STAGE_RESIDENT_OF,
                    Measure.BOOKED_STAGE_ANY_INSURED, Measure.BOOKED_NO_POLICY),
            List.of(Measure.BOOKED, Measure.WAIT_0_1, Measure.WAIT_2_7, Measure.WAIT_8_14, Measure.WAIT_15_30, Measure.WAIT_31_60,
                    Measure.WAIT_61_PLUS),
            List.of(Measure.CANCELLED, Measure.CANCELLED_PATIENT, Measure.CANCELLED_PARTNER, Measure.CANCELLED_DESK,
                    Measure.CANCELLED_STAFF, Measure.CANCELLED_SOURCE, Measure.CANCELLED_OTHER));

    private SmallCells() {
    }

    /** Figures as they may be published: a measure or rate absent is suppressed. */
    public record Shown(Map<Measure, OptionalLong> values, OptionalDouble fillRate, OptionalDouble orphanShare, OptionalDouble unmetShare,
            OptionalDouble meanWaitDays) {

        public Shown {
            values = Collections.unmodifiableMap(new EnumMap<>(values));
        }

        public OptionalLong get(Measure measure) {
            return values.getOrDefault(measure, OptionalLong.of(0));
        }

        public boolean suppressed(Measure measure) {
            return get(measure).isEmpty();
        }
    }

    /** A count as it may be published. */
    public static OptionalLong count(long count) {
        return small(count) ? OptionalLong.empty() : OptionalLong.of(count);
    }

    public static boolean small(long count) {
        return count > 0 && count < THRESHOLD;
    }

    /** One row of figures on its own (a day, an export row). */
    public static Shown protect(Figures figures) {
        return protect(figures, List.of()).get(0);
    }

    /**
     * A total and its parts (a breakdown): the total first, then the parts in their order. Parts are protected against
     * each other and the total for each measure they add up to.
     */
    public static List<Shown> protect(Figures total, List<Figures> parts) {
        List<Figures> rows = new ArrayList<>();
        rows.add(total);
        rows.addAll(parts);
        List<Set<Measure>> hidden = new ArrayList<>();
        for (Figures row : rows) {
            Set<Measure> primary = EnumSet.noneOf(Measure.class);
            for (Measure measure : Measure.values()) {
                if (!measure.isMinutes() && small(row.get(measure))) {
                    primary.add(measure);
                }
            }
            hidden.add(primary);
        }
        // Suppressing one cell may leave another total with a single suppressed part: repeat until nothing changes.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < rows.size(); i++) {
                for (List<Measure> sum : SUMS) {
                    changed |= complement(sum, rows.get(i)::get, hidden.get(i)::contains, hidden.get(i)::add);
                }
            }
            if (!parts.isEmpty()) {
                for (Measure measure : Measure.values()) {
                    changed |= acrossParts(measure, rows, hidden);
                }
            }
        }
        List<Shown> shown = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            shown.add(shown(rows.get(i), hidden.get(i)));
        }
        return shown;
    }

    /**
     * Cells (a total first, then its parts) that add up: when exactly one is hidden, hides the smallest other non-zero one.
     * Returns whether it hid one.
     */
    private static <C> boolean complement(List<C> cells, java.util.function.ToLongFunction<C> value, java.util.function.Predicate<C> isHidden,
            java.util.function.Predicate<C> hide) {
        long parts = 0;
        for (C part : cells.subList(1, cells.size())) {
            parts += value.applyAsLong(part);
        }
        if (parts != value.applyAsLong(cells.get(0)) || cells.stream().filter(isHidden).count() != 1) {
            return false;
        }
        C smallest = null;
        for (C cell : cells) {
            if (!isHidden.test(cell) && value.applyAsLong(cell) > 0
                    && (smallest == null || value.applyAsLong(cell) < value.applyAsLong(smallest))) {
                smallest = cell;
            }
        }
        return smallest != null && hide.test(smallest);
    }

    private static boolean acrossParts(Measure measure, List<Figures> rows, List<Set<Measure>> hidden) {
        List<Integer> cells = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            cells.add(i);
        }
        return complement(cells, i -> rows.get(i).get(measure), i -> hidden.get(i).contains(measure), i -> hidden.get(i).add(measure));
    }

    private static Shown shown(Figures figures, Set<Measure> hidden) {
        long exits = figures.get(Measure.EXITS_BOOKED) + figures.get(Measure.EXITS_EXPIRED) + figures.get(Measure.EXITS_WITHDRAWN);
        Map<Measure, OptionalLong> values = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
            boolean suppressed = switch (measure) {
                case WAIT_MINUTES_TOTAL -> hidden.contains(Measure.BOOKED);
                case WAITED_MINUTES_TOTAL -> small(exits);
                default -> hidden.contains(measure);
            };
            values.put(measure, suppressed ? OptionalLong.empty() : OptionalLong.of(figures.get(measure)));
        }
        return new Shown(values, rate(figures.fillRate(), hidden, Measure.USED, Measure.OFFERED),
                rate(figures.orphanShare(), hidden, Measure.BOOKED_ORPHAN, Measure.BOOKED),
                rate(figures.unmetShare(), hidden, Measure.SEARCHES_UNMET, Measure.SEARCHES),
                rate(figures.meanWaitDays(), hidden, Measure.WAIT_MINUTES_TOTAL, Measure.BOOKED));
    }

    private static OptionalDouble rate(OptionalDouble rate, Set<Measure> hidden, Measure numerator, Measure denominator) {
        return hidden.contains(numerator) || hidden.contains(denominator) ? OptionalDouble.empty() : rate;
    }
}
