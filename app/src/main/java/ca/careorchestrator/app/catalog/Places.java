package ca.careorchestrator.app.catalog;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.Professional;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.RegionCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The directory as the index sees it: clinics and professionals numbered 0..n-1, with what searches filter on
 * (region, position, profession, languages). Immutable; a new directory makes a new index.
 */
final class Places {

    final ClinicId[] clinicIds;
    final String[] clinicNames;
    final RegionCode[] regions;
    final GeoPoint[] positions;
    final ProfessionalId[] professionalIds;
    final Profession[] professions;
    /** Bit 0: consults in French; bit 1: in English. */
    final byte[] languages;
    private final Map<UUID, Integer> clinicNumbers = new HashMap<>();
    private final Map<UUID, Integer> professionalNumbers = new HashMap<>();
    private final Map<RegionCode, int[]> clinicsByRegion;
    /** Which professionals a (profession, language) filter admits, computed once per combination. */
    private final boolean[][] admitted;

    Places(List<Clinic> clinics, List<Professional> professionals) {
        int n = clinics.size();
        clinicIds = new ClinicId[n];
        clinicNames = new String[n];
        regions = new RegionCode[n];
        positions = new GeoPoint[n];
        Map<RegionCode, List<Integer>> byRegion = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Clinic clinic = clinics.get(i);
            clinicIds[i] = clinic.id();
            clinicNames[i] = clinic.name();
            regions[i] = clinic.region();
            positions[i] = clinic.location();
            clinicNumbers.put(clinic.id().value(), i);
            byRegion.computeIfAbsent(clinic.region(), r -> new ArrayList<>()).add(i);
        }
        clinicsByRegion = new HashMap<>();
        byRegion.forEach((region, list) -> clinicsByRegion.put(region, list.stream().mapToInt(Integer::intValue).toArray()));
        int m = professionals.size();
        professionalIds = new ProfessionalId[m];
        professions = new Profession[m];
        languages = new byte[m];
        for (int i = 0; i < m; i++) {
            Professional professional = professionals.get(i);
            professionalIds[i] = professional.id();
            professions[i] = professional.profession();
            languages[i] = (byte) ((professional.languages().contains(Language.FR) ? 1 : 0)
                    | (professional.languages().contains(Language.EN) ? 2 : 0));
            professionalNumbers.put(professional.id().value(), i);
        }
        admitted = new boolean[(Profession.values().length + 1) * (Language.values().length + 1)][];
    }

    int clinicCount() {
        return clinicIds.length;
    }

    /** -1 when the directory does not know it. */
    int clinic(UUID id) {
        return clinicNumbers.getOrDefault(id, -1);
    }

    int professional(UUID id) {
        return professionalNumbers.getOrDefault(id, -1);
    }

    /** The regions that have clinics, by code. */
    List<RegionCode> regionsWithClinics() {
        return clinicsByRegion.keySet().stream().sorted().toList();
    }

    int[] clinicsIn(RegionCode region) {
        return clinicsByRegion.getOrDefault(region, new int[0]);
    }

    /** The professionals a filter admits; null when it admits everyone. */
    boolean[] admitted(Optional<Profession> profession, Optional<Language> language) {
        if (profession.isEmpty() && language.isEmpty()) {
            return null;
        }
        int key = profession.map(p -> p.ordinal() + 1).orElse(0) * (Language.values().length + 1)
                + language.map(l -> l.ordinal() + 1).orElse(0);
        boolean[] cached = admitted[key];
        if (cached == null) {
            cached = new boolean[professions.length];
            int bit = language.map(l -> l == Language.FR ? 1 : 2).orElse(3);
            Profession wanted = profession.orElse(null);
            for (int i = 0; i < cached.length; i++) {
                cached[i] = (wanted == null || wanted == professions[i]) && (languages[i] & bit) != 0;
            }
            admitted[key] = cached;
        }
        return cached;
    }

    long bytes() {
        // Object headers, ids and names: a rough, generous figure.
        return clinicIds.length * 200L + professionalIds.length * 120L;
    }
}
