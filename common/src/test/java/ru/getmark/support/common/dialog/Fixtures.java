package ru.getmark.support.common.dialog;

import java.time.Instant;

final class Fixtures {
    /** A valid organisation ИНН. */
    static final String INN = "7707083893";
    /** A valid individual ИНН. */
    static final String INN12 = "500100732259";
    static final Instant DEADLINE = Instant.parse("2026-12-10T15:00:00Z");

    static DialogueContext.OpenTicket inWork(String number) {
        return new DialogueContext.OpenTicket(number, "В работе", DEADLINE, false, false);
    }

    static DialogueContext.OpenTicket awaitingAnswer(String number) {
        return new DialogueContext.OpenTicket(number, "Ожидает ответа пользователя", DEADLINE, true, false);
    }

    static DialogueContext.OpenTicket awaitingConfirmation(String number) {
        return new DialogueContext.OpenTicket(number, "Решено", DEADLINE, false, true);
    }

    private Fixtures() {
    }
}
