package ru.getmark.support.whatsapp.config;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioSetupTest {

    @Test
    void refusesWithoutTheAccount() {
        assertThat(TwilioSetup.problems(Optional.empty(), Optional.empty(), "whatsapp:+79259509118"))
                .hasSize(2).anySatisfy(p -> assertThat(p).contains("GETMARK_WHATSAPP_TWILIO_ACCOUNT_SID"))
                .anySatisfy(p -> assertThat(p).contains("GETMARK_WHATSAPP_TWILIO_AUTH_TOKEN"));
        assertThat(TwilioSetup.problems(Optional.of("AC123"), Optional.of(" "), "whatsapp:+79259509118"))
                .singleElement().satisfies(p -> assertThat(p).contains("auth-token"));
        assertThat(TwilioSetup.problems(Optional.of("SK123"), Optional.of("t"), "whatsapp:+79259509118"))
                .singleElement().satisfies(p -> assertThat(p).contains("Account SID"));
        assertThat(TwilioSetup.problems(Optional.of("AC123"), Optional.of("t"), "+79259509118"))
                .singleElement().satisfies(p -> assertThat(p).contains("sender"));
    }

    @Test
    void acceptsAUsableAccount() {
        assertThat(TwilioSetup.problems(Optional.of("AC0fa4e7a1100000000000000000000001"),
                Optional.of("6e7d1f0a9c4b3d2e5f6a7b8c9d0e1f2a"), "whatsapp:+79259509118")).isEmpty();
    }

    @Test
    void publicUrlsAreTheConfiguredOnes() {
        PublicEndpoints endpoints = new PublicEndpoints("https://wa.getmark.ru/");
        assertThat(endpoints.webhookUrl()).isEqualTo("https://wa.getmark.ru/twilio/whatsapp");
        assertThat(endpoints.statusUrl()).isEqualTo("https://wa.getmark.ru/twilio/status");
    }
}
