/**
 * Translates a SMART Scheduling Links bulk publication (Bonjour Santé; any SMART publisher): the
 * {@code $bulk-publish} manifest, then its Location, Schedule and Slot NDJSON files, streamed line by line
 * into {@link ca.careorchestrator.connector.spi.SourceRecord}s. Schedules are not records of their own: they
 * join a Slot ({@code Slot.schedule}) to its Location ({@code Schedule.actor}) and carry the profession and
 * professional. Booking is by the publisher's deep link or phone only (no booking API). See README.md.
 */
package ca.careorchestrator.connector.smart;
