package ru.getmark.support.whatsapp.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives one application start a {@link PrivateKafka} for its getmark.intake.v1 producer only (the channel's own
 * {@code bootstrap.servers} beats {@code kafka.bootstrap.servers}); everything else keeps the shared broker.
 */
public class PrivateKafkaResource implements QuarkusTestResourceLifecycleManager {

    private PrivateKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = PrivateKafka.start();
        return Map.of("mp.messaging.outgoing.intake.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(kafka,
                new TestInjector.AnnotatedAndMatchesType(InjectPrivateKafka.class, PrivateKafka.class));
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
