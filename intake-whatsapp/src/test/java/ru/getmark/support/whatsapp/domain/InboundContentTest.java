package ru.getmark.support.whatsapp.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.dialog.ChatButton;
import ru.getmark.support.common.dialog.ChatInput;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InboundContentTest {

    private static final List<ChatButton> NOTICE = List.of(new ChatButton("Проблема решена", "c:T-1"),
            new ChatButton("Не решена", "r:T-1"));
    private static final List<ChatButton> DIALOGUE = List.of(new ChatButton("Консультация", "t:consultation"),
            new ChatButton("Ошибка ПО", "t:software_bug"));

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new HashMap<>(Map.of("MessageSid", "SM0123456789abcdef0123456789abcdef",
                "WaId", "79161234567", "From", "whatsapp:+79161234567", "ProfileName", "Анна", "NumMedia", "0"));
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static InboundContent of(Map<String, String> form, List<ChatButton> shown, boolean answering) {
        return InboundContent.of(WhatsAppInbound.parse(form).orElseThrow(), shown, answering);
    }

    private static ChatInput input(InboundContent content) {
        assertThat(content).isInstanceOf(InboundContent.Ready.class);
        return ((InboundContent.Ready) content).input();
    }

    @Test
    void parsesTheFieldsTwilioPosts() {
        WhatsAppInbound in = WhatsAppInbound.parse(form("Body", "Здравствуйте", "MessageType", "text")).orElseThrow();
        assertThat(in.messageSid()).isEqualTo("SM0123456789abcdef0123456789abcdef");
        assertThat(in.waId()).isEqualTo("79161234567");
        assertThat(in.profileName()).isEqualTo("Анна");
        assertThat(in.messageType()).isEqualTo("text");
    }

    @Test
    void takesTheSenderFromFromWhenWaIdIsMissing() {
        Map<String, String> form = form();
        form.remove("WaId");
        assertThat(WhatsAppInbound.parse(form).orElseThrow().waId()).isEqualTo("79161234567");
        form.put("From", "whatsapp:not-a-number");
        assertThat(WhatsAppInbound.parse(form)).isEmpty();
    }

    @Test
    void withoutMessageSidThereIsNoMessage() {
        Map<String, String> form = form();
        form.remove("MessageSid");
        assertThat(WhatsAppInbound.parse(form)).isEmpty();
        form.put("MessageSid", "SM../../etc");
        assertThat(WhatsAppInbound.parse(form)).isEmpty();
    }

    @Test
    void plainTextIsText() {
        assertThat(input(of(form("Body", "Не печатается этикетка"), List.of(), false)))
                .isEqualTo(new ChatInput.Text("Не печатается этикетка"));
    }

    @Test
    @DisplayName("R12: a digit or the words of a notice choice press the notice button")
    void digitOrWordsAnswerANotice() {
        assertThat(input(of(form("Body", "1"), NOTICE, false))).isEqualTo(new ChatInput.Button("c:T-1"));
        assertThat(input(of(form("Body", " 2. "), NOTICE, true))).isEqualTo(new ChatInput.Button("r:T-1"));
        assertThat(input(of(form("Body", "не решена"), NOTICE, false))).isEqualTo(new ChatInput.Button("r:T-1"));
        assertThat(input(of(form("Body", "проблема решена!"), NOTICE, false)))
                .isEqualTo(new ChatInput.Button("c:T-1"));
        assertThat(input(of(form("Body", "3"), NOTICE, false))).isEqualTo(new ChatInput.Text("3"));
    }

    @Test
    @DisplayName("R11: while answering an information request, a number is the answer, not a choice")
    void digitsAreAnAnswerWhileAnswering() {
        assertThat(input(of(form("Body", "2"), DIALOGUE, true))).isEqualTo(new ChatInput.Text("2"));
        assertThat(input(of(form("Body", "2"), DIALOGUE, false))).isEqualTo(new ChatInput.Button("t:software_bug"));
        // labels of the dialogue's own step are the engine's to read
        assertThat(input(of(form("Body", "Ошибка ПО"), DIALOGUE, false))).isEqualTo(new ChatInput.Text("Ошибка ПО"));
    }

    @Test
    void quickReplyPressIsAButton() {
        assertThat(input(of(form("MessageType", "button", "ButtonText", "Проблема решена", "ButtonPayload", "c:T-1",
                "Body", "Проблема решена"), NOTICE, false))).isEqualTo(new ChatInput.Button("c:T-1"));
        // a template whose buttons carry fixed ids: the title tells which choice was meant
        assertThat(input(of(form("MessageType", "button", "ButtonText", "Не решена", "ButtonPayload", "no",
                "Body", "Не решена"), NOTICE, false))).isEqualTo(new ChatInput.Button("r:T-1"));
    }

    @Test
    void mediaAreFilesToFetchWithTheirCaption() {
        InboundContent content = of(form("NumMedia", "2", "MessageType", "image",
                "MediaUrl0", "https://api.twilio.com/x/Media/ME1", "MediaContentType0", "image/jpeg",
                "MediaUrl1", "https://api.twilio.com/x/Media/ME2", "Body", "скриншот ошибки"), List.of(), false);
        assertThat(content).isInstanceOf(InboundContent.Files.class);
        InboundContent.Files files = (InboundContent.Files) content;
        assertThat(files.media()).extracting(WhatsAppInbound.Media::contentType)
                .containsExactly("image/jpeg", "application/octet-stream");
        assertThat(files.caption()).isEqualTo("скриншот ошибки");
    }

    @Test
    @DisplayName("R3: kinds the dialogue cannot use get the engine's helpful answers")
    void unsupportedKinds() {
        assertThat(input(of(form("MessageType", "location", "Latitude", "55.7", "Longitude", "37.6"), List.of(),
                false))).isEqualTo(new ChatInput.Unsupported(ChatInput.Unsupported.LOCATION));
        assertThat(input(of(form("MessageType", "audio", "NumMedia", "1", "MediaUrl0", "https://x/ME",
                "MediaContentType0", "audio/ogg"), List.of(), false)))
                .isEqualTo(new ChatInput.Unsupported(ChatInput.Unsupported.VOICE));
        assertThat(input(of(form("NumMedia", "1", "MediaUrl0", "https://x/ME", "MediaContentType0", "audio/mpeg"),
                List.of(), false))).isEqualTo(new ChatInput.Unsupported(ChatInput.Unsupported.AUDIO));
        assertThat(input(of(form("MessageType", "sticker", "NumMedia", "1", "MediaUrl0", "https://x/ME",
                "MediaContentType0", "image/webp"), List.of(), false)))
                .isEqualTo(new ChatInput.Unsupported(ChatInput.Unsupported.STICKER));
        assertThat(input(of(form("MessageType", "contacts"), List.of(), false)))
                .isEqualTo(new ChatInput.Unsupported(ChatInput.Unsupported.CONTACT));
        assertThat(input(of(form("Body", "  "), List.of(), false))).isEqualTo(new ChatInput.Unsupported("other"));
        assertThat(of(form("MessageType", "reaction"), List.of(), false)).isInstanceOf(InboundContent.Ignored.class);
    }
}
