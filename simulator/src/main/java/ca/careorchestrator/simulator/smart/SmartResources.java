package ca.careorchestrator.simulator.smart;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * Bonjour Santé's resources as SMART Scheduling Links NDJSON lines (FHIR R4 JSON, one resource a line).
 * Where its own codes go: service in {@code Slot.serviceType} (and the Schedule's services in
 * {@code Schedule.serviceType}), profession in {@code Schedule.specialty}, the professional in a Schedule
 * extension, the modality in a Slot extension. One Schedule per professional and clinic; its only actor is
 * the clinic's Location (the IG allows one actor, a Location).
 */
final class SmartResources {

    static final String SMART = "http://fhir-registry.smarthealthit.org/StructureDefinition/";
    static final String BASE = "https://bonjour-sante.example/fhir/";
    static final String SERVICE_SYSTEM = BASE + "CodeSystem/service";
    static final String PROFESSION_SYSTEM = BASE + "CodeSystem/profession";
    static final String CLINIC_SYSTEM = BASE + "clinique";
    static final String PROFESSIONAL_EXTENSION = BASE + "StructureDefinition/professionnel";
    static final String MODALITY_EXTENSION = BASE + "StructureDefinition/modalite";
    static final String TIMEZONE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/timezone";
    static final String DEEP_LINK_BASE = "https://bonjour-sante.example/rdv/";
    /** FHIR instants with the offset of the clinic's zone at that instant, seconds always written. */
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

    private final ObjectMapper json = new ObjectMapper();

    /** The clinic as a Location (IG vaccine-location: name, telecom, address with line, city, state, postal code). */
    String location(Clinic clinic, String siteRef, long number, String city, ZoneId zone) {
        ObjectNode location = json.createObjectNode();
        location.put("resourceType", "Location");
        location.put("id", siteRef);
        location.putArray("extension").addObject().put("url", TIMEZONE_EXTENSION).put("valueCode", zone.getId());
        location.putArray("identifier").addObject().put("system", CLINIC_SYSTEM).put("value", siteRef);
        location.put("name", clinic.name());
        ArrayNode telecom = location.putArray("telecom");
        if (clinic.phone() != null) {
            telecom.addObject().put("system", "phone").put("value", clinic.phone());
        }
        telecom.addObject().put("system", "url").put("value", DEEP_LINK_BASE + "clinique/" + siteRef);
        ObjectNode address = location.putObject("address");
        // Synthetic street and postal code (the province knows a clinic's FSA, not its address).
        address.putArray("line").add((100 + number % 900) + " rue Principale");
        address.put("city", city);
        address.put("state", "QC");
        address.put("postalCode", clinic.fsa().value() + " " + localDeliveryUnit(number));
        address.put("country", "CA");
        location.putObject("position").put("longitude", clinic.location().longitude()).put("latitude", clinic.location().latitude());
        return json(location);
    }

    /** One professional's schedule at one clinic. */
    String schedule(String scheduleId, String siteRef, String professionalRef, String professionCode, Set<String> serviceCodes) {
        ObjectNode schedule = json.createObjectNode();
        schedule.put("resourceType", "Schedule");
        schedule.put("id", scheduleId);
        schedule.putArray("extension").addObject().put("url", PROFESSIONAL_EXTENSION).put("valueString", professionalRef);
        ArrayNode services = schedule.putArray("serviceType");
        for (String code : serviceCodes) {
            services.addObject().putArray("coding").addObject().put("system", SERVICE_SYSTEM).put("code", code);
        }
        if (professionCode != null) {
            schedule.putArray("specialty").addObject().putArray("coding").addObject().put("system", PROFESSION_SYSTEM).put("code", professionCode);
        }
        schedule.putArray("actor").addObject().put("reference", "Location/" + siteRef);
        return json(schedule);
    }

    /**
     * A slot. FREE is {@code free} with capacity 1; BOOKED is {@code busy} with capacity 0; DELETED (only in an
     * incremental file: SMART has no deletion record) is {@code entered-in-error}.
     */
    String slot(PlatformSlot slot, String resourceId, String scheduleId, String phone) {
        ObjectNode node = json.createObjectNode();
        node.put("resourceType", "Slot");
        node.put("id", resourceId);
        node.putObject("meta").put("versionId", Long.toString(slot.version())).put("lastUpdated", slot.lastUpdated().toString());
        ArrayNode extensions = node.putArray("extension");
        extensions.addObject().put("url", SMART + "booking-deep-link").put("valueUrl", DEEP_LINK_BASE + slot.externalId());
        if (phone != null) {
            extensions.addObject().put("url", SMART + "booking-phone").put("valueString", phone);
        }
        extensions.addObject().put("url", SMART + "slot-capacity").put("valueInteger", slot.free() ? 1 : 0);
        if (slot.modalityCode() != null) {
            extensions.addObject().put("url", MODALITY_EXTENSION).put("valueCode", slot.modalityCode());
        }
        node.putArray("serviceType").addObject().putArray("coding").addObject().put("system", SERVICE_SYSTEM).put("code", slot.serviceCode());
        node.putObject("schedule").put("reference", "Schedule/" + scheduleId);
        node.put("status", switch (slot.status()) {
            case FREE -> "free";
            case BOOKED -> "busy";
            case DELETED -> "entered-in-error";
        });
        node.put("start", INSTANT.format(slot.start().atZone(slot.zone())));
        node.put("end", INSTANT.format(slot.start().plus(slot.duration()).atZone(slot.zone())));
        return json(node);
    }

    /** A bulk-publish manifest. */
    String manifest(Instant transactionTime, String request, String locations, String schedules, String slots) {
        ObjectNode manifest = json.createObjectNode();
        manifest.put("transactionTime", transactionTime.toString());
        manifest.put("request", request);
        ArrayNode output = manifest.putArray("output");
        output.addObject().put("type", "Location").put("url", locations);
        output.addObject().put("type", "Schedule").put("url", schedules);
        output.addObject().put("type", "Slot").put("url", slots);
        manifest.putArray("error");
        return json(manifest);
    }

    static String outcome(String code, String diagnostics) {
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
                + "\",\"diagnostics\":\"" + diagnostics.replace("\"", "'") + "\"}]}";
    }

    /** Digit, letter, digit from the clinic number (synthetic; the letters Canada Post uses). */
    private static String localDeliveryUnit(long number) {
        String letters = "ABCEGHJKLMNPRSTVWXYZ";
        return "" + number % 10 + letters.charAt((int) (number / 10 % letters.length())) + (number / 200 % 10);
    }

    private String json(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree we built does not serialise", e);
        }
    }
}
