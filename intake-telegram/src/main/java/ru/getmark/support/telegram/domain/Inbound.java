package ru.getmark.support.telegram.domain;

import ru.getmark.support.common.dialog.ChatInput;

/**
 * One Telegram update, as the adapter reads it before the dialogue: whose chat it is and what the customer did. A file
 * still has to be fetched ({@link FileRequest}); everything else is a ready {@link ChatInput}.
 *
 * @param updateId        Telegram's update_id
 * @param chatId          the chat, null for updates that are not from a chat (they are only acknowledged)
 * @param senderName      the Telegram first and last name, may be null
 * @param input           the ready input, null when {@code file} is set or the update is ignored
 * @param file            a photo or document to download, null otherwise
 * @param callbackQueryId the callback query to answer, null unless a button was pressed
 */
public record Inbound(long updateId, Long chatId, String senderName, ChatInput input, FileRequest file,
                      String callbackQueryId) {

    /**
     * A file the customer sent, to be fetched with getFile.
     *
     * @param fileId       Telegram's file_id (for getFile)
     * @param fileUniqueId Telegram's stable id of the file
     * @param fileName     a name for staff ("photo_<id>.jpg" for photos)
     * @param contentType  MIME type
     * @param size         declared size in bytes, null when Telegram did not say
     * @param caption      the text sent with it, may be null
     */
    public record FileRequest(String fileId, String fileUniqueId, String fileName, String contentType, Long size,
                              String caption) {
    }

    /** This update with its content: a {@link ChatInput} or a {@link FileRequest}. */
    public Inbound with(Object content) {
        if (content instanceof FileRequest f) {
            return new Inbound(updateId, chatId, senderName, null, f, callbackQueryId);
        }
        return new Inbound(updateId, chatId, senderName, (ChatInput) content, null, callbackQueryId);
    }

    /** Nothing to handle (not from a chat, or a kind of update the bot does not subscribe to). */
    public boolean ignored() {
        return chatId == null || (input == null && file == null);
    }
}
