/**
 * What a connector is allowed to say to the runtime. Connectors translate one protocol; the runtime in
 * {@code app} owns threads, schedules, retries, checkpoints, metrics and quarantine. The connector
 * interfaces and the contract test kit arrive with issue #3; the vocabulary below is fixed now because the
 * catalog already shows how each slot is booked.
 */
package ca.careorchestrator.connector.spi;
