package no.carerelay.notification.email;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import no.carerelay.notification.config.NotificationProperties;
import no.carerelay.notification.delivery.ChannelFailure;
import no.carerelay.notification.delivery.ContactChannel;

/**
 * E-mail over SMTP ({@code spring.mail.*}). JavaMail blocks, so each message is sent on a small pool of its own; the
 * time limiter around it bounds the wait.
 */
@Component
class EmailChannel implements ContactChannel, AutoCloseable {

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;
    private final ExecutorService senders = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "email-send");
        thread.setDaemon(true);
        return thread;
    });

    EmailChannel(ObjectProvider<JavaMailSender> mail, NotificationProperties properties) {
        this.mail = mail;
        this.from = properties.emailFrom();
    }

    @Override
    public String name() {
        return "EMAIL";
    }

    @Override
    public CompletionStage<Void> send(String reference, String address, String subject, String body) {
        return CompletableFuture.runAsync(() -> {
            JavaMailSender sender = mail.getIfAvailable();
            if (sender == null) {
                throw new ChannelFailure("e-mail is not configured (spring.mail.host)", false);
            }
            try {
                MimeMessage message = sender.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
                helper.setFrom(from);
                helper.setTo(address);
                helper.setSubject(subject);
                helper.setText(body);
                message.setHeader("X-CareRelay-Delivery", reference);
                sender.send(message);
            } catch (MessagingException | MailParseException | MailPreparationException e) {
                throw new ChannelFailure("e-mail refused: malformed message or address", true);
            } catch (MailAuthenticationException e) {
                throw new ChannelFailure("SMTP authentication failed", false);
            } catch (MailException e) {
                throw new ChannelFailure("SMTP send failed", false);
            }
        }, senders);
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
