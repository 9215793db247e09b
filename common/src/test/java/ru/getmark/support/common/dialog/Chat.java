package ru.getmark.support.common.dialog;

import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.common.process.ProcessDirectory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test chat: feeds inputs to the engine and, after every turn, stores the state as JSON and reads it back (as the
 * adapter does, so every test is a restart test) and checks the invariants every turn must keep.
 */
final class Chat {

    static final Instant NOW = Instant.parse("2026-12-07T09:30:00Z");
    static final ChatDialogue DIALOGUE = new ChatDialogue(ProcessDirectory.builtIn());

    DialogueState state = DialogueState.initial();
    DialogueContext context = DialogueContext.of(NOW);
    Turn last;
    final List<Submission> published = new ArrayList<>();

    Chat withTickets(DialogueContext.OpenTicket... tickets) {
        context = DialogueContext.of(NOW, tickets);
        return this;
    }

    Turn send(ChatInput input) {
        last = DIALOGUE.handle(state, input, context);
        check(last);
        String json = Json.toJson(last.state());
        DialogueState restored = Json.fromJson(json, DialogueState.class);
        assertThat(restored).as("state JSON round trip: %s", json).isEqualTo(last.state());
        state = restored;
        published.addAll(last.submissions());
        return last;
    }

    Turn text(String text) {
        return send(new ChatInput.Text(text));
    }

    Turn command(String name) {
        return send(new ChatInput.Command(name));
    }

    Turn press(String data) {
        return send(new ChatInput.Button(data));
    }

    Turn file(String name) {
        return send(new ChatInput.File(file(name, 1)));
    }

    static AttachmentRef file(String name, int n) {
        return new AttachmentRef(name, "image/png", 1000 + n, "ab".repeat(32),
                "http://intake-telegram/attachments/" + n);
    }

    /** Presses the button whose label is exactly {@code label} in the last turn's messages. */
    Turn pressLabel(String label) {
        return press(buttonData(label));
    }

    String buttonData(String label) {
        return last.messages().stream().flatMap(m -> m.buttons().stream()).filter(b -> b.label().equals(label))
                .map(ChatButton::data).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no button «" + label + "» in " + last.messages()));
    }

    List<String> labels() {
        return lastMessage().buttons().stream().map(ChatButton::label).toList();
    }

    BotMessage lastMessage() {
        return last.messages().get(last.messages().size() - 1);
    }

    String allText() {
        return String.join("\n", last.messages().stream().map(BotMessage::text).toList());
    }

    DialogueState.Step step() {
        return state.step();
    }

    static void check(Turn turn) {
        assertThat(turn.messages()).as("a turn always answers").isNotEmpty();
        for (BotMessage m : turn.messages()) {
            assertThat(m.text()).isNotBlank();
            assertThat(m.text().length()).isLessThanOrEqualTo(BotMessage.MAX_TEXT);
            for (ChatButton b : m.buttons()) {
                assertThat(b.data().getBytes(StandardCharsets.UTF_8).length)
                        .as("callback data %s", b.data()).isLessThanOrEqualTo(ChatButton.MAX_DATA_BYTES);
                assertThat(b.label()).isNotBlank();
            }
        }
    }

    /** Runs /new up to the given step with valid answers. */
    Chat upTo(DialogueState.Step target) {
        command("/new");
        return upToStep(target);
    }

    Chat upToSummaryFromHere() {
        return upToStep(DialogueState.Step.SUMMARY);
    }

    /** Answers the steps from the current one up to the given step with valid answers. */
    Chat upToStep(DialogueState.Step target) {
        for (DialogueState.Step s = step(); s != target; s = step()) {
            switch (s) {
                case INN -> text(Fixtures.INN);
                case EMAIL -> text("buh@romashka.ru");
                case NAME -> text("ООО «Ромашка»");
                case TYPE -> press("t:SOFTWARE_BUG");
                case PROCESS -> press("p:labels.print");
                case DESCRIPTION -> text("Не печатаются этикетки на принтере Zebra, ошибка 42");
                case IMPACT -> press("i:STOPS_OPERATIONS");
                case ATTACHMENTS -> press("done");
                case SUMMARY -> press("edit");
                default -> throw new AssertionError("cannot reach " + target + " from " + s);
            }
        }
        return this;
    }
}
