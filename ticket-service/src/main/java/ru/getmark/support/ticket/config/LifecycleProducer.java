package ru.getmark.support.ticket.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import ru.getmark.support.ticket.domain.lifecycle.Lifecycle;
import ru.getmark.support.ticket.domain.sla.ProductionCalendar;
import ru.getmark.support.ticket.domain.sla.SlaPolicy;

/** Wires the framework-free state machine (R8) to the SLA policy and the production calendar. */
@ApplicationScoped
public class LifecycleProducer {

    @Produces
    @Singleton
    Lifecycle lifecycle(SlaPolicy policy, ProductionCalendar calendar) {
        return new Lifecycle(policy, calendar);
    }
}
