package ca.careorchestrator.simulator.platform;

/** Trouble a simulator can be told to make (mirrors the contract kit's faults). */
public enum FaultMode {
    LATENCY, SERVER_ERROR, RATE_LIMITED, CONNECTION_RESET, MALFORMED_RECORD, DUPLICATES, OUT_OF_ORDER
}
