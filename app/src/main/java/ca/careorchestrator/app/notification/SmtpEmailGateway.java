package ca.careorchestrator.app.notification;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** E-mail over SMTP through Spring's {@link JavaMailSender} (host, port, credentials: {@code spring.mail.*}). */
final class SmtpEmailGateway implements EmailGateway {

    private final JavaMailSender mail;
    private final String from;

    SmtpEmailGateway(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public void send(String to, String subject, String text) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        mail.send(message);
    }
}
