package ru.getmark.support.whatsapp.config;

import com.twilio.http.TwilioRestClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import ru.getmark.support.whatsapp.twilio.ApiUrlHttpClient;

/**
 * The real Twilio Java SDK client for the configured account, built with its builder rather than the global
 * {@code Twilio.init} (no static state), talking to {@code getmark.whatsapp.twilio.api-url}: api.twilio.com in
 * production, the fake Twilio API of the local stack and the tests otherwise.
 */
@ApplicationScoped
public class TwilioClientProducer {

    @Produces
    @Singleton
    ApiUrlHttpClient http(WhatsAppConfig config) {
        return new ApiUrlHttpClient(config.twilio().apiUrl());
    }

    @Produces
    @Singleton
    TwilioRestClient client(WhatsAppConfig config, ApiUrlHttpClient http) {
        // TwilioSetup refuses to start without both; the placeholders only keep the bean constructible until then.
        String sid = config.twilio().accountSid().map(String::strip).orElse("AC-unset");
        String token = config.twilio().authToken().map(String::strip).orElse("unset");
        return new TwilioRestClient.Builder(sid, token).accountSid(sid).httpClient(http).build();
    }

    void close(@Disposes ApiUrlHttpClient http) {
        http.close();
    }
}
