package ru.getmark.support.notifier.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.Infra;

import java.time.Duration;

/**
 * What the notifier's end-to-end tests share: the real infrastructure handed in by {@code InfraTestResource} and a
 * producer that publishes ticket events to the real broker, opened before and closed after each test. Subclasses
 * still declare their own {@code @QuarkusTest} and {@code @WithTestResource}, so that Quarkus sees their test
 * resources where it looks for them.
 */
public abstract class PublishingTest {

    /** How long a notice may take to arrive: generous, the CI machine has two cores. */
    protected static final Duration WAIT = Duration.ofSeconds(30);

    @InjectInfra
    protected Infra infra;

    protected EventPublisher publisher;

    @BeforeEach
    void connectPublisher() {
        publisher = new EventPublisher(infra.bootstrapServers());
    }

    @AfterEach
    void closePublisher() {
        publisher.close();
    }
}
