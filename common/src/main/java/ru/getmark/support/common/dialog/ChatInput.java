package ru.getmark.support.common.dialog;

import ru.getmark.support.common.event.AttachmentRef;

/**
 * One thing the customer did in the chat, normalised by the channel adapter. The engine never sees channel objects,
 * so Telegram and WhatsApp share one dialogue (issue 7).
 */
public sealed interface ChatInput {

    /** A plain text message. A text that looks like a command ("/new") is treated as {@link Command}. */
    record Text(String text) implements ChatInput {
    }

    /**
     * A command: "/start", "/new", "/status", "/cancel", "/help" or any other (answered with the help). Arguments and a
     * "@bot_name" suffix are ignored, so "/start@help_getmark_bot payload" is "/start".
     */
    record Command(String name) implements ChatInput {
    }

    /** A pressed button: its data, as the engine produced it in {@link ChatButton#data()} (or a notice button). */
    record Button(String data) implements ChatInput {
    }

    /**
     * A file (photo, document, screenshot) the adapter has already stored by claim check.
     *
     * @param ref     the stored file
     * @param caption the text sent with it, may be null
     */
    record File(AttachmentRef ref, String caption) implements ChatInput {
        public File(AttachmentRef ref) {
            this(ref, null);
        }
    }

    /**
     * Something the dialogue cannot use; the engine answers helpfully and repeats the current step. Use the constants
     * below for known kinds; any other kind gets a generic answer.
     */
    record Unsupported(String kind) implements ChatInput {
        public static final String STICKER = "sticker";
        public static final String VOICE = "voice";
        public static final String VIDEO_NOTE = "video_note";
        public static final String AUDIO = "audio";
        public static final String VIDEO = "video";
        public static final String LOCATION = "location";
        public static final String CONTACT = "contact";
        public static final String POLL = "poll";
        public static final String FORWARDED = "forwarded";
        public static final String EDITED = "edited";
        /** A file over the channel's download limit (the adapter did not store it). */
        public static final String FILE_TOO_LARGE = "file_too_large";
    }
}
