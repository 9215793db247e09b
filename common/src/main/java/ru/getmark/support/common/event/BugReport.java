package ru.getmark.support.common.event;

import java.util.List;

/**
 * A bug report for the developers in the form of Appendix 2 of the regulation (R18).
 *
 * @param title       name of the bug, 4–8 words
 * @param description how the error shows itself
 * @param customer    who found it (person or company) and where to find the ticket
 * @param document    the document, data or printed form with the error, or a link to it
 * @param expected    how the software should behave
 * @param actual      what it does
 * @param steps       the steps that lead to the error
 * @param attachments screenshots, videos, error reports, logs
 */
public record BugReport(String title, String description, String customer, String document, String expected,
                        String actual, String steps, List<AttachmentRef> attachments) {

    public BugReport {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
