package ru.getmark.support.adapter.attachment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttachmentDownloadsTest {

    @Test
    void anAsciiFallbackNameForOldClients() {
        assertThat(AttachmentDownloads.asciiName("скрин 1.png")).isEqualTo("_____ 1.png");
        assertThat(AttachmentDownloads.asciiName("a\"b\\c.txt")).isEqualTo("a_b_c.txt");
        assertThat(AttachmentDownloads.asciiName("   ")).isEqualTo("attachment");
    }

    @Test
    void alwaysADownloadWithTheExactNameEncoded() {
        assertThat(AttachmentDownloads.contentDisposition("скрин 1.png"))
                .isEqualTo("attachment; filename=\"_____ 1.png\"; "
                        + "filename*=UTF-8''%D1%81%D0%BA%D1%80%D0%B8%D0%BD%201.png");
    }
}
