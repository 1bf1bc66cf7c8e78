package ca.careorchestrator.app.web.observatory;

import ca.careorchestrator.app.observatory.Dataset;
import ca.careorchestrator.app.observatory.Measure;
import ca.careorchestrator.core.care.Clinic;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tests only: rollup rows for the pages to show, from a seeded generator, consistent as the recorder writes them (the
 * local-network and region rows are the sums of the clinic rows; offered = used + unused; each split sums to its whole).
 * The tiny province's clinics get clinic rows for two services and two professions; the regions without clinics get
 * region rows only, with fill rates spread so that the map shows every class.
 */
final class ObservatoryRows {

    static final List<String> SERVICES = List.of("follow-up", "vaccination");
    static final List<String> PROFESSIONS = List.of("PHYSICIAN", "NURSE");

    private final JdbcClient jdbc;
    private final Random random = new Random(20261123);

    ObservatoryRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(List<Clinic> clinics, List<String> otherRegions, LocalDate from, LocalDate to) {
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (Clinic clinic : clinics) {
                for (String service : SERVICES) {
                    for (String profession : PROFESSIONS) {
                        if (random.nextInt(4) == 0) {
                            continue; // not every clinic offers every service every day
                        }
                        Map<String, Object> row = supply(0.55 + random.nextDouble() * 0.4, 4 + random.nextInt(20));
                        row.put("day", day);
                        row.put("clinic_id", clinic.id().value());
                        row.put("region_code", clinic.localNetwork().region().value());
                        row.put("local_network_code", clinic.localNetwork().value());
                        row.put("service_type", service);
                        row.put("profession", profession);
                        insert("observatory_clinic_day", row);
                    }
                }
                Map<String, Object> access = new LinkedHashMap<>();
                access.put("day", day);
                access.put("clinic_id", clinic.id().value());
                access.put("region_code", clinic.localNetwork().region().value());
                access.put("local_network_code", clinic.localNetwork().value());
                access.put("third_next_minutes", random.nextInt(6) == 0 ? null : 600 + random.nextInt(14 * 1440));
                access.put("free_ahead", 3 + random.nextInt(40));
                access.put("measured_at", Timestamp.from(day.atTime(22, 0).toInstant(ZoneOffset.UTC)));
                insert("observatory_access_day", access);
            }
            int i = 0;
            for (String region : otherRegions) {
                // Fill rates from about 40 % to 95 % across the regions: every class of the map.
                double fill = 0.40 + 0.55 * i / Math.max(1, otherRegions.size() - 1);
                i++;
                Map<String, Object> row = supply(fill, 40 + random.nextInt(200));
                row.put("day", day);
                row.put("level", "RSS");
                row.put("area_code", region);
                row.put("region_code", region);
                row.put("service_type", SERVICES.get(random.nextInt(2)));
                row.put("profession", "PHYSICIAN");
                insert("observatory_area_day", row);
                demand(day, region, "", "", 30 + random.nextInt(300), fill);
            }
            for (String network : clinics.stream().map(c -> c.localNetwork().value()).distinct().sorted().toList()) {
                demand(day, network.substring(0, 2), network, "follow-up", 5 + random.nextInt(40), 0.7);
                demand(day, network.substring(0, 2), network, "vaccination", random.nextInt(10), 0.9);
            }
            for (String source : List.of("rvsq", "logibec", "oscar-qc", "bonjour-sante")) {
                int samples = 24 + random.nextInt(60);
                jdbc.sql("""
                        insert into observatory_source_day (day, source_system, lag_samples, lag_seconds_total, lag_seconds_max)
                        values (:day, :source, :samples, :total, :max)""").param("day", day).param("source", source).param("samples", samples)
                        .param("total", (long) samples * (5 + random.nextInt(120))).param("max", 60 + random.nextInt(900)).update();
                if (random.nextInt(3) == 0) {
                    jdbc.sql("insert into observatory_quarantine_day (day, source_system, reason, quarantined) values (:day, :source, :reason, :n)")
                            .param("day", day).param("source", source)
                            .param("reason", random.nextBoolean() ? "unknown service code" : "slot end before start").param("n", 1 + random.nextInt(5))
                            .update();
                }
            }
            if (random.nextInt(3) == 0) {
                jdbc.sql("insert into observatory_fairness_day (day, signal, actor_kind, flags) values (:day, :signal, :kind, :n)").param("day", day)
                        .param("signal", random.nextBoolean() ? "HOLD_CHURN" : "RELEASE_SNIPING").param("kind", random.nextBoolean() ? "PARTNER" : "PATIENT")
                        .param("n", 1 + random.nextInt(3)).update();
            }
        }
        // The local-network and region rows of the clinics: their sums, as the recorder writes them.
        String sums = Measure.of(Dataset.SUPPLY).stream().map(m -> "sum(" + m.column() + ")").collect(Collectors.joining(", "));
        String columns = Measure.of(Dataset.SUPPLY).stream().map(Measure::column).collect(Collectors.joining(", "));
        jdbc.sql("insert into observatory_area_day (day, level, area_code, region_code, service_type, profession, " + columns + ") "
                + "select day, 'RLS', local_network_code, region_code, service_type, profession, " + sums + " from observatory_clinic_day "
                + "where day between :from and :to group by day, local_network_code, region_code, service_type, profession")
                .param("from", from).param("to", to).update();
        jdbc.sql("insert into observatory_area_day (day, level, area_code, region_code, service_type, profession, " + columns + ") "
                + "select day, 'RSS', region_code, region_code, service_type, profession, " + sums + " from observatory_clinic_day "
                + "where day between :from and :to group by day, region_code, service_type, profession")
                .param("from", from).param("to", to).update();
    }

    /** A supply row's figures: {@code offered} slots of which about {@code fill} used, with every split summing to its whole. */
    private Map<String, Object> supply(double fill, int offered) {
        Map<String, Object> row = new LinkedHashMap<>();
        int used = (int) Math.round(offered * Math.min(1, Math.max(0, fill + (random.nextDouble() - 0.5) * 0.1)));
        int published = offered + random.nextInt(5);
        int[] modality = split(published, 0.7, 0.2);
        row.put("published", published);
        row.put("published_in_person", modality[0]);
        row.put("published_phone", modality[1]);
        row.put("published_video", modality[2]);
        int[] lead = split(published, 0.15, 0.45, 0.3);
        row.put("published_lead_0_1", lead[0]);
        row.put("published_lead_2_7", lead[1]);
        row.put("published_lead_8_30", lead[2]);
        row.put("published_lead_31_plus", lead[3]);
        row.put("offered", offered);
        row.put("used", used);
        int here = (int) Math.round(used * 0.6);
        row.put("used_here", here);
        row.put("unused", offered - used);
        row.put("withdrawn", random.nextInt(3));
        int booked = here;
        row.put("booked", booked);
        int[] channel = split(booked, 0.55, 0.15, 0.12, 0.08, 0.08);
        row.put("booked_patient", channel[0]);
        row.put("booked_partner", channel[1]);
        row.put("booked_desk", channel[2]);
        row.put("booked_staff", channel[3]);
        row.put("booked_waitlist", channel[4]);
        row.put("booked_other", channel[5]);
        row.put("booked_orphan", (int) Math.round(booked * 0.3));
        int[] stage = split(booked, 0.35, 0.1, 0.2, 0.05, 0.1, 0.15);
        row.put("booked_stage_registered_clinic", stage[0]);
        row.put("booked_stage_registered_professional", stage[1]);
        row.put("booked_stage_referred_orphan", stage[2]);
        row.put("booked_stage_age_band", stage[3]);
        row.put("booked_stage_resident_of", stage[4]);
        row.put("booked_stage_any_insured", stage[5]);
        row.put("booked_no_policy", stage[6]);
        int[] wait = split(booked, 0.2, 0.35, 0.2, 0.15, 0.07);
        row.put("wait_0_1", wait[0]);
        row.put("wait_2_7", wait[1]);
        row.put("wait_8_14", wait[2]);
        row.put("wait_15_30", wait[3]);
        row.put("wait_31_60", wait[4]);
        row.put("wait_61_plus", wait[5]);
        row.put("wait_minutes_total", (long) (wait[0] * 0.5 + wait[1] * 4 + wait[2] * 11 + wait[3] * 22 + wait[4] * 45 + wait[5] * 75) * 1440);
        int cancelled = random.nextInt(Math.max(1, booked / 4 + 1));
        int[] who = split(cancelled, 0.5, 0.1, 0.1, 0.1, 0.15);
        row.put("cancelled", cancelled);
        row.put("cancelled_patient", who[0]);
        row.put("cancelled_partner", who[1]);
        row.put("cancelled_desk", who[2]);
        row.put("cancelled_staff", who[3]);
        row.put("cancelled_source", who[4]);
        row.put("cancelled_other", who[5]);
        row.put("no_shows", random.nextInt(Math.max(1, here / 6 + 1)));
        return row;
    }

    private void demand(LocalDate day, String region, String network, String service, int searches, double fill) {
        int unmet = (int) Math.round(searches * Math.max(0, 1 - fill) * (0.5 + random.nextDouble()));
        int entries = random.nextInt(6);
        jdbc.sql("""
                insert into observatory_demand_day (day, region_code, local_network_code, service_type, searches, searches_unmet, waitlist_entries,
                    exits_booked, exits_expired, exits_withdrawn, waited_minutes_total)
                values (:day, :region, :network, :service, :searches, :unmet, :entries, :booked, :expired, :withdrawn, :waited)""")
                .param("day", day).param("region", region).param("network", network).param("service", service).param("searches", searches)
                .param("unmet", Math.min(searches, unmet)).param("entries", entries).param("booked", random.nextInt(4))
                .param("expired", random.nextInt(2)).param("withdrawn", random.nextInt(2)).param("waited", (long) random.nextInt(20) * 1440).update();
    }

    /** {@code whole} cut by the shares given (the last part takes the rest): the parts sum to the whole. */
    private static int[] split(int whole, double... shares) {
        int[] parts = new int[shares.length + 1];
        int left = whole;
        for (int i = 0; i < shares.length; i++) {
            parts[i] = Math.min(left, (int) Math.floor(whole * shares[i]));
            left -= parts[i];
        }
        parts[shares.length] = left;
        return parts;
    }

    private void insert(String table, Map<String, Object> row) {
        List<String> names = new ArrayList<>(row.keySet());
        JdbcClient.StatementSpec statement = jdbc.sql("insert into " + table + " (" + String.join(", ", names) + ") values ("
                + names.stream().map(n -> ":" + n).collect(Collectors.joining(", ")) + ")");
        for (String name : names) {
            statement = statement.param(name, row.get(name));
        }
        statement.update();
    }
}
