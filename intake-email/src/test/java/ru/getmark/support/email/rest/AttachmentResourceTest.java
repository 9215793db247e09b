package ru.getmark.support.email.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttachmentResourceTest {

    @Test
    void anAsciiFallbackNameForOldClients() {
        assertThat(AttachmentResource.asciiName("скрин 1.png")).isEqualTo("_____ 1.png");
        assertThat(AttachmentResource.asciiName("a\"b\\c.txt")).isEqualTo("a_b_c.txt");
        assertThat(AttachmentResource.asciiName("   ")).isEqualTo("attachment");
    }
}
