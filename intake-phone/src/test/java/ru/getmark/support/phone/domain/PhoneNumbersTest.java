package ru.getmark.support.phone.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "8 800 550-22-79          | +78005502279",
            "8 (925) 950-91-18        | +79259509118",
            "+7 925 950 91 18         | +79259509118",
            "7-925-950-91-18          | +79259509118",
            "79259509118              | +79259509118",
            "(925) 950-91-18          | +79259509118",
            "+49 30 1234 5678         | +493012345678",
            "375 29 123 45 67         | +375291234567",
            "+1 (212) 555-0100        | +12125550100",
            "+123456789012345         | +123456789012345"})
    void normalisesToE164(String input, String e164) {
        PhoneNumbers.Result result = PhoneNumbers.normalise(input);
        assertThat(result.problem()).isNull();
        assertThat(result.e164()).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8 925 950 91 18 доб. 2", "+7 925 abc", "8.925.950.91.18", "7+9259509118",
            "++79259509118", "8/925/9509118"})
    void refusesOtherCharacters(String input) {
        assertThat(PhoneNumbers.normalise(input).problem()).isEqualTo(PhoneNumbers.BAD_CHARACTERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"950-91-18", "123456789", "+7 925", "1234567890123456", "+1234567890123456"})
    void refusesTooFewOrTooManyDigits(String input) {
        assertThat(PhoneNumbers.normalise(input).problem()).isEqualTo(PhoneNumbers.BAD_LENGTH);
    }
}
