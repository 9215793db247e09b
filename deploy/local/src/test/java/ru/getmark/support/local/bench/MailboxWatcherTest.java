package ru.getmark.support.local.bench;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.getmark.support.infra.MailServer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The IMAP IDLE reader of the latency phase against the real mail server the stack runs. */
class MailboxWatcherTest {

    private static MailServer mail;

    record Arrival(String mailbox, long at, String subject, String text) {
    }

    @BeforeAll
    static void startMail() {
        mail = MailServer.start("127.0.0.1", 0, 0);
    }

    @AfterAll
    static void stopMail() {
        mail.close();
    }

    @Test
    void everyNewMessageIsReportedOnceWithItsArrivalWhileIdling() throws Exception {
        List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        MailboxWatcher watcher = new MailboxWatcher("127.0.0.1", mail.imapPort(), "klient-1@klient-bench.ru",
                (mailbox, at, subject, text) -> arrivals.add(new Arrival(mailbox, at, subject, text)));
        try {
            assertThat(watcher.awaitIdling(10_000)).isTrue();
            long before = System.currentTimeMillis();
            send("klient-1@klient-bench.ru", "Регистрация Обращения № 1000", "Уважаемый(ая) Клиент bench-e000001!");
            await().atMost(Duration.ofSeconds(10)).until(() -> arrivals.size() == 1);
            Arrival first = arrivals.get(0);
            assertThat(first.mailbox()).isEqualTo("klient-1@klient-bench.ru");
            assertThat(first.subject()).isEqualTo("Регистрация Обращения № 1000");
            assertThat(first.text()).contains("Уважаемый(ая) Клиент bench-e000001!");
            assertThat(first.at()).isBetween(before, System.currentTimeMillis());
            assertThat(System.currentTimeMillis() - before)
                    .as("IDLE reports at once, long before the renewal period").isLessThan(MailboxWatcher.RENEW_MS);

            sendMultipart("klient-1@klient-bench.ru", "Регистрация Обращения № 1001",
                    "Уважаемый(ая) Клиент bench-p000002!");
            send("klient-2@klient-bench.ru", "Регистрация Обращения № 1002", "Другой ящик");
            await().atMost(Duration.ofSeconds(10)).until(() -> arrivals.size() == 2);
            assertThat(arrivals.get(1).text()).contains("bench-p000002");
            assertThat(watcher.failure()).isNull();
        } finally {
            watcher.close();
        }
        assertThat(arrivals).hasSize(2);
    }

    private static void send(String to, String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(session());
        message.setFrom(new InternetAddress("help@getmark.ru"));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    private static void sendMultipart(String to, String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(session());
        message.setFrom(new InternetAddress("help@getmark.ru"));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject, "UTF-8");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>" + text + "</p>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", plain, html);
        message.setContent(alternative);
        Transport.send(message);
    }

    private static Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        return Session.getInstance(props);
    }
}
