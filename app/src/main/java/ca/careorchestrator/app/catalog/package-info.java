/**
 * Catalog: the search over every slot, served from an in-memory index ({@code SlotIndex}) rebuilt from the
 * database at start-up and kept current by {@code SlotsChanged} events; the database stays the record. Uses
 * availability and directory.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog (search)")
package ca.careorchestrator.app.catalog;
