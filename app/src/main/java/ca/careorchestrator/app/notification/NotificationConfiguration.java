package ca.careorchestrator.app.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    /**
     * SMTP when Spring Boot configured a mail sender ({@code spring.mail.host} set); otherwise the default run needs no
     * mail server: e-mail is disabled (logged), and SMS through the logging gateway still reaches a demo user.
     */
    @Bean
    EmailGateway emailGateway(ObjectProvider<JavaMailSender> mail, @Value("${care.notification.from}") String from) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            log.info("E-mail disabled: no SMTP server configured (spring.mail.host); e-mails are logged, not sent");
            return new LoggingEmailGateway();
        }
        return new SmtpEmailGateway(sender, from);
    }
}
