package ru.getmark.support.whatsapp.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

    @Test
    void neverTheWholeNumber() {
        assertThat(Masking.waId("79161234567")).isEqualTo("wa:***4567").doesNotContain("7916123");
        assertThat(Masking.waId(null)).isEqualTo("wa:?");
    }
}
