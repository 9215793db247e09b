package ru.getmark.support.email.service;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("R5: an email's messageId comes from its Message-ID, else from its bytes")
class MessageIdsTest {

    static final String SHA = "a".repeat(64);

    @Test
    void messageIdWithoutAngleBrackets() {
        assertThat(MessageIds.of("<CAF=x7@mail.gmail.com>", SHA)).isEqualTo("email:CAF=x7@mail.gmail.com");
        assertThat(MessageIds.of("  <abc@host>  ", SHA)).isEqualTo("email:abc@host");
        assertThat(MessageIds.of("abc@host", SHA)).isEqualTo("email:abc@host");
    }

    @Test
    void noMessageIdMeansTheContentHash() {
        assertThat(MessageIds.of(null, SHA)).isEqualTo("email:sha256:" + SHA);
        assertThat(MessageIds.of("  ", SHA)).isEqualTo("email:sha256:" + SHA);
        assertThat(MessageIds.of("<>", SHA)).isEqualTo("email:sha256:" + SHA);
        assertThat(MessageIds.of("<a\u0001b@x>", SHA)).as("control characters").isEqualTo("email:sha256:" + SHA);
    }

    @Test
    void aVeryLongMessageIdIsHashedAndStaysStableAndWithinTheContract() {
        String longId = "<" + "x".repeat(1000) + "@example.com>";
        String id = MessageIds.of(longId, SHA);
        assertThat(id).startsWith("email:sha256:").hasSize("email:sha256:".length() + 64)
                .isEqualTo(MessageIds.of(longId, "b".repeat(64)));
        assertThat(id).isNotEqualTo("email:sha256:" + SHA);
        String atLimit = "<" + "y".repeat(MessageIds.MAX_MESSAGE_ID) + ">";
        assertThat(MessageIds.of(atLimit, SHA)).hasSize("email:".length() + MessageIds.MAX_MESSAGE_ID);
    }
}
