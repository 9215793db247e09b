package ru.getmark.support.phone.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ivanov@company.ru", "i.ivanov+support@mail.company.ru", "a_b-c@x-y.com",
            "  buh@romashka.ru  ", "o'brien@example.co.uk"})
    void acceptsOrdinaryAddresses(String address) {
        assertThat(EmailAddresses.problem(address)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ivanov", "ivanov@", "@company.ru", "ivanov@company", "ivanov@@company.ru",
            "ivanov@company..ru", "ivanov@.company.ru", "ivanov@company.ru.", "Иван <ivanov@company.ru>",
            "ivanov@company.ru, petrov@company.ru", "ivanov company@mail.ru", "ivanov@[10.0.0.1]",
            "group: a@b.ru;", "ivanov@company,ru"})
    void refusesMalformedAddresses(String address) {
        assertThat(EmailAddresses.problem(address)).isEqualTo(EmailAddresses.MALFORMED);
    }

    @Test
    void refusesOverlongAddresses() {
        assertThat(EmailAddresses.problem("a".repeat(250) + "@x.ru")).isEqualTo(EmailAddresses.TOO_LONG);
    }
}
