/**
 * Shared storage mechanics for the modules' own persistence packages: bulk loading (PostgreSQL COPY, JDBC
 * batches elsewhere) and which database is the record. Owns no table.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Persistence (shared)", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package ca.careorchestrator.app.persistence;
