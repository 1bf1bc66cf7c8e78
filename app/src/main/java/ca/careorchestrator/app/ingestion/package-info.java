/**
 * Ingestion: the runtime around the connectors. Finds them by ServiceLoader, runs each source on its own
 * virtual thread (pull on a schedule with checkpoints, or a push listener), retries with back-off behind a
 * circuit breaker, maps source codes to the canonical model with per-source tables, applies the result to
 * availability, and quarantines what cannot be used (visible, countable, replayable). Owns the
 * {@code ingestion_*} tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ingestion")
package ca.careorchestrator.app.ingestion;
