/**
 * The directory: health regions (RSS), local networks (RLS), postal areas, clinics and professionals.
 * Owns the {@code directory_*} tables. Uses {@code persistence} for bulk loads.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Directory")
package ca.careorchestrator.app.directory;
