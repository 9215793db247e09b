package ru.getmark.support.notifier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientsTest {

    @Test
    @DisplayName("R5: an email's recipient key is the hash the old sent_notice table kept, so its history counts")
    void emailKeyIsTheOldHash() {
        assertThat(Recipients.key(Medium.EMAIL, " Ivan.Petrov@Example.RU"))
                .isEqualTo(EmailAddresses.hash("ivan.petrov@example.ru"))
                .hasSize(64);
    }

    @Test
    @DisplayName("R18: the duty chat's key does not depend on its configured id: a new id does not repost old alarms")
    void dutyChatKeyIsConstant() {
        assertThat(Recipients.key(Medium.DUTY_CHAT, "-1001")).isEqualTo(Recipients.key(Medium.DUTY_CHAT, "-1002"))
                .isEqualTo("duty_chat");
    }

    @Test
    void chatKeysDifferPerChat() {
        assertThat(Recipients.key(Medium.TELEGRAM, "123456789")).hasSize(64)
                .isNotEqualTo(Recipients.key(Medium.TELEGRAM, "123456780"));
    }

    @Test
    void chatAddressesAreMaskedInLogs() {
        assertThat(Recipients.maskChat("123456789")).isEqualTo("1***89");
        assertThat(Recipients.maskChat("79259509118")).isEqualTo("7***18");
        assertThat(Recipients.maskChat("1234")).isEqualTo("***");
        assertThat(Recipients.mask(Medium.EMAIL, "ivan@example.ru")).isEqualTo("i***@example.ru");
        assertThat(Recipients.mask(Medium.WHATSAPP, "79259509118")).isEqualTo("7***18");
    }
}
