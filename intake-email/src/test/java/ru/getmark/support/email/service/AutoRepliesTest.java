package ru.getmark.support.email.service;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;
import ru.getmark.support.email.domain.Mailbox;
import ru.getmark.support.email.domain.ParsedEmail;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AutoRepliesTest {

    @Test
    void referencesCarryTheParentChainAndTheParent() {
        assertThat(AutoReplies.references(email("<m1@x>", null, null))).isEqualTo("<m1@x>");
        assertThat(AutoReplies.references(email("<m2@x>", "<m1@x>", null))).isEqualTo("<m1@x> <m2@x>");
        assertThat(AutoReplies.references(email("<m3@x>", "<m2@x>", "<m0@x>\r\n <m1@x> <m2@x>")))
                .isEqualTo("<m0@x> <m1@x> <m2@x> <m3@x>");
        assertThat(AutoReplies.references(email(null, null, null))).isNull();
        String chain = "<" + "a".repeat(100) + "@x> ".repeat(40);
        String cut = AutoReplies.references(email("<last@x>", null, chain));
        assertThat(cut.length()).isLessThanOrEqualTo(2000);
        assertThat(cut).endsWith("<last@x>").startsWith("<");
    }

    @Test
    void theFloodNoticeSaysWhatHappenedAndWhatToDo() {
        String text = AutoReplies.floodText(20, Duration.ofHours(1));
        assertThat(text).contains("60 мин.", "больше 20 писем", "8 800 550-22-79, доб. 2", "ИНН",
                "Служба технической поддержки GetMark");
    }

    @Test
    void onlyARefusedAddressIsGivenUpAtOnce() throws Exception {
        SendFailedException refused = new SendFailedException("550", null, new InternetAddress[0],
                new InternetAddress[0], new InternetAddress[] {new InternetAddress("x@y.ru")});
        assertThat(AutoReplies.isRecipientRefused(refused)).isTrue();
        assertThat(AutoReplies.isRecipientRefused(new SendFailedException("451 try later"))).isFalse();
        assertThat(AutoReplies.isRecipientRefused(new MessagingException("connection refused"))).isFalse();
    }

    static ParsedEmail email(String messageId, String inReplyTo, String references) {
        return new ParsedEmail(messageId, "0".repeat(64), new Mailbox("a@b.ru", null), List.of(), List.of(), "Тема",
                null, inReplyTo, references, Map.of(), "", false, List.of(), null, 10);
    }
}
