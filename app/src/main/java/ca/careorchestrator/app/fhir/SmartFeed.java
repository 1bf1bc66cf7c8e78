package ca.careorchestrator.app.fhir;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.catalog.Supply;
import ca.careorchestrator.app.catalog.SupplySlot;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.RegionOverview;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.ServiceType;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.geo.RegionCode;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.springframework.stereotype.Component;

/**
 * The supply as SMART Scheduling Links NDJSON (one FHIR R4 resource a line): every clinic as a Location, each
 * clinic's services as Schedules, each slot as a Slot. Written to the response as it is read, never whole: the
 * province's 5 million slots are one line at a time, with one query per {@value #BATCH} slots for the deep links
 * of those booked on their platform's page.
 *
 * <ul>
 *   <li>Location (IG vaccine-location): name, the clinic's phone, an address, position, zone (FHIR's timezone
 *   extension: the Magdalen Islands keep Atlantic time), our clinic id. The directory knows a clinic's postal area
 *   (FSA), not its street: the street line and the postal code's last three characters are synthetic, drawn from
 *   the clinic id (the whole province is synthetic; a real directory gives the real address).</li>
 *   <li>Schedule: one per clinic and service type, its actor the clinic's Location. The IG allows one actor, a
 *   Location, so a professional has no place in it; and a clinic-and-service schedule is what a discovery client
 *   shows (who is working is not open data). Its vaccine-schedule profile requires a COVID-19 service slice, which
 *   primary care has not: Schedules conform to base R4 only.</li>
 *   <li>Slot (IG vaccine-slot): free, or busy when held or booked; in an incremental file a withdrawn slot is
 *   {@code entered-in-error} (SMART has no deletion record; outside the IG's free | busy value set, as Bonjour
 *   Santé does it). booking-deep-link: the platform's page for a slot booked there, our own booking page for a slot
 *   the orchestrator books through its platform's API, none for a phone-only one; booking-phone: the clinic's;
 *   our modality extension. No slot-capacity: each slot is one appointment (the IG's capacity aggregates slots).
 *   Written by hand rather than through HAPI's model (a few hundred nanoseconds a slot instead of tens of
 *   microseconds); the tests validate what it writes against the IG.</li>
 * </ul>
 */
@Component
final class SmartFeed {

    static final String SMART = "http://fhir-registry.smarthealthit.org/StructureDefinition/";
    static final String TIMEZONE = "http://hl7.org/fhir/StructureDefinition/timezone";
    static final String CLINIC_IDS = FhirResources.BASE + "NamingSystem/clinic";
    /** Slots whose deep links are asked in one query. */
    static final int BATCH = 500;
    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");
    private static final String[] STREETS = {"rue Principale", "rue Notre-Dame", "boulevard Saint-Joseph", "rue de l'Église",
            "avenue du Parc", "rue Saint-Jean", "boulevard des Forges", "rue King", "chemin du Lac", "rue Wellington"};
    private static final String POSTAL_LETTERS = "ABCEGHJKLMNPRSTVWXYZ";

    private final Directory directory;
    private final Availability availability;
    private final ServiceTypes serviceTypes;
    private final FhirJson json;
    /** The directory as the feed writes it, for the index it was read with (a new directory makes a new index). */
    private volatile Sites sites;

    SmartFeed(Directory directory, Availability availability, ServiceTypes serviceTypes, FhirJson json) {
        this.directory = directory;
        this.availability = availability;
        this.serviceTypes = serviceTypes;
        this.json = json;
    }

    /** A clinic as the feed writes it. */
    private record Site(Clinic clinic, String id, ZoneId zone, String city, String regionName, Map<ServiceTypeCode, String> schedules) {

        String scheduleId(ServiceTypeCode service) {
            String known = schedules.get(service);
            return known != null ? known : SmartFeed.scheduleId(clinic.id(), service);
        }
    }

    private record Sites(Instant origin, Map<ClinicId, Site> byClinic, List<Site> all) {
    }

    /** One Location a line, clinics in directory order. */
    void locations(Supply supply, Writer out) throws IOException {
        IParser parser = json.context().newJsonParser();
        for (Site site : sites(supply).all()) {
            out.write(parser.encodeResourceToString(location(site)));
            out.write('\n');
        }
    }

    /** One Schedule a line: each clinic's services that have slots. */
    void schedules(Supply supply, Writer out) throws IOException {
        IParser parser = json.context().newJsonParser();
        Sites known = sites(supply);
        FhirResources resources = new FhirResources(serviceTypes, Language.FR);
        try {
            supply.forEachSchedule((clinic, service) -> {
                Site site = known.byClinic().get(clinic);
                if (site == null) {
                    return; // not in the directory the index was built with: its slots are not in the index either
                }
                Schedule schedule = new Schedule();
                schedule.setId(site.scheduleId(service));
                schedule.setActive(true);
                schedule.addServiceType(resources.serviceType(service));
                schedule.addActor(new Reference("Location/" + site.id()).setDisplay(site.clinic().name()));
                try {
                    out.write(parser.encodeResourceToString(schedule));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * One Slot a line, the region's clinics one after the other, each soonest first; all slots not withdrawn from
     * {@code from}, or those changed since {@code since}. {@code bookingPages} is our own booking page's address
     * without the slot id.
     */
    void slots(Supply supply, RegionCode region, Instant from, Optional<Instant> since, String bookingPages, Writer out) throws IOException {
        Sites known = sites(supply);
        List<SupplySlot> batch = new ArrayList<>(BATCH);
        StringBuilder line = new StringBuilder(768);
        try {
            supply.forEachSlot(region, from, since, slot -> {
                batch.add(slot);
                if (batch.size() == BATCH) {
                    write(batch, known, bookingPages, line, out);
                    batch.clear();
                }
            });
            write(batch, known, bookingPages, line, out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void write(List<SupplySlot> batch, Sites known, String bookingPages, StringBuilder line, Writer out) {
        List<SlotId> linked = new ArrayList<>();
        for (SupplySlot slot : batch) {
            if (slot.channel() == BookingChannel.DEEP_LINK) {
                linked.add(slot.id());
            }
        }
        Map<SlotId, String> deepLinks = linked.isEmpty() ? Map.of() : availability.deepLinks(linked);
        try {
            for (SupplySlot slot : batch) {
                Site site = known.byClinic().get(slot.clinic());
                if (site == null) {
                    continue;
                }
                String deepLink = switch (slot.channel()) {
                    case API -> bookingPages + slot.id().value();
                    case DEEP_LINK -> deepLinks.get(slot.id());
                    case PHONE -> null;
                };
                line.setLength(0);
                slotLine(line, slot, site, deepLink);
                out.append(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One Slot, newline included. Every string that is not ours (deep link, phone) is escaped. */
    private static void slotLine(StringBuilder b, SupplySlot slot, Site site, String deepLink) {
        b.append("{\"resourceType\":\"Slot\",\"id\":\"").append(slot.id().value()).append("\",\"extension\":[");
        if (deepLink != null) {
            b.append("{\"url\":\"").append(SMART).append("booking-deep-link\",\"valueUrl\":");
            string(b, deepLink);
            b.append("},");
        }
        String phone = site.clinic().phone();
        if (phone != null && !phone.isBlank()) {
            b.append("{\"url\":\"").append(SMART).append("booking-phone\",\"valueString\":");
            string(b, phone);
            b.append("},");
        }
        b.append("{\"url\":\"").append(FhirResources.MODALITY).append("\",\"valueCode\":\"").append(FhirResources.code(slot.modality()))
                .append("\"}],\"schedule\":{\"reference\":\"Schedule/").append(site.scheduleId(slot.service()))
                .append("\"},\"status\":\"").append(switch (slot.state()) {
                    case FREE -> "free";
                    case HELD, BOOKED -> "busy";
                    case WITHDRAWN -> "entered-in-error";
                }).append("\",\"start\":\"");
        time(b, slot.start(), site.zone());
        b.append("\",\"end\":\"");
        time(b, slot.end(), site.zone());
        b.append("\"}\n");
    }

    /** An instant as the clinic's wall time with its offset then, to the second ({@code 2026-03-10T15:00:00-04:00}). */
    static void time(StringBuilder b, Instant instant, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(instant);
        LocalDateTime local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, offset);
        b.append(local.getYear()).append('-');
        two(b, local.getMonthValue());
        b.append('-');
        two(b, local.getDayOfMonth());
        b.append('T');
        two(b, local.getHour());
        b.append(':');
        two(b, local.getMinute());
        b.append(':');
        two(b, local.getSecond());
        b.append(offset.getId());
    }

    private static void two(StringBuilder b, int value) {
        b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** A JSON string. */
    static void string(StringBuilder b, String value) {
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /**
     * A Schedule's id: the clinic's id and the service code ({@code <uuid>.follow-up}), readable, within FHIR's 64
     * characters for every standard code; a longer code (a deployment's own, up to 40) gets a name-based UUID.
     */
    static String scheduleId(ClinicId clinic, ServiceTypeCode service) {
        String id = clinic.value() + "." + service.value();
        return id.length() <= 64 ? id : UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private Location location(Site site) {
        Clinic clinic = site.clinic();
        Location location = new Location();
        location.setId(site.id());
        location.addExtension(TIMEZONE, new CodeType(site.zone().getId()));
        location.addIdentifier().setSystem(CLINIC_IDS).setValue(site.id());
        location.setStatus(Location.LocationStatus.ACTIVE);
        location.setName(clinic.name());
        if (clinic.phone() != null && !clinic.phone().isBlank()) {
            location.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(clinic.phone()).setUse(ContactPoint.ContactPointUse.WORK);
        }
        long bits = clinic.id().value().getLeastSignificantBits() & Long.MAX_VALUE;
        Address address = location.getAddress();
        address.setUse(Address.AddressUse.WORK).setType(Address.AddressType.PHYSICAL);
        // Synthetic street and local delivery unit (see the class comment); the FSA and the place are the directory's.
        address.addLine((10 + bits % 2990) + ", " + STREETS[(int) (bits / 2990 % STREETS.length)]);
        address.setCity(site.city());
        if (site.regionName() != null) {
            address.setDistrict(site.regionName());
        }
        address.setState("QC");
        address.setPostalCode(clinic.fsa().value() + " " + (bits >>> 8) % 10 + POSTAL_LETTERS.charAt((int) ((bits >>> 16) % POSTAL_LETTERS.length()))
                + (bits >>> 24) % 10);
        address.setCountry("CA");
        location.getPosition().setLatitude(clinic.location().latitude()).setLongitude(clinic.location().longitude());
        return location;
    }

    /** The directory as the feed writes it, read again when the index is new (a few thousand rows). */
    private Sites sites(Supply supply) {
        Sites current = sites;
        if (current != null && current.origin().equals(supply.origin())) {
            return current;
        }
        Map<Fsa, PostalArea> areas = new HashMap<>();
        directory.postalAreas().forEach(area -> areas.put(area.fsa(), area));
        Map<RegionCode, String> regionNames = new HashMap<>();
        for (RegionOverview overview : directory.regions()) {
            regionNames.put(overview.region().code(), overview.region().name());
        }
        Map<ClinicId, Site> byClinic = new HashMap<>();
        List<Site> all = new ArrayList<>();
        for (Clinic clinic : directory.allClinics()) {
            PostalArea area = areas.get(clinic.fsa());
            Map<ServiceTypeCode, String> schedules = new HashMap<>();
            for (ServiceType type : serviceTypes.all()) {
                schedules.put(type.code(), scheduleId(clinic.id(), type.code()));
            }
            Site site = new Site(clinic, clinic.id().value().toString(), area == null ? QUEBEC : area.zone(),
                    area == null ? regionNames.getOrDefault(clinic.region(), "Québec") : place(area.place()), regionNames.get(clinic.region()),
                    Map.copyOf(schedules));
            byClinic.put(clinic.id(), site);
            all.add(site);
        }
        current = new Sites(supply.origin(), Map.copyOf(byClinic), List.copyOf(all));
        sites = current;
        return current;
    }

    /** A postal area's place as a city: "Capitale-Nationale (Stoneham)" is Stoneham. */
    private static String place(String place) {
        int open = place.indexOf('(');
        int close = place.lastIndexOf(')');
        return open >= 0 && close > open ? place.substring(open + 1, close).strip() : place.strip();
    }
}
