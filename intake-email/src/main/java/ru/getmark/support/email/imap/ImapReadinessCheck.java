package ru.getmark.support.email.imap;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import ru.getmark.support.email.config.MailConfig;

/** Ready only while the support mailbox is connected: without it this service takes in nothing. */
@Readiness
@ApplicationScoped
public class ImapReadinessCheck implements HealthCheck {

    private final MailboxReader reader;
    private final MailConfig.Imap imap;

    ImapReadinessCheck(MailboxReader reader, MailConfig mail) {
        this.reader = reader;
        this.imap = mail.imap();
    }

    @Override
    public HealthCheckResponse call() {
        ImapState state = reader.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("IMAP mailbox")
                .withData("server", imap.host() + ":" + imap.port())
                .withData("folder", imap.folder());
        if (state.since() != null) {
            response.withData("since", state.since().toString());
        }
        if (state.connected()) {
            return response.up().withData("mode", state.idle() ? "idle" : "polling").build();
        }
        return response.down().withData("problem", state.problem() == null ? "not connected" : state.problem())
                .build();
    }
}
