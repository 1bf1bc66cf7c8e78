package ca.careorchestrator.app.notification;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What to tell a patient: the messages' {@code notice.<key>.subject} and {@code notice.<key>.text} in their language,
 * with these arguments, and a link to follow, if any. The arguments may be secret (a code): never logged at INFO.
 */
public record Notice(String key, List<Object> arguments, Optional<URI> link) {

    public Notice {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a notice names its messages");
        }
        arguments = List.copyOf(arguments);
    }

    @Override
    public String toString() {
        return "Notice[" + key + "]";
    }
}
