package ru.getmark.support.adapter.chat;

/**
 * The chat adapters' shared pieces (intake-telegram, intake-whatsapp): the dialogue engine bean, the customers' open
 * tickets projected from getmark.ticket-events.v1 ({@link ChatTicketProjection}, {@link ChatTicketRepository}) and the
 * per-chat flood guard ({@link ChatFloodGuard}, {@link ChatFloodRepository}). They are left out of the build unless
 * the build property {@value #ENABLED} is {@code true}: the other adapters have no chat tables, and intake-email has
 * its own ticket projection.
 * <p>
 * A chat adapter needs the tables of {@code getmark/adapter-support/chat.sql} in its own Flyway migration, the default
 * datasource with JTA (hibernate-orm brings both) and a {@link ChatKeys} bean.
 */
public final class ChatBeans {

    /** Build property: true puts the chat beans into the adapter. */
    public static final String ENABLED = "getmark.chat.enabled";

    private ChatBeans() {
    }
}
