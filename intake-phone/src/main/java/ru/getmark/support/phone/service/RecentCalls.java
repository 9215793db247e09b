package ru.getmark.support.phone.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Idempotency keys this instance accepted recently, with a fingerprint of the call each one carried. It lets a retry
 * be answered without publishing again, and catches a key reused for a different call (422) before that call would
 * be swallowed by ticket-service's dedup. Bounded (least recently used out), per instance, lost on restart: a
 * courtesy, not the guarantee — the guarantee of one ticket per key is the deterministic message id (R5).
 */
final class RecentCalls {

    private final Map<String, String> fingerprints;

    RecentCalls(int capacity) {
        this.fingerprints = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The fingerprint of the call accepted under this message id, or null. */
    synchronized String fingerprint(String messageId) {
        return fingerprints.get(messageId);
    }

    synchronized void remember(String messageId, String fingerprint) {
        fingerprints.put(messageId, fingerprint);
    }
}
