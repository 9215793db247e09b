package ru.getmark.support.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the broker's own logging down to WARN without choosing a logging backend for anybody.
 * <p>
 * Kafka logs through SLF4J and ships no provider; infra does not add one either (the services log through JBoss
 * Logging, the launcher chooses its own). Where SLF4J ends in {@code java.util.logging} or in the JBoss LogManager
 * (every Quarkus test JVM: surefire sets {@code java.util.logging.manager=org.jboss.logmanager.LogManager}), the
 * levels set here apply; with another backend they are harmless, and its own configuration decides. A level a
 * user configured explicitly is kept.
 */
final class KafkaLogging {

    /** Logger names of the broker side: Scala server classes, the Java server modules and the state-change log. */
    static final List<String> BROKER_CATEGORIES = List.of("kafka", "state.change.logger", "org.apache.kafka");

    /** Strong references: java.util.logging forgets the level of a logger that was garbage collected. */
    private static final List<Logger> KEPT = new ArrayList<>();

    private KafkaLogging() {
    }

    static synchronized void quietBroker() {
        if (!KEPT.isEmpty()) {
            return;
        }
        for (String name : BROKER_CATEGORIES) {
            try {
                Logger logger = Logger.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(Level.WARNING);
                }
                KEPT.add(logger);
            } catch (RuntimeException e) {
                // a LogManager that refuses: leave logging alone
            }
        }
    }
}
