/**
 * Translates an iCalendar availability feed (RFC 5545 with RFC 7953 VAVAILABILITY, as Chronometric
 * publishes it) into {@link ca.careorchestrator.connector.spi.SourceRecord}s: recurring AVAILABLE windows
 * expanded over a horizon into free slots, opaque VEVENTs into booked ones. Read over HTTP with a
 * conditional GET; every 200 is a complete picture of the feed. Booking is by phone only. The profile
 * (properties, id rule, versions) is in this module's README.
 */
package ca.careorchestrator.connector.ical;
