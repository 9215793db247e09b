package ru.getmark.support.common.dialog;

import java.util.List;
import java.util.Objects;

/**
 * The engine's answer to one input: the state to store, the messages to send (in order) and what to publish.
 * The adapter stores the state, publishes the submissions and sends the messages; it should publish before it
 * acknowledges the input, so nothing is lost across a crash.
 *
 * @param state       the new state, to store as JSON
 * @param messages    messages to send, in order; never empty
 * @param submissions what to publish to the intake topic (at most one today)
 */
public record Turn(DialogueState state, List<BotMessage> messages, List<Submission> submissions) {

    public Turn {
        Objects.requireNonNull(state, "state");
        messages = List.copyOf(messages);
        submissions = submissions == null ? List.of() : List.copyOf(submissions);
    }
}
