package ca.careorchestrator.connector.spi;

import java.util.List;

/**
 * A source that notifies us over HTTP (a FHIR rest-hook subscription, a vendor webhook). The orchestrator's
 * web layer receives the request on {@code /api/v1/sources/{source}/notifications}; the connector only
 * translates its body. A body that cannot be read at all yields one {@link SourceRecord.Unreadable}.
 */
public interface WebhookConnector extends Connector {

    List<SourceRecord> translateNotification(String contentType, byte[] body);
}
