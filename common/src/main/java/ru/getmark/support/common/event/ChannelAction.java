package ru.getmark.support.common.event;

/**
 * A button under a chat notice. The adapter renders it in its channel's means (Telegram: an inline button; WhatsApp:
 * a numbered choice) and, when pressed, acts on the ticket it belongs to.
 *
 * @param code  what pressing it does: {@link #CONFIRM_SOLUTION}, {@link #REJECT_SOLUTION}, {@link #ANSWER} or
 *              {@link #OPEN_URL}
 * @param label the Russian text on the button
 * @param url   the link to open, for {@link #OPEN_URL} only
 */
public record ChannelAction(String code, String label, String url) {

    /** The customer confirms the solution (R12): the adapter publishes a CONFIRMATION intake message. */
    public static final String CONFIRM_SOLUTION = "confirm_solution";
    /** The customer says the solution did not help (R12): a FOLLOW_UP intake message that reopens the ticket. */
    public static final String REJECT_SOLUTION = "reject_solution";
    /** The customer answers an information request (R11): the next text in the chat is a FOLLOW_UP of the ticket. */
    public static final String ANSWER = "answer";
    /** Opens {@code url} (the ticket's confirmation page, the staff console for the duty chat). */
    public static final String OPEN_URL = "open_url";

    public static ChannelAction of(String code, String label) {
        return new ChannelAction(code, label, null);
    }

    public static ChannelAction link(String label, String url) {
        return new ChannelAction(OPEN_URL, label, url);
    }
}
