package ru.getmark.support.infra.telegram;

/** An inline keyboard button of a bot message, as the simulator lists it. {@code url} is set for link buttons. */
public record SimButton(String text, String callbackData, String url) {
}
