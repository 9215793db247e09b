package ru.getmark.support.whatsapp.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import ru.getmark.support.common.dialog.ChatButton;
import ru.getmark.support.common.dialog.DialogueState;
import ru.getmark.support.common.json.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One row per customer's WhatsApp number: the dialogue state, the choices last shown, the profile name and the time
 * of the customer's last message (the 24-hour window). Only the inbox worker changes the state, one message of a
 * number at a time (see InboxRepository), whichever replica runs it.
 */
@ApplicationScoped
public class ConversationRepository {

    private static final TypeReference<List<ChatButton>> CHOICES = new TypeReference<>() {
    };

    /** A conversation as stored. */
    public record Conversation(String waId, DialogueState state, long version, List<ChatButton> choices,
                               String profileName, Instant lastInboundAt) {
    }

    private final EntityManager em;

    ConversationRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Records a message of the customer (the webhook, before anything else): creates the conversation when new,
     * renews the 24-hour window and remembers the newest profile name.
     */
    public void inbound(String waId, String profileName, Instant at) {
        em.createNativeQuery("""
                        INSERT INTO conversation (wa_id, state, version, choices, profile_name, last_inbound_at,
                                                  created_at, updated_at)
                        VALUES (?1, CAST(?2 AS jsonb), 0, '[]', ?3, ?4, ?4, ?4)
                        ON CONFLICT (wa_id) DO UPDATE SET
                          last_inbound_at = GREATEST(conversation.last_inbound_at, EXCLUDED.last_inbound_at),
                          profile_name = COALESCE(EXCLUDED.profile_name, conversation.profile_name),
                          updated_at = EXCLUDED.updated_at""")
                .setParameter(1, waId).setParameter(2, Json.toJson(DialogueState.initial()))
                .setParameter(3, Rows.cut(profileName, 300)).setParameter(4, Rows.ts(at)).executeUpdate();
    }

    public Optional<Conversation> find(String waId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT wa_id, CAST(state AS text), version, CAST(choices AS text), "
                        + "profile_name, last_inbound_at FROM conversation WHERE wa_id = ?1")
                .setParameter(1, waId).getResultList();
        return rows.stream().findFirst().map(r -> new Conversation((String) r[0],
                Json.fromJson((String) r[1], DialogueState.class), Rows.number(r[2]), choices((String) r[3]),
                (String) r[4], Rows.instant(r[5])));
    }

    /** Saves the state after a turn and the choices the customer is now shown. */
    public void saveTurn(String waId, DialogueState state, List<ChatButton> choices, Instant now) {
        em.createNativeQuery("UPDATE conversation SET state = CAST(?2 AS jsonb), version = version + 1, "
                        + "choices = CAST(?3 AS jsonb), updated_at = ?4 WHERE wa_id = ?1")
                .setParameter(1, waId).setParameter(2, Json.toJson(state)).setParameter(3, Json.toJson(choices))
                .setParameter(4, Rows.ts(now)).executeUpdate();
    }

    /** The choices of a notice just queued: the customer's next "1" or "Проблема решена" answers it. */
    public void showChoices(String waId, List<ChatButton> choices, Instant now) {
        em.createNativeQuery("UPDATE conversation SET choices = CAST(?2 AS jsonb), updated_at = ?3 WHERE wa_id = ?1")
                .setParameter(1, waId).setParameter(2, Json.toJson(choices)).setParameter(3, Rows.ts(now))
                .executeUpdate();
    }

    private static List<ChatButton> choices(String json) {
        try {
            return json == null ? List.of() : Json.MAPPER.readValue(json, CHOICES);
        } catch (IOException e) {
            return List.of();
        }
    }
}
