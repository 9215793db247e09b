package ru.getmark.support.ticket.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** SLA settings (R9). */
@ConfigMapping(prefix = "getmark.sla")
public interface SlaConfig {

    /**
     * A production calendar file that replaces the one bundled with the service, so that ops can publish next
     * year's calendar (or a late government decree) without a release. Same format as
     * {@code src/main/resources/calendar/}; read once at start-up.
     */
    Optional<String> calendarFile();

    /** Share of a deadline's working time after which {@code sla_breach_near} is announced (0 < x < 1). */
    @io.smallrye.config.WithDefault("0.8")
    double alertThreshold();
}
