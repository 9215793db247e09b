package ru.getmark.support.common.dialog;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ru.getmark.support.common.dialog.DialogueState.Step;
import ru.getmark.support.common.event.ChannelAction;
import ru.getmark.support.common.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Unexpected input at every step: a helpful answer, the step repeated, nothing published, never an exception. */
class ChatDialogueRobustnessTest {

    static final List<String> POSITIONS = List.of("IDLE", "PENDING", "ANSWERING", "INN", "EMAIL", "NAME", "TYPE",
            "PROCESS", "DESCRIPTION", "IMPACT", "ATTACHMENTS", "SUMMARY", "EDIT", "EDITING_NAME", "REMEMBERED_INN");

    static final List<String> UNSUPPORTED = List.of(ChatInput.Unsupported.STICKER, ChatInput.Unsupported.VOICE,
            ChatInput.Unsupported.VIDEO_NOTE, ChatInput.Unsupported.AUDIO, ChatInput.Unsupported.VIDEO,
            ChatInput.Unsupported.LOCATION, ChatInput.Unsupported.CONTACT, ChatInput.Unsupported.POLL,
            ChatInput.Unsupported.FORWARDED, ChatInput.Unsupported.EDITED, ChatInput.Unsupported.FILE_TOO_LARGE,
            "dice", "");

    /** A chat at a position of the dialogue, with one open ticket awaiting an answer. */
    static Chat at(String position) {
        Chat chat = new Chat().withTickets(Fixtures.awaitingAnswer("1042"));
        switch (position) {
            case "IDLE" -> {
            }
            case "PENDING" -> chat.text("сообщение вне диалога");
            case "ANSWERING" -> chat.press("a:1042");
            case "EDITING_NAME" -> {
                chat.upTo(Step.EDIT);
                chat.press("e:name");
            }
            case "REMEMBERED_INN" -> {
                chat.upTo(Step.SUMMARY);
                chat.press("send");
                chat.published.clear();
                chat.command("/new");
            }
            default -> chat.upTo(Step.valueOf(position));
        }
        return chat;
    }

    static Stream<Arguments> unsupportedAtEveryStep() {
        List<Arguments> args = new ArrayList<>();
        for (String p : POSITIONS) {
            for (String k : UNSUPPORTED) {
                args.add(Arguments.of(p, k));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("unsupportedAtEveryStep")
    @DisplayName("R3: unsupported input at every step gets a helpful answer and the step again")
    void r3_unsupportedAtEveryStep(String position, String kind) {
        Chat chat = at(position);
        DialogueState before = chat.state;
        BotMessage prompt = Chat.DIALOGUE.currentPrompt(before, chat.context).orElse(null);
        chat.send(new ChatInput.Unsupported(kind));
        assertThat(chat.state).isEqualTo(before);
        assertThat(chat.last.submissions()).isEmpty();
        assertThat(chat.last.messages().get(0).text()).isNotBlank();
        if (prompt != null) {
            assertThat(chat.lastMessage()).as("the step is asked again").isEqualTo(prompt);
        }
        String first = chat.last.messages().get(0).text();
        switch (kind) {
            case ChatInput.Unsupported.STICKER -> assertThat(first).contains("стикер");
            case ChatInput.Unsupported.VOICE -> assertThat(first).contains("текстом");
            case ChatInput.Unsupported.FORWARDED -> assertThat(first).contains("Пересланные");
            case ChatInput.Unsupported.EDITED -> assertThat(first).contains("новым сообщением");
            case ChatInput.Unsupported.LOCATION -> assertThat(first).contains("Геопозиция");
            case ChatInput.Unsupported.FILE_TOO_LARGE -> assertThat(first).contains("слишком большой");
            default -> {
            }
        }
    }

    static Stream<Arguments> oldButtonsAtEveryStep() {
        List<String> buttons = List.of("t:CONSULTATION", "p:labels.print", "i:NO_EFFECT", "send", "edit",
                "e:inn", "done", "skip", "use", "keep", "f:1042", "fn", "back", "clear", "adone", "zzz", "",
                "t:NOPE", "i:", "p#99", "p#x", "e:nothing", "f:");
        List<Arguments> args = new ArrayList<>();
        for (String p : POSITIONS) {
            for (String b : buttons) {
                args.add(Arguments.of(p, b));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("oldButtonsAtEveryStep")
    @DisplayName("R3: a button from an old message never breaks the dialogue")
    void r3_oldButtonsAtEveryStep(String position, String data) {
        Chat chat = at(position);
        DialogueState before = chat.state;
        BotMessage prompt = Chat.DIALOGUE.currentPrompt(before, chat.context).orElse(null);
        boolean valid = prompt != null && prompt.buttons().stream().anyMatch(b -> b.data().equals(data));
        chat.press(data);
        if (!valid && !(position.equals("ANSWERING") && data.equals("adone"))
                && !(position.startsWith("EDITING") && data.equals("back"))) {
            assertThat(chat.allText()).contains(ChatDialogue.OLD_BUTTON);
            assertThat(chat.state).isEqualTo(before);
            assertThat(chat.last.submissions()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positions")
    @DisplayName("R3: a very long text at every step is answered, never truncated silently into a request")
    void r3_longTextAtEveryStep(String position) {
        Chat chat = at(position);
        chat.text("а".repeat(10_000));
        assertThat(chat.last.messages()).isNotEmpty();
        if (!position.equals("ANSWERING") && !position.equals("IDLE") && !position.equals("PENDING")) {
            assertThat(chat.last.submissions()).isEmpty();
            assertThat(chat.state.draft().description() == null
                    || chat.state.draft().description().length() <= ChatDialogue.DESCRIPTION_MAX).isTrue();
        }
    }

    static Stream<String> positions() {
        return POSITIONS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positions")
    @DisplayName("R5: the state at every step survives JSON storage and the dialogue goes on from it")
    void r5_restartAtEveryStep(String position) {
        Chat chat = at(position);
        String json = Json.toJson(chat.state);
        DialogueState restored = Json.fromJson(json, DialogueState.class);
        assertThat(restored).isEqualTo(chat.state);
        assertThat(Chat.DIALOGUE.currentPrompt(restored, chat.context))
                .isEqualTo(Chat.DIALOGUE.currentPrompt(chat.state, chat.context));
        Turn a = Chat.DIALOGUE.handle(chat.state, new ChatInput.Text("Продолжение 12345"), chat.context);
        Turn b = Chat.DIALOGUE.handle(restored, new ChatInput.Text("Продолжение 12345"), chat.context);
        assertThat(b).isEqualTo(a);
    }

    @Test
    @DisplayName("every notice button fits Telegram's 64-byte callback data, even for long ticket numbers")
    void noticeButtonsFit() {
        for (String code : List.of(ChannelAction.CONFIRM_SOLUTION, ChannelAction.REJECT_SOLUTION,
                ChannelAction.ANSWER)) {
            ChatButton b = NoticeButtons.button(ChannelAction.of(code, "x"), "9".repeat(60)).orElseThrow();
            assertThat(b.data().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        }
        assertThat(NoticeButtons.button(ChannelAction.link("Открыть", "https://x"), "1042")).isEmpty();
        assertThat(NoticeButtons.data(ChannelAction.ANSWER, "1042")).isEqualTo("a:1042");
    }

    @Test
    @DisplayName("R1 R3 R4 R11 R12: 20 000 random inputs never throw, always answer, keep every limit")
    void randomInputs() {
        Random random = new Random(42);
        List<ChatInput> pool = List.of(new ChatInput.Command("/new"), new ChatInput.Command("/cancel"),
                new ChatInput.Command("/status"), new ChatInput.Command("/start"), new ChatInput.Command("/x"),
                new ChatInput.Text(Fixtures.INN), new ChatInput.Text("1"), new ChatInput.Text("3"),
                new ChatInput.Text("buh@romashka.ru"), new ChatInput.Text("Описание проблемы с печатью"),
                new ChatInput.Text("отмена"), new ChatInput.Text("готово"), new ChatInput.Text("x".repeat(5000)),
                new ChatInput.Text(""), new ChatInput.Text(null), new ChatInput.Button(null),
                new ChatInput.Command(null), new ChatInput.File(null), new ChatInput.Unsupported(null),
                new ChatInput.File(Chat.file("a.png", 1), "подпись к файлу"),
                new ChatInput.Unsupported(ChatInput.Unsupported.STICKER),
                new ChatInput.Button("c:1042"), new ChatInput.Button("r:1042"), new ChatInput.Button("a:1042"),
                new ChatInput.Button("a:1"), new ChatInput.Button("f:1042"));
        Chat chat = new Chat().withTickets(Fixtures.awaitingConfirmation("1042"), Fixtures.awaitingAnswer("1"));
        for (int i = 0; i < 20_000; i++) {
            ChatInput input;
            List<ChatButton> offered = chat.last == null ? List.of() : chat.lastMessage().buttons();
            if (!offered.isEmpty() && random.nextInt(3) > 0) {
                input = new ChatInput.Button(offered.get(random.nextInt(offered.size())).data());
            } else {
                input = pool.get(random.nextInt(pool.size()));
            }
            chat.send(input);
            assertThat(chat.allText()).doesNotContain("Что-то пошло не так");
        }
        assertThat(chat.published).extracting(Submission::kind).contains(Submission.Kind.NEW_REQUEST,
                Submission.Kind.FOLLOW_UP, Submission.Kind.CONFIRMATION, Submission.Kind.REJECTION);
        for (Submission s : chat.published) {
            if (s.kind() == Submission.Kind.NEW_REQUEST) {
                assertThat(s.inn()).isEqualTo(Fixtures.INN);
                assertThat(s.text().length()).isBetween(ChatDialogue.DESCRIPTION_MIN, ChatDialogue.DESCRIPTION_MAX);
                assertThat(s.type()).isNotNull();
                assertThat(s.process()).isNotNull();
                assertThat(s.impact()).isNotNull();
            } else {
                assertThat(s.ticketNumber()).isIn("1042", "1");
            }
        }
    }
}
