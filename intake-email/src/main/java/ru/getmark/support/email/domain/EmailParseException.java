package ru.getmark.support.email.domain;

/**
 * The bytes are not an email {@link EmailParser} can make sense of (empty, no header block, broken beyond what
 * Jakarta Mail tolerates). Unchecked: the caller handles it at one place (keep the message as rejected
 * {@code invalid_input}, never answer it), not at every call.
 */
public class EmailParseException extends RuntimeException {

    public EmailParseException(String message) {
        super(message);
    }

    public EmailParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
