package ca.careorchestrator.app.notification;

import ca.careorchestrator.app.identity.SignInChannel;
import ca.careorchestrator.app.identity.SignInCodeSender;
import ca.careorchestrator.core.patient.PatientId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The identity module's sign-in codes, as notices. */
@Component
final class SignInCodeMessages implements SignInCodeSender {

    private final Notifications notifications;

    SignInCodeMessages(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void send(PatientId patient, SignInChannel channel, String code, Duration validFor) {
        notifications.send(patient, new Notice("sign-in-code", List.of(code, validFor.toMinutes()), Optional.empty()),
                channel == SignInChannel.EMAIL ? Channel.EMAIL : Channel.SMS);
    }
}
