package ru.getmark.support.adapter.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.getmark.support.common.event.Topics;

import java.util.List;

/** What "ready" needs ({@code getmark.readiness.*}). */
@ConfigMapping(prefix = "getmark.readiness")
public interface ReadinessConfig {

    /** The topics this service writes and reads; each must exist (topics are never auto-created). */
    @WithDefault(Topics.INTAKE + "," + Topics.INTAKE_REJECTED)
    List<String> kafkaTopics();
}
