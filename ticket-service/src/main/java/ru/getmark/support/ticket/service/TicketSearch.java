package ru.getmark.support.ticket.service;

import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;

/** Search criteria of the staff list; null means "any". {@code q}: a number, or words of the subject or text. */
public record TicketSearch(SupportLine line, TicketStatus status, Priority priority, TicketType type,
                           Channel channel, String inn, String q, boolean openOnly, int limit) {
}
