package ru.getmark.support.telegram.domain;

import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;
import ru.getmark.support.common.dialog.ChatInput;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Telegram update into the channel-free {@link Inbound}: text, command, button, file, or one of the kinds the
 * dialogue cannot use (sticker, voice, location, forwarded, edited ...), which the engine answers helpfully instead of
 * staying silent. Plain Java, unit-tested.
 */
public final class UpdateMapper {

    private UpdateMapper() {
    }

    public static Inbound map(Update update) {
        long id = update.getUpdateId();
        if (update.getCallbackQuery() != null) {
            CallbackQuery cq = update.getCallbackQuery();
            Long chatId = cq.getMessage() != null ? cq.getMessage().getChatId()
                    : cq.getFrom() == null ? null : cq.getFrom().getId();
            String data = cq.getData() == null ? "" : cq.getData();
            return new Inbound(id, chatId, name(cq.getFrom()), new ChatInput.Button(data), null, cq.getId());
        }
        if (update.getEditedMessage() != null) {
            Message m = update.getEditedMessage();
            return new Inbound(id, m.getChatId(), name(m.getFrom()),
                    new ChatInput.Unsupported(ChatInput.Unsupported.EDITED), null, null);
        }
        Message m = update.getMessage();
        if (m == null) {
            return new Inbound(id, null, null, null, null, null);
        }
        return new Inbound(id, m.getChatId(), name(m.getFrom()), null, null, null).with(message(m));
    }

    private static Object message(Message m) {
        if (m.getForwardOrigin() != null) {
            return new ChatInput.Unsupported(ChatInput.Unsupported.FORWARDED);
        }
        if (m.getPhoto() != null && !m.getPhoto().isEmpty()) {
            PhotoSize largest = m.getPhoto().stream()
                    .max(Comparator.comparingLong(p -> p.getFileSize() == null
                            ? (long) nz(p.getWidth()) * nz(p.getHeight()) : p.getFileSize()))
                    .orElseThrow();
            return new Inbound.FileRequest(largest.getFileId(), largest.getFileUniqueId(),
                    "photo_" + safe(largest.getFileUniqueId()) + ".jpg", "image/jpeg",
                    largest.getFileSize() == null ? null : largest.getFileSize().longValue(), m.getCaption());
        }
        if (m.getDocument() != null) {
            Document d = m.getDocument();
            String name = d.getFileName() == null || d.getFileName().isBlank()
                    ? "file_" + safe(d.getFileUniqueId()) : d.getFileName();
            String type = d.getMimeType() == null || d.getMimeType().isBlank()
                    ? "application/octet-stream" : d.getMimeType();
            return new Inbound.FileRequest(d.getFileId(), d.getFileUniqueId(), name, type, d.getFileSize(),
                    m.getCaption());
        }
        String unsupported = m.getSticker() != null ? ChatInput.Unsupported.STICKER
                : m.getVoice() != null ? ChatInput.Unsupported.VOICE
                : m.getVideoNote() != null ? ChatInput.Unsupported.VIDEO_NOTE
                : m.getAudio() != null ? ChatInput.Unsupported.AUDIO
                : m.getVideo() != null ? ChatInput.Unsupported.VIDEO
                : m.getLocation() != null ? ChatInput.Unsupported.LOCATION
                : m.getContact() != null ? ChatInput.Unsupported.CONTACT
                : m.getPoll() != null ? ChatInput.Unsupported.POLL
                : null;
        if (unsupported != null) {
            return new ChatInput.Unsupported(unsupported);
        }
        String text = m.getText();
        if (text == null || text.isBlank()) {
            return new ChatInput.Unsupported("other");
        }
        String stripped = text.strip();
        if (stripped.startsWith("/") && stripped.length() > 1) {
            return new ChatInput.Command(command(stripped));
        }
        return new ChatInput.Text(text);
    }

    /** "/start@help_getmark_bot payload" → "/start". */
    static String command(String text) {
        String first = text.split("\\s+", 2)[0];
        int at = first.indexOf('@');
        return (at > 0 ? first.substring(0, at) : first).toLowerCase(Locale.ROOT);
    }

    /** The Telegram name of the sender, "First Last". */
    static String name(User user) {
        if (user == null) {
            return null;
        }
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name.isEmpty() ? null : name;
    }

    private static int nz(Integer v) {
        return v == null ? 0 : v;
    }

    private static String safe(String id) {
        return id == null ? "unknown" : id.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    static List<String> commands() {
        return List.of("/start", "/new", "/status", "/cancel", "/help");
    }
}
