package ru.getmark.support.phone.domain;

import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.TicketType;

/**
 * A call that passed every check, with its values normalised: ИНН digits only, phone in E.164, white space tidied,
 * the subject filled in from the description when the operator gave none.
 *
 * @param inn          valid ИНН, digits
 * @param customerName person or company name
 * @param email        contact email, where the registration notice goes
 * @param phone        phone in E.164 ("+79259509118")
 * @param type         ticket type when the operator chose one, else null (the first line classifies later, R7)
 * @param process      GetMark process as the operator wrote it (free text until the process directory exists, R3)
 * @param impact       impact on the customer's business when stated, else null
 * @param subject      short title: the operator's subject, or the first words of the description
 * @param description  what happened, in the customer's words
 */
public record ValidatedCall(
        String inn,
        String customerName,
        String email,
        String phone,
        TicketType type,
        String process,
        Impact impact,
        String subject,
        String description) {
}
