package ru.getmark.support.whatsapp.twilio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioMessagesTest {

    @Test
    void retriesWhereTwilioSaysItMay() {
        assertThat(TwilioMessages.classify(429, 20429, "Too Many Requests")).isInstanceOf(SendResult.RetryLater.class);
        assertThat(TwilioMessages.classify(500, 20500, "Internal")).isInstanceOf(SendResult.RetryLater.class);
        assertThat(TwilioMessages.classify(503, 20503, "Unavailable")).isInstanceOf(SendResult.RetryLater.class);
        assertThat(TwilioMessages.classify(null, null, "connection reset")).isInstanceOf(SendResult.RetryLater.class);
        assertThat(TwilioMessages.classify(401, 20003, "Authenticate")).isInstanceOf(SendResult.RetryLater.class);
    }

    @Test
    void doesNotRetryWhatFailsTheSameWayAgain() {
        assertThat(TwilioMessages.classify(400, 21211, "Invalid 'To'")).isInstanceOf(SendResult.Rejected.class);
        assertThat(TwilioMessages.classify(400, 21655, "The ContentSid is Invalid"))
                .isInstanceOf(SendResult.Rejected.class);
        assertThat(TwilioMessages.classify(404, 20404, "Not found")).isInstanceOf(SendResult.Rejected.class);
    }
}
