package ca.careorchestrator.connector.spi.contract;

/** Trouble a simulated source can be told to make. A harness says which ones its transport can suffer. */
public enum Fault {
    /** Every answer is slowed (by about a second), yet within the connector's timeout. */
    LATENCY,
    /** The server answers 500/503 (HTTP sources). */
    SERVER_ERROR,
    /** The server answers 429 with Retry-After (HTTP sources). */
    RATE_LIMITED,
    /** The connection is reset mid-answer. */
    CONNECTION_RESET,
    /** One record of the next delivery is broken (bad JSON, bad segment, bad row); the rest are fine. */
    MALFORMED_RECORD,
    /** Every record is delivered twice. */
    DUPLICATES,
    /** Changes arrive newest first, so an older version follows a newer one. */
    OUT_OF_ORDER
}
