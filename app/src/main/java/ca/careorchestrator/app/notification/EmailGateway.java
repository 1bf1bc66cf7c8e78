package ca.careorchestrator.app.notification;

/** Sends an e-mail (SMTP when {@code spring.mail.host} is set, else only logged). */
interface EmailGateway {

    void send(String to, String subject, String text);
}
