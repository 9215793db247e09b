package ru.getmark.support.common.dialog;

import ru.getmark.support.common.event.ChannelAction;

import java.util.Optional;

/**
 * The buttons under chat notices (R11, R12). The notifier publishes {@link ChannelAction}s with the notice's ticket
 * number; the adapter renders each with {@link #button(ChannelAction, String)} and feeds a pressed one back to
 * {@link ChatDialogue#handle} as {@link ChatInput.Button}. Data format: {@code c:<ticket>} confirm the solution,
 * {@code r:<ticket>} reject it, {@code a:<ticket>} answer an information request.
 */
public final class NoticeButtons {

    public static final String CONFIRM = "c:";
    public static final String REJECT = "r:";
    public static final String ANSWER = "a:";

    private NoticeButtons() {
    }

    /**
     * The chat button for a notice action; empty for {@link ChannelAction#OPEN_URL} (a link button the adapter renders
     * itself) and for unknown codes.
     */
    public static Optional<ChatButton> button(ChannelAction action, String ticketNumber) {
        if (action == null || ticketNumber == null) {
            return Optional.empty();
        }
        String prefix = switch (action.code()) {
            case ChannelAction.CONFIRM_SOLUTION -> CONFIRM;
            case ChannelAction.REJECT_SOLUTION -> REJECT;
            case ChannelAction.ANSWER -> ANSWER;
            default -> null;
        };
        return prefix == null ? Optional.empty() : Optional.of(new ChatButton(action.label(), prefix + ticketNumber));
    }

    /** The data of a notice button: {@code c:1042}, {@code r:1042}, {@code a:1042}. */
    public static String data(String actionCode, String ticketNumber) {
        return switch (actionCode) {
            case ChannelAction.CONFIRM_SOLUTION -> CONFIRM + ticketNumber;
            case ChannelAction.REJECT_SOLUTION -> REJECT + ticketNumber;
            case ChannelAction.ANSWER -> ANSWER + ticketNumber;
            default -> throw new IllegalArgumentException("not a chat action: " + actionCode);
        };
    }
}
