package ru.getmark.support.whatsapp.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryStatusTest {

    @Test
    void statusesOnlyMoveForward() {
        assertThat(DeliveryStatus.advances(null, "queued")).isTrue();
        assertThat(DeliveryStatus.advances("queued", "sent")).isTrue();
        assertThat(DeliveryStatus.advances("delivered", "sent")).isFalse();
        assertThat(DeliveryStatus.advances("delivered", "read")).isTrue();
        assertThat(DeliveryStatus.advances("sent", "failed")).isTrue();
        assertThat(DeliveryStatus.advances("failed", "delivered")).isFalse();
        assertThat(DeliveryStatus.advances("sent", "weird")).isFalse();
    }

    @Test
    void failures() {
        assertThat(DeliveryStatus.isFailure("failed")).isTrue();
        assertThat(DeliveryStatus.isFailure("UNDELIVERED")).isTrue();
        assertThat(DeliveryStatus.isFailure("delivered")).isFalse();
        assertThat(DeliveryStatus.isFailure(null)).isFalse();
    }
}
