package ca.careorchestrator.simulator.hl7;

import java.util.List;

/**
 * What one push run achieved: messages ACKed AA, messages refused for good (AE: the receiver quarantined or
 * refused them, so they are not resent), messages still waiting for a successful ACK, and why the run
 * stopped early ({@code failure}: connection refused or reset, no ACK in time, AR), if it did.
 */
public record PushReport(int accepted, List<Rejection> rejections, int pending, String failure) {

    public PushReport {
        rejections = List.copyOf(rejections);
    }

    /** A message the receiver answered AE to: its control id (MSH-10), the reason it gave (MSA-3), the message. */
    public record Rejection(String controlId, String reason, String message) {
    }

    /** Everything pending was delivered and accepted. */
    public boolean clean() {
        return failure == null && rejections.isEmpty() && pending == 0;
    }
}
