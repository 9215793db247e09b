package ru.getmark.support.whatsapp.domain;

import org.junit.jupiter.api.Test;
import ru.getmark.support.common.dialog.ChatButton;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WhatsAppRendererTest {

    private static final String QR2 = "HX22222222222222222222222222222222";
    private static final String NOTICE = "HX99999999999999999999999999999999";
    private final WhatsAppRenderer plain = new WhatsAppRenderer(n -> Optional.empty());
    private final WhatsAppRenderer withTemplates = new WhatsAppRenderer(n -> n == 2 ? Optional.of(QR2)
            : Optional.empty());

    private static final List<ChatButton> TWO = List.of(new ChatButton("Проблема решена", "c:T-1"),
            new ChatButton("Не решена", "r:T-1"));

    @Test
    void choicesAreNumberedUnderTheText() {
        WhatsAppRenderer.Rendered r = plain.render("Выберите тип Обращения.", TWO, List.of());
        assertThat(r.parts()).singleElement().satisfies(p -> {
            assertThat(p.isTemplate()).isFalse();
            assertThat(p.body()).isEqualTo("Выберите тип Обращения.\n\n1. Проблема решена\n2. Не решена\n\n"
                    + WhatsAppRenderer.HINT);
        });
        assertThat(r.choices()).isEqualTo(TWO);
    }

    @Test
    void linksAreWrittenOut() {
        WhatsAppRenderer.Rendered r = plain.render("Решение готово.", List.of(),
                List.of(new WhatsAppRenderer.Link("Открыть обращение", "https://s.getmark.test/t/1")));
        assertThat(r.parts().get(0).body())
                .isEqualTo("Решение готово.\n\nОткрыть обращение: https://s.getmark.test/t/1");
        assertThat(r.choices()).isEmpty();
    }

    @Test
    void longTextIsSplitAtTwilios1600WithTheChoicesLast() {
        String paragraph = "Слово ".repeat(200).strip();
        String text = paragraph + "\n\n" + paragraph + "\n\n" + paragraph;
        WhatsAppRenderer.Rendered r = plain.render(text, TWO, List.of());
        assertThat(r.parts()).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p.body().length()).isLessThanOrEqualTo(WhatsAppRenderer.MAX_BODY));
        assertThat(r.parts().get(r.parts().size() - 1).body()).endsWith(WhatsAppRenderer.HINT).contains("2. Не решена");
        String joined = String.join(" ", r.parts().stream().map(OutboundPart::body).toList());
        assertThat(joined.replaceAll("\\s+", " ")).contains(paragraph);
    }

    @Test
    void quickReplyTemplateWhenConfiguredForThatManyShortChoices() {
        WhatsAppRenderer.Rendered r = withTemplates.render("Подтвердите решение.", TWO, List.of());
        assertThat(r.parts()).singleElement().satisfies(p -> {
            assertThat(p.contentSid()).isEqualTo(QR2);
            assertThat(p.variables()).containsExactlyInAnyOrderEntriesOf(Map.of("1", "Подтвердите решение.",
                    "2", "Проблема решена", "3", "c:T-1", "4", "Не решена", "5", "r:T-1"));
        });
        // three choices: no template for three, numbered text
        List<ChatButton> three = List.of(new ChatButton("a", "1"), new ChatButton("b", "2"),
                new ChatButton("c", "3"));
        assertThat(withTemplates.render("?", three, List.of()).parts().get(0).isTemplate()).isFalse();
        // a title over WhatsApp's 20 characters: numbered text
        List<ChatButton> longTitle = List.of(new ChatButton("Очень длинная подпись кнопки", "x"),
                new ChatButton("b", "y"));
        assertThat(withTemplates.render("?", longTitle, List.of()).parts().get(0).isTemplate()).isFalse();
    }

    @Test
    void outsideTheWindowTheNoticeTemplateGetsOneLine() {
        WhatsAppRenderer.Rendered r = plain.outsideWindow(NOTICE, "Здравствуйте, Анна!\n\nПо Обращению № T-1\tготово.",
                TWO, List.of(new WhatsAppRenderer.Link("Открыть", "https://x/t/1")), "T-1");
        OutboundPart p = r.parts().get(0);
        assertThat(p.contentSid()).isEqualTo(NOTICE);
        assertThat(p.variables().get("1")).doesNotContain("\n").doesNotContain("\t").doesNotContain("  ")
                .startsWith("Здравствуйте, Анна! По Обращению № T-1 готово.")
                .contains("1 — Проблема решена; 2 — Не решена").endsWith("Открыть: https://x/t/1");
        assertThat(p.variables().get("2")).isEqualTo("T-1");
        assertThat(r.choices()).isEqualTo(TWO);
    }

    @Test
    void templateTextIsCut() {
        String cut = WhatsAppRenderer.oneLine("я".repeat(2000), WhatsAppRenderer.MAX_TEMPLATE_TEXT);
        assertThat(cut).hasSize(WhatsAppRenderer.MAX_TEMPLATE_TEXT).endsWith("…");
    }
}
