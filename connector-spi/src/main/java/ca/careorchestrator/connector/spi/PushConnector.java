package ca.careorchestrator.connector.spi;

/** A source that sends to us (MLLP, webhook): the connector listens and delivers each message as it comes. */
public interface PushConnector extends Connector {

    /** Starts listening; each received message is delivered to {@code sink} and answered from its outcome. */
    void listen(RecordSink sink);

    /** Where it listens (a port number, a path), for the status page. */
    String address();
}
