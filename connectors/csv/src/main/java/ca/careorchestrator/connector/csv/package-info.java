/**
 * Translates schedule exports dropped as CSV files in a folder (OSCAR-QC's export) into
 * {@link ca.careorchestrator.connector.spi.SourceRecord}s: one file per pull, oldest first, each a full
 * export of the clinics it covers, then moved to {@code done/} (or {@code failed/}). Booking is by phone
 * only. The columns, charset and file rules are in this module's README.
 */
package ca.careorchestrator.connector.csv;
