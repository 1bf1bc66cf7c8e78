/**
 * Bonjour Santé as a SMART Scheduling Links bulk publisher on a loopback port: a {@code $bulk-publish}
 * manifest and Location, Schedule and Slot NDJSON files over a
 * {@link ca.careorchestrator.simulator.platform.SimulatedPlatform}, with {@code _since}, conditional
 * requests, caching headers and the platform's fault modes. Booking is by deep link or phone only.
 */
package ca.careorchestrator.simulator.smart;
