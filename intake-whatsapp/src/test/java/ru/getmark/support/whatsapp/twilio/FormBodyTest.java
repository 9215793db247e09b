package ru.getmark.support.whatsapp.twilio;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FormBodyTest {

    @Test
    void decodesWhatTwilioPosts() {
        Map<String, String> form = FormBody.parse("Body=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82+%26+%3D&"
                + "From=whatsapp%3A%2B79161234567&NumMedia=0&Empty=&Flag&Body=second");
        assertThat(form).containsEntry("Body", "Привет & =").containsEntry("From", "whatsapp:+79161234567")
                .containsEntry("NumMedia", "0").containsEntry("Empty", "").containsEntry("Flag", "");
        assertThat(FormBody.parse("")).isEmpty();
        assertThat(FormBody.parse(null)).isEmpty();
    }

    @Test
    void fileNamesOfContentDisposition() {
        assertThat(MediaFetcher.fileName("attachment; filename=\"report.pdf\"")).hasValue("report.pdf");
        assertThat(MediaFetcher.fileName("inline; filename*=UTF-8''"
                + "%D0%BD%D0%B0%D0%BA%D0%BB%D0%B0%D0%B4%D0%BD%D0%B0%D1%8F.pdf"))
                .hasValue("накладная.pdf");
        assertThat(MediaFetcher.fileName("inline")).isEmpty();
    }
}
