package ru.getmark.support.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

class MailServerTest {

    MailServer mail;

    @BeforeEach
    void start() {
        mail = MailServer.start("127.0.0.1", 0, 0);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    @DisplayName("mail sent over SMTP is read over IMAP with the address as user name and password, or any password")
    void smtpThenImap() throws Exception {
        send("x@example.com", "Регистрация Обращения № 1");
        assertThat(subjects("x@example.com", "x@example.com")).containsExactly("Регистрация Обращения № 1");
        assertThat(subjects("x@example.com", "anything-at-all")).containsExactly("Регистрация Обращения № 1");
        assertThat(subjects("X@Example.com", "x")).as("user names ignore case").hasSize(1);
        assertThat(subjects("nobody@example.com", "nobody@example.com")).as("an empty mailbox").isEmpty();
        assertThat(mail.greenMail().getReceivedMessages()).hasSize(1);
    }

    @Test
    @DisplayName("an SMTP outage: sending fails while IMAP still serves the mailbox; after restartSmtp sending works again")
    void smtpOutage() throws Exception {
        send("a@example.com", "before");
        mail.stopSmtp();
        assertThatThrownBy(() -> send("a@example.com", "during")).isInstanceOf(MessagingException.class);
        assertThat(subjects("a@example.com", "a@example.com")).containsExactly("before");
        mail.restartSmtp();
        send("a@example.com", "after");
        assertThat(subjects("a@example.com", "a@example.com")).containsExactly("before", "after");
    }

    @Test
    @DisplayName("stop and restart bring SMTP and IMAP back on the same ports with the mailboxes kept")
    void stopAndRestart() throws Exception {
        int smtp = mail.smtpPort();
        int imap = mail.imapPort();
        send("b@example.com", "kept");
        mail.stop();
        assertThat(mail.isRunning()).isFalse();
        assertThatThrownBy(() -> send("b@example.com", "lost")).isInstanceOf(MessagingException.class);
        assertThatThrownBy(() -> subjects("b@example.com", "b@example.com")).isInstanceOf(MessagingException.class);
        mail.restart();
        assertThat(mail.isRunning()).isTrue();
        assertThat(mail.smtpPort()).isEqualTo(smtp);
        assertThat(mail.imapPort()).isEqualTo(imap);
        send("b@example.com", "new");
        assertThat(subjects("b@example.com", "b@example.com")).containsExactly("kept", "new");
    }

    private void send(String to, String subject) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", mail.host());
        props.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        props.put("mail.smtp.connectiontimeout", "3000");
        props.put("mail.smtp.timeout", "3000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("help@getmark.ru"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText("Здравствуйте!", "UTF-8");
        Transport.send(message);
    }

    private List<String> subjects(String user, String password) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "3000");
        props.put("mail.imap.timeout", "3000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(mail.host(), mail.imapPort(), user, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                subjects.add(m.getSubject());
            }
            inbox.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }
}
