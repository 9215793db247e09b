package ru.getmark.support.email.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesTest {

    @Test
    void masksForLogs() {
        assertThat(Addresses.mask("ivanova@Romashka.RU")).isEqualTo("i***@romashka.ru");
        assertThat(Addresses.mask(null)).isEqualTo("(none)");
        assertThat(Addresses.mask("garbage")).isEqualTo("***");
        assertThat(Addresses.mask("@x.ru")).isEqualTo("***");
    }

    @Test
    void hashesLikeTheTicketProjection() {
        assertThat(Addresses.hash(" Ivanova@Romashka.ru ")).isEqualTo(Addresses.hash("ivanova@romashka.ru"))
                .hasSize(64);
        assertThat(Addresses.domain("help@GetMark.ru")).isEqualTo("getmark.ru");
    }
}
