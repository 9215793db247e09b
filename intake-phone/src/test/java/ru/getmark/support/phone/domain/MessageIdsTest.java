package ru.getmark.support.phone.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTest {

    @Test
    @DisplayName("R5: the same operator and Idempotency-Key give the same message id")
    void deterministicForAKey() {
        assertThat(MessageIds.forIdempotencyKey("operator", "k-1"))
                .isEqualTo(MessageIds.forIdempotencyKey("operator", "k-1"))
                .startsWith(MessageIds.PREFIX);
    }

    @Test
    void differentKeysOrOperatorsGiveDifferentIds() {
        assertThat(MessageIds.forIdempotencyKey("operator", "k-1"))
                .isNotEqualTo(MessageIds.forIdempotencyKey("operator", "k-2"))
                .isNotEqualTo(MessageIds.forIdempotencyKey("admin", "k-1"));
    }

    @Test
    void withoutAKeyEveryCallIsNew() {
        assertThat(MessageIds.random()).isNotEqualTo(MessageIds.random()).startsWith(MessageIds.PREFIX);
    }
}
