/**
 * Provisioning: at start-up, loads the configured synthetic province (simulator's generator) into an empty
 * database, with progress anyone can watch, and remembers what it loaded so a restart keeps the data.
 * Owns {@code provisioning_run}; writes through {@code directory} and {@code availability}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Provisioning")
package ca.careorchestrator.app.provisioning;
