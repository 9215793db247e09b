package ru.getmark.support.notifier.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.notifier.config.MailConfig;
import ru.getmark.support.notifier.domain.EmailNotice;
import ru.getmark.support.notifier.domain.NoticeKind;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The MIME shape of a notice, built and parsed back without a server; and a send to a closed port. */
class SmtpMailerTest {

    private static final EmailNotice NOTICE = new EmailNotice("ev-1", NoticeKind.REGISTRATION, "1042",
            "ivan.petrov@example.ru", "ООО «Ромашка»", "Регистрация Обращения № 1042",
            "Уважаемый(ая) ООО «Ромашка»!\n", "<p>Уважаемый(ая) ООО «Ромашка»!</p>\n",
            "<notice.registration.1042.ev-1@getmark.ru>", "<ticket.1042@getmark.ru>");

    @Test
    void multipartAlternativeUtf8WithTheStableMessageId() throws Exception {
        SmtpMailer mailer = new SmtpMailer(config(2525));
        MimeMessage built = mailer.toMimeMessage(NOTICE);

        // What goes over the wire, parsed back.
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        built.writeTo(wire);
        MimeMessage parsed = new MimeMessage(null, new ByteArrayInputStream(wire.toByteArray()));

        assertThat(parsed.getMessageID()).isEqualTo("<notice.registration.1042.ev-1@getmark.ru>");
        assertThat(parsed.getHeader("In-Reply-To", null)).isEqualTo("<ticket.1042@getmark.ru>");
        assertThat(parsed.getHeader("References", null)).isEqualTo("<ticket.1042@getmark.ru>");
        assertThat(parsed.getSubject()).isEqualTo("Регистрация Обращения № 1042");
        InternetAddress from = (InternetAddress) parsed.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("help@getmark.ru");
        assertThat(from.getPersonal()).isEqualTo("Служба технической поддержки GetMark");
        InternetAddress to = (InternetAddress) parsed.getAllRecipients()[0];
        assertThat(to.getAddress()).isEqualTo("ivan.petrov@example.ru");
        assertThat(to.getPersonal()).isEqualTo("ООО «Ромашка»");
        assertThat(parsed.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(parsed.getContentType()).startsWith("multipart/alternative");

        Multipart parts = (Multipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(text.getContent()).isEqualTo("Уважаемый(ая) ООО «Ромашка»!\n");
        assertThat(html.getContent()).isEqualTo("<p>Уважаемый(ая) ООО «Ромашка»!</p>\n");
    }

    @Test
    void theMessageIdSurvivesRepeatedSaves() throws Exception {
        MimeMessage built = new SmtpMailer(config(2525)).toMimeMessage(NOTICE);
        built.saveChanges();
        built.saveChanges();
        assertThat(built.getMessageID()).isEqualTo("<notice.registration.1042.ev-1@getmark.ru>");
    }

    @Test
    void aClosedPortFailsFastWithAMaskedReason() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SmtpMailer mailer = new SmtpMailer(config(closed));
        assertThatThrownBy(() -> mailer.send(NOTICE))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("localhost:" + closed)
                .hasMessageContaining("<notice.registration.1042.ev-1@getmark.ru>")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ivan.petrov@example.ru"))
                .satisfies(e -> assertThat(((MailDeliveryException) e).permanent())
                        .as("a mail server that is down is worth retrying").isFalse());
    }

    @Test
    @DisplayName("An address the mail library refuses to build is a permanent failure: parked at once")
    void anInvalidAddressIsPermanent() {
        EmailNotice invalid = new EmailNotice("ev-2", NoticeKind.REGISTRATION, "1042", "ivan petrov@@example",
                null, "Регистрация Обращения № 1042", "text", "<p>html</p>",
                "<notice.registration.1042.ev-2@getmark.ru>", "<ticket.1042@getmark.ru>");
        assertThatThrownBy(() -> new SmtpMailer(config(2525)).toMimeMessage(invalid))
                .isInstanceOf(MailDeliveryException.class)
                .satisfies(e -> assertThat(((MailDeliveryException) e).permanent()).isTrue());
    }

    @Test
    @DisplayName("5xx to RCPT TO or after DATA is permanent; 4xx, a refused sender or a dead connection is not")
    void permanentOrTransient() {
        Address to = address("ivan.petrov@example.ru");
        assertThat(MailDeliveryException.isPermanent(new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException((InternetAddress) to, "RCPT", 550, "550 5.1.1 no such user"))))
                .isTrue();
        assertThat(MailDeliveryException.isPermanent(new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException((InternetAddress) to, "RCPT", 452, "452 mailbox full, try later"))))
                .isFalse();
        assertThat(MailDeliveryException.isPermanent(new SMTPSendFailedException("DATA", 554,
                "554 5.7.1 rejected as spam", null, null, new Address[]{to}, null))).isTrue();
        assertThat(MailDeliveryException.isPermanent(new SMTPSendFailedException("DATA", 451,
                "451 4.3.0 try again", null, null, new Address[]{to}, null))).isFalse();
        assertThat(MailDeliveryException.isPermanent(new SMTPSenderFailedException(
                (InternetAddress) address("help@getmark.ru"), "MAIL FROM", 553, "553 sender not allowed")))
                .as("our own sender refused is a configuration problem, not the customer's: retry").isFalse();
        assertThat(MailDeliveryException.isPermanent(new MessagingException("Could not connect",
                new java.net.ConnectException("Connection refused")))).isFalse();
    }

    private static Address address(String text) {
        try {
            return new InternetAddress(text);
        } catch (AddressException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void maskedFailureReason() {
        MailDeliveryException e = new MailDeliveryException("send failed",
                new IllegalStateException("550 <ivan.petrov@example.ru> unknown", new RuntimeException("root")));
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage())
                .isEqualTo("send failed: java.lang.IllegalStateException: 550 <i***@example.ru> unknown;"
                        + " caused by java.lang.RuntimeException: root");
    }

    static MailConfig config(int port) {
        return new MailConfig() {
            @Override
            public Smtp smtp() {
                return new Smtp() {
                    @Override
                    public String host() {
                        return "localhost";
                    }

                    @Override
                    public int port() {
                        return port;
                    }

                    @Override
                    public Optional<String> username() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> password() {
                        return Optional.empty();
                    }

                    @Override
                    public boolean starttls() {
                        return false;
                    }

                    @Override
                    public boolean ssl() {
                        return false;
                    }

                    @Override
                    public Optional<String> localHost() {
                        return Optional.of("localhost");
                    }

                    @Override
                    public Duration connectTimeout() {
                        return Duration.ofSeconds(2);
                    }

                    @Override
                    public Duration readTimeout() {
                        return Duration.ofSeconds(2);
                    }

                    @Override
                    public Duration writeTimeout() {
                        return Duration.ofSeconds(2);
                    }

                    @Override
                    public int messagesPerConnection() {
                        return 100;
                    }
                };
            }

            @Override
            public Imap imap() {
                return new Imap() {
                    @Override
                    public Optional<String> host() {
                        return Optional.empty();
                    }

                    @Override
                    public OptionalInt port() {
                        return OptionalInt.empty();
                    }
                };
            }

            @Override
            public String from() {
                return "help@getmark.ru";
            }

            @Override
            public String fromName() {
                return "Служба технической поддержки GetMark";
            }
        };
    }
}
