package ru.getmark.support.whatsapp.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to start without the Twilio account: without the auth token no webhook can be verified (every one would be
 * refused with 403) and no reply could be sent, so a deployment that forgot the secret must stop at once with a
 * message saying what to set. Runs right after the staff accounts guard, before the workers start.
 */
@ApplicationScoped
public class TwilioSetup {

    private final WhatsAppConfig config;
    private final PublicEndpoints endpoints;

    TwilioSetup(WhatsAppConfig config, PublicEndpoints endpoints) {
        this.config = config;
        this.endpoints = endpoints;
    }

    void onStart(@Observes @Priority(2) StartupEvent event) {
        List<String> problems = problems(config.twilio().accountSid(), config.twilio().authToken(), config.sender());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("intake-whatsapp refuses to start: " + String.join(" ", problems));
        }
        String host = URI.create(endpoints.base().isEmpty() ? "http://localhost" : endpoints.base()).getHost();
        if (LaunchMode.current() == LaunchMode.NORMAL && (host == null || host.equals("localhost")
                || host.startsWith("127."))) {
            Log.warnf("getmark.public-url is %s: Twilio signs the public URL of the webhook, so every webhook will be "
                    + "refused (403) unless GETMARK_PUBLIC_URL is the https URL Twilio posts to", endpoints.base());
        }
        Log.infof("WhatsApp sender %s, Twilio API %s; webhook signatures checked against %s, status callbacks at %s",
                config.sender(), config.twilio().apiUrl(), endpoints.webhookUrl(), endpoints.statusUrl());
    }

    /** What is missing or malformed, each a full sentence; empty when the account is usable. Plain, unit-tested. */
    static List<String> problems(Optional<String> accountSid, Optional<String> authToken, String sender) {
        List<String> problems = new ArrayList<>();
        String sid = accountSid.map(String::strip).orElse("");
        String token = authToken.map(String::strip).orElse("");
        if (sid.isEmpty()) {
            problems.add("getmark.whatsapp.twilio.account-sid is not set (GETMARK_WHATSAPP_TWILIO_ACCOUNT_SID, the "
                    + "Account SID \"AC...\" of the Twilio console).");
        } else if (!sid.startsWith("AC")) {
            problems.add("getmark.whatsapp.twilio.account-sid must be the Account SID (\"AC...\").");
        }
        if (token.isEmpty()) {
            problems.add("getmark.whatsapp.twilio.auth-token is not set (GETMARK_WHATSAPP_TWILIO_AUTH_TOKEN, the "
                    + "account's Auth Token, a secret): webhooks cannot be verified without it.");
        }
        if (sender == null || !sender.matches("whatsapp:\\+[1-9][0-9]{6,14}")) {
            problems.add("getmark.whatsapp.sender must look like whatsapp:+79259509118.");
        }
        return problems;
    }
}
