package ca.careorchestrator.connector.fhir;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the source said about where and by whom its Slots are given: Locations (our site refs),
 * PractitionerRoles (professional ref, profession code, location) and Schedules (actors, service). A Slot
 * only names its Schedule, so its site, professional and profession come from here. Kept between pulls:
 * an incremental pull refreshes it with what changed; a full pull (or the first pull of a fresh connector)
 * reads it all.
 */
final class SourceDirectory {

    record Role(String professionalRef, String professionCode, String locationId) {
    }

    record ScheduleFacts(String roleId, String practitionerId, String locationId, String serviceCode) {
    }

    /** Where a Schedule's slots are given, or why that cannot be told. */
    sealed interface Placement {
        record Placed(String siteRef, String professionalRef, String professionCode, String serviceCode) implements Placement {
        }

        record Unplaced(String reason) implements Placement {
        }
    }

    private final Map<String, String> siteRefByLocationId = new ConcurrentHashMap<>();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final Map<String, ScheduleFacts> schedules = new ConcurrentHashMap<>();
    private final boolean idsAreExternal;

    /** {@code idsAreExternal}: the source's ids are its own (no identifier system configured), so an unread Location's id is its ref. */
    SourceDirectory(boolean idsAreExternal) {
        this.idsAreExternal = idsAreExternal;
    }

    boolean isEmpty() {
        return schedules.isEmpty();
    }

    void location(String id, String siteRef) {
        siteRefByLocationId.put(id, siteRef);
    }

    void role(String id, Role role) {
        roles.put(id, role);
    }

    void schedule(String id, ScheduleFacts facts) {
        schedules.put(id, facts);
    }

    /** Slot.schedule → Schedule.actor (Location, PractitionerRole or Practitioner) → PractitionerRole.location. */
    Placement place(String scheduleId) {
        ScheduleFacts schedule = schedules.get(scheduleId);
        if (schedule == null) {
            return new Placement.Unplaced("Slot.schedule Schedule/" + scheduleId + " is not known to this source");
        }
        Role role = schedule.roleId() == null ? null : roles.get(schedule.roleId());
        if (schedule.roleId() != null && role == null) {
            return new Placement.Unplaced("Schedule/" + scheduleId + " actor PractitionerRole/" + schedule.roleId() + " is not known");
        }
        String locationId = schedule.locationId() != null ? schedule.locationId() : role == null ? null : role.locationId();
        if (locationId == null) {
            return new Placement.Unplaced("Schedule/" + scheduleId + " names no Location (actor or PractitionerRole.location)");
        }
        String siteRef = siteRefByLocationId.get(locationId);
        if (siteRef == null && idsAreExternal) {
            siteRef = locationId;
        }
        if (siteRef == null) {
            return new Placement.Unplaced("Location/" + locationId + " is not known, so its identifier cannot be told");
        }
        String professionalRef = role != null ? role.professionalRef() : schedule.practitionerId();
        return new Placement.Placed(siteRef, professionalRef, role == null ? null : role.professionCode(), schedule.serviceCode());
    }
}
