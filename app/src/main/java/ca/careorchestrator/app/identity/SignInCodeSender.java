package ca.careorchestrator.app.identity;

import ca.careorchestrator.core.patient.PatientId;
import java.time.Duration;

/**
 * Sends a one-time sign-in code to a registered person (the notification module implements it, so that identity
 * does not depend on how messages travel). Called after the sign-in is stored, off the request thread.
 */
public interface SignInCodeSender {

    void send(PatientId patient, SignInChannel channel, String code, Duration validFor);
}
