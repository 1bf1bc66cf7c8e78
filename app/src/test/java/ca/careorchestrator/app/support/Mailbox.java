package ca.careorchestrator.app.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server in the test's process (GreenMail) on a free port: the application sends to it as to any mail
 * server ({@code spring.mail.host}/{@code port}), and the test reads what arrived, such as a sign-in code.
 */
public final class Mailbox implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private final GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    private Mailbox() {
        server.start();
    }

    /** Starts a server and points the application at it. */
    public static Mailbox startFor(DynamicPropertyRegistry registry) {
        Mailbox mailbox = new Mailbox();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> mailbox.server.getSmtp().getPort());
        return mailbox;
    }

    /** How many messages arrived, to anyone. */
    public int count() {
        return server.getReceivedMessages().length;
    }

    /** The messages received for this address so far, oldest first. */
    public List<MimeMessage> to(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> sentTo(m, address)).toList();
    }

    /** Waits for the {@code n}-th message (1-based) to this address and returns the 6-digit code in its text. */
    public String awaitCode(String address, int n) {
        Waits.await(Duration.ofSeconds(20), () -> to(address).size() >= n, "message " + n + " to the patient arrives");
        Matcher code = CODE.matcher(GreenMailUtil.getBody(to(address).get(n - 1)));
        if (!code.find()) {
            throw new AssertionError("no code in the message");
        }
        return code.group(1);
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean sentTo(MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
