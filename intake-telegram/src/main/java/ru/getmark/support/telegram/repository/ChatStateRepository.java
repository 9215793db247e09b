package ru.getmark.support.telegram.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import ru.getmark.support.common.dialog.DialogueState;
import ru.getmark.support.common.json.Json;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The dialogue state of each chat as JSONB, with a version for optimistic locking: a second replica (or this one
 * after a restart) continues exactly where the chat was, and two replicas never both apply a turn to one state.
 */
@ApplicationScoped
public class ChatStateRepository {

    /** A stored state and the version it was read at (0 = never stored). */
    public record Versioned(DialogueState state, long version) {
    }

    private final EntityManager em;

    ChatStateRepository(EntityManager em) {
        this.em = em;
    }

    public Versioned load(long chatId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT CAST(state AS text), version FROM chat_state WHERE chat_id = ?1")
                .setParameter(1, chatId).getResultList();
        if (rows.isEmpty()) {
            return new Versioned(DialogueState.initial(), 0);
        }
        Object[] row = rows.get(0);
        DialogueState state = Json.MAPPER.convertValue(read((String) row[0]), DialogueState.class);
        return new Versioned(state, ((Number) row[1]).longValue());
    }

    /**
     * Saves the state if nobody changed it since {@code readVersion}.
     *
     * @return false when another replica saved first (the caller handles its input again on the new state)
     */
    public boolean save(long chatId, DialogueState state, long readVersion, Instant now) {
        String json = Json.MAPPER.valueToTree(state).toString();
        int changed;
        if (readVersion == 0) {
            changed = em.createNativeQuery("INSERT INTO chat_state (chat_id, state, version, updated_at) "
                            + "VALUES (?1, CAST(?2 AS jsonb), 1, ?3) ON CONFLICT (chat_id) DO NOTHING")
                    .setParameter(1, chatId).setParameter(2, json).setParameter(3, Timestamp.from(now))
                    .executeUpdate();
        } else {
            changed = em.createNativeQuery("UPDATE chat_state SET state = CAST(?2 AS jsonb), version = version + 1, "
                            + "updated_at = ?3 WHERE chat_id = ?1 AND version = ?4")
                    .setParameter(1, chatId).setParameter(2, json).setParameter(3, Timestamp.from(now))
                    .setParameter(4, readVersion).executeUpdate();
        }
        return changed == 1;
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable chat state", e);
        }
    }

    public Optional<Long> version(long chatId) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery("SELECT version FROM chat_state WHERE chat_id = ?1")
                .setParameter(1, chatId).getResultList();
        return rows.stream().findFirst().map(Number::longValue);
    }
}
