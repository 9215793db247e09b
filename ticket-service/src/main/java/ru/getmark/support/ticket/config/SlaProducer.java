package ru.getmark.support.ticket.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import ru.getmark.support.ticket.domain.sla.ProductionCalendar;
import ru.getmark.support.ticket.domain.sla.SlaClock;
import ru.getmark.support.ticket.domain.sla.SlaPolicy;

import java.nio.file.Path;

/**
 * Wires the framework-free SLA domain (R9): the production calendar (the bundled one, or the file ops configured in
 * {@code getmark.sla.calendar-file}, read once at start-up), the working-hours clock over it and the policy.
 */
@ApplicationScoped
public class SlaProducer {

    @Produces
    @Singleton
    ProductionCalendar productionCalendar(SlaConfig config) {
        if (config.calendarFile().isPresent() && !config.calendarFile().get().isBlank()) {
            Path file = Path.of(config.calendarFile().get());
            Log.infof("Production calendar from %s (getmark.sla.calendar-file)", file);
            return ProductionCalendar.load(file);
        }
        Log.info("Production calendar: the one bundled with the service");
        return ProductionCalendar.loadDefault();
    }

    @Produces
    @Singleton
    SlaClock slaClock(ProductionCalendar calendar) {
        return new SlaClock(calendar);
    }

    @Produces
    @Singleton
    SlaPolicy slaPolicy(SlaClock clock) {
        return new SlaPolicy(clock);
    }

    /** Reads the calendar at start-up, so that a broken calendar file stops the deployment instead of a ticket. */
    void loadAtStartup(@Observes StartupEvent event, ProductionCalendar calendar) {
        Log.infof("Production calendar %s, years %s", calendar.source(), calendar.coveredYears());
    }
}
