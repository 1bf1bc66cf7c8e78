/**
 * What a connector is and what it may say to the runtime. A connector translates one protocol into
 * {@link ca.careorchestrator.connector.spi.SourceRecord}s (source codes, source ids, raw payload kept) and
 * books through the source when it can; the runtime in {@code app} owns threads, schedules, retries with
 * back-off, checkpoints, mapping to the canonical model, metrics and quarantine. Factories are found by
 * {@link java.util.ServiceLoader}. The contract kit (this module's test-jar) is what every connector passes.
 */
package ca.careorchestrator.connector.spi;
