package ru.getmark.support.email.domain;

/**
 * An email address with its display name, as decoded from a header.
 *
 * @param address     the address, lower-cased domain, never null
 * @param displayName the decoded display name ("Иванова Мария", "ООО «Ромашка»"), or null
 */
public record Mailbox(String address, String displayName) {
}
