package ru.getmark.support.notifier.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressesTest {

    @Test
    void masksTheLocalPartButItsFirstCharacter() {
        assertThat(EmailAddresses.mask("ivan.petrov@example.ru")).isEqualTo("i***@example.ru");
        assertThat(EmailAddresses.mask("a@b.ru")).isEqualTo("a***@b.ru");
        assertThat(EmailAddresses.mask("not-an-address")).isEqualTo("***");
        assertThat(EmailAddresses.mask("@example.ru")).isEqualTo("***");
        assertThat(EmailAddresses.mask(null)).isEqualTo("null");
    }

    @Test
    void masksEveryAddressInsideAText() {
        String reply = "550 5.1.1 <ivan.petrov@example.ru>: Recipient rejected; also olga+x@mail.example.com";
        assertThat(EmailAddresses.maskAll(reply))
                .isEqualTo("550 5.1.1 <i***@example.ru>: Recipient rejected; also o***@mail.example.com")
                .doesNotContain("ivan.petrov", "olga+x");
        assertThat(EmailAddresses.maskAll("no address here")).isEqualTo("no address here");
        assertThat(EmailAddresses.maskAll("notice <notice.registration.1042.ev-1@getmark.ru> in <ticket.1042@getmark.ru>"
                + " for <notice.x@example.ru>"))
                .isEqualTo("notice <notice.registration.1042.ev-1@getmark.ru> in <ticket.1042@getmark.ru>"
                        + " for <n***@example.ru>");
    }

    @Test
    void hashIsStableHexAndIgnoresCaseAndSpaces() {
        String hash = EmailAddresses.hash("Ivan.Petrov@Example.RU ");
        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(EmailAddresses.hash("ivan.petrov@example.ru")).isEqualTo(hash);
        assertThat(EmailAddresses.hash("olga@example.ru")).isNotEqualTo(hash);
    }

    @Test
    void domainOfAnAddress() {
        assertThat(EmailAddresses.domainOf("help@getmark.ru")).isEqualTo("getmark.ru");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmailAddresses.domainOf("help"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmailAddresses.domainOf("help@"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
