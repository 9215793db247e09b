package ru.getmark.support.whatsapp.domain;

import ru.getmark.support.common.dialog.ChatButton;
import ru.getmark.support.common.dialog.NoticeButtons;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * WhatsApp has no inline keyboard: choices are shown numbered ("1. Проблема решена") and the customer answers with the
 * digit or the words. The adapter remembers the choices of the last message it showed and reads an answer back as the
 * button press. The dialogue engine itself understands digits and labels of its own current step; the adapter adds
 * what the engine cannot know: the buttons of chat notices (confirm / reject / answer), and digits at every step whose
 * own text answers can never be one or two digits (the greeting, the ИНН with a "use the saved one" choice, the files).
 * While the customer is answering an information request every text is their answer: a "2" there means 2.
 */
public final class Choices {

    private Choices() {
    }

    /**
     * The button a text presses, if it names one of {@code shown}.
     *
     * @param text      what the customer wrote
     * @param shown     the choices of the last message shown, in their numbered order
     * @param answering whether the customer is answering an information request (their text is the answer)
     */
    public static Optional<String> pressed(String text, List<ChatButton> shown, boolean answering) {
        if (text == null || shown == null || shown.isEmpty()) {
            return Optional.empty();
        }
        String t = text.strip();
        boolean notice = shown.stream().anyMatch(Choices::isNoticeButton);
        if (t.matches("\\d{1,2}[.)]?") && (notice || !answering)) {
            int n = Integer.parseInt(t.replaceAll("[.)]", ""));
            if (n >= 1 && n <= shown.size()) {
                return Optional.of(shown.get(n - 1).data());
            }
            return Optional.empty();
        }
        if (notice) {
            String wanted = simplify(t);
            for (ChatButton b : shown) {
                if (isNoticeButton(b) && simplify(b.label()).equals(wanted)) {
                    return Optional.of(b.data());
                }
            }
        }
        return Optional.empty();
    }

    /** The data of the shown choice titled {@code title} (a quick reply pressed), if any. */
    public static Optional<String> byLabel(String title, List<ChatButton> shown) {
        if (title == null || shown == null) {
            return Optional.empty();
        }
        String wanted = simplify(title);
        return shown.stream().filter(b -> simplify(b.label()).equals(wanted)).map(ChatButton::data).findFirst();
    }

    static boolean isNoticeButton(ChatButton b) {
        String d = b.data();
        return d.startsWith(NoticeButtons.CONFIRM) || d.startsWith(NoticeButtons.REJECT)
                || d.startsWith(NoticeButtons.ANSWER);
    }

    /** As the engine compares labels: case, ё/е, quotes and final dots do not matter. */
    static String simplify(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replace('ё', 'е').replaceAll("[«»\"'.!]", "")
                .replaceAll("\\s+", " ");
    }
}
