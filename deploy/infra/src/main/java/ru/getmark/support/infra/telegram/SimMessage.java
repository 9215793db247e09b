package ru.getmark.support.infra.telegram;

import java.util.List;

/**
 * A message of a chat as the simulator shows it, edits applied.
 *
 * @param from       "bot" or "user"
 * @param text       what the user sees (markup of {@code parseMode} removed); the caption for files
 * @param rawText    the text exactly as the bot sent it
 * @param buttons    inline keyboard rows (empty when none)
 * @param keyboard   reply keyboard rows (button texts), empty when none
 * @param kind       text, document, photo, sticker, voice, location
 * @param fileId     for document / photo messages
 */
public record SimMessage(long messageId, long chatId, String from, String text, String rawText, String parseMode,
        List<List<SimButton>> buttons, List<List<String>> keyboard, boolean edited, long date, String kind,
        String fileId, String fileName) {

    /** All callback data of the inline buttons, row by row. */
    public List<String> callbackData() {
        return buttons.stream().flatMap(List::stream).map(SimButton::callbackData)
                .filter(d -> d != null).toList();
    }

    /** The callback data of the first button whose text contains {@code label}. */
    public String callbackDataOf(String label) {
        return buttons.stream().flatMap(List::stream).filter(b -> b.text().contains(label)).findFirst()
                .map(SimButton::callbackData)
                .orElseThrow(() -> new IllegalArgumentException("no button '" + label + "' in message " + messageId));
    }
}
