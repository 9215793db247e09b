package ru.getmark.support.common.event;

import java.time.Instant;

/**
 * SLA deadlines of a ticket (R9). Null where the priority has none (Критический: as fast as possible).
 *
 * @param resolution estimated resolution deadline ("Ориентировочный срок исполнения"), second-line hours
 * @param firstLine  first-line deadline, first-line hours (09:00–21:00 MSK)
 * @param secondLine second-line deadline, second-line hours (09:00–18:00 MSK)
 */
public record Deadlines(Instant resolution, Instant firstLine, Instant secondLine) {
}
