package ru.getmark.support.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import ru.getmark.support.common.inn.Inn;
import ru.getmark.support.common.inn.Inn.Problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** R1: every request carries an ИНН validated by its check digits. */
class InnTest {

    @ParameterizedTest(name = "R1 valid ИНН {0}")
    @ValueSource(strings = {"7707083893", "7736207543", "7830002293", "500100732259", " 7707083893 "})
    void acceptsNumbersWithCorrectCheckDigits(String text) {
        assertThat(Inn.check(text)).isEmpty();
        assertThat(Inn.parse(text).value()).isEqualTo(text.strip());
    }

    @ParameterizedTest(name = "R1 refuses \"{0}\" because {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL | MISSING",
            "'   ' | MISSING",
            "7707O83893 | NOT_DIGITS",
            "7707-083893 | NOT_DIGITS",
            "770708389 | WRONG_LENGTH",
            "77070838931 | WRONG_LENGTH",
            "7707083893123 | WRONG_LENGTH",
            "0000000000 | ALL_ZEROS",
            "000000000000 | ALL_ZEROS",
            "7707083894 | CHECK_DIGIT",
            "500100732258 | CHECK_DIGIT",
            "500100732249 | CHECK_DIGIT"})
    void refusesAndSaysWhy(String text, Problem expected) {
        assertThat(Inn.check(text)).contains(expected);
        assertThatThrownBy(() -> Inn.parse(text))
                .isInstanceOf(Inn.InvalidInnException.class)
                .hasMessage(expected.message())
                .satisfies(e -> assertThat(((Inn.InvalidInnException) e).problem()).isEqualTo(expected));
    }

    @Test
    void everyRefusalExplainsItselfInRussian() {
        for (Problem problem : Problem.values()) {
            assertThat(problem.message()).matches(".*\\p{IsCyrillic}.*").contains("ИНН");
        }
    }

    @Test
    void eleventhDigitOfATwelveDigitNumberIsCheckedToo() {
        // 500100732259 is valid; changing only the 11th digit must break the first check sum
        assertThat(Inn.isValid("500100732259")).isTrue();
        assertThat(Inn.isValid("500100732269")).isFalse();
    }

    @Test
    void knowsOrganisationsFromIndividuals() {
        assertThat(Inn.parse("7707083893").isOrganisation()).isTrue();
        assertThat(Inn.parse("500100732259").isOrganisation()).isFalse();
    }

    @Test
    void masksForLogs() {
        assertThat(Inn.parse("7707083893").masked()).isEqualTo("******3893");
        assertThat(Inn.parse("7707083893").toString()).doesNotContain("770708");
        assertThat(Inn.mask("user@example.com")).isEqualTo("************.com");
        assertThat(Inn.mask(null)).isEqualTo("null");
    }

    @Test
    void equalsByDigits() {
        assertThat(Inn.parse("7707083893")).isEqualTo(Inn.parse(" 7707083893")).hasSameHashCodeAs(Inn.parse("7707083893"));
        assertThat(Inn.parse("7707083893")).isNotEqualTo(Inn.parse("7736207543"));
    }
}
