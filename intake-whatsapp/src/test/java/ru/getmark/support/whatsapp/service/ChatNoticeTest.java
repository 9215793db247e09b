package ru.getmark.support.whatsapp.service;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.ChannelAction;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.twilio.SentMessage;
import ru.getmark.support.whatsapp.repository.NoticeRepository;
import ru.getmark.support.whatsapp.support.Customer;
import ru.getmark.support.whatsapp.support.FakeTwilioResource;
import ru.getmark.support.whatsapp.support.WhatsAppTest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chat notices (R20) from the real getmark.channel-outbound.v1 in WhatsApp, without content templates configured:
 * inside the 24-hour window as text with numbered choices, once per noticeId; answered with a digit or the words
 * (R11, R12); outside the window left to email and recorded, also when Twilio reports the window closed (63016).
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@WithTestResource(FakeTwilioResource.class)
class ChatNoticeTest extends WhatsAppTest {

    private SentMessage deliveredNotice(Customer c, String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> c.received().stream()
                .anyMatch(m -> m.body() != null && m.body().contains(text)));
        return c.received().stream().filter(m -> m.body().contains(text)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    @DisplayName("R20: a notice inside the window arrives once per noticeId, its actions as numbered choices")
    void noticeInsideTheWindowOnceWithNumberedChoices() {
        Customer c = wrote("Анна");
        String ticket = "WA-" + c.waId();
        ChannelNotice notice = solutionNotice("notice-" + c.waId(), ticket, c);
        publish(notice);
        publish(notice);
        ChannelNotice marker = notice("marker-" + c.waId(), ticket, c, "Обращение № " + ticket + " зарегистрировано.");
        publish(marker);
        deliveredNotice(c, "зарегистрировано");

        List<SentMessage> notices = c.received().stream().filter(m -> m.body().contains("предоставлено решение"))
                .toList();
        assertThat(notices).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(notice.text()
                + "\n\n1. Проблема решена\n2. Не решена\n\nОтветьте цифрой варианта.\n\n"
                + "Открыть обращение: https://support.getmark.test/t/" + ticket));
        assertThat(storedNotice(notice.noticeId())).hasValueSatisfying(n ->
                assertThat(n.outcome()).isEqualTo(NoticeRepository.TEXT));
    }

    @Test
    @DisplayName("R12: «1» under the solution notice publishes a CONFIRMATION with the WhatsApp contact")
    void digitConfirmsTheSolution() {
        Customer c = wrote("Борис Петров");
        String ticket = "WC-" + c.waId();
        solved(c, ticket);
        publish(solutionNotice("solution-" + c.waId(), ticket, c));
        deliveredNotice(c, "предоставлено решение");

        assertThat(c.saysAndReads("1")).isNotBlank();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(intakeOf(c)).singleElement()
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.CONFIRMATION);
                    assertThat(m.ticketNumber()).isEqualTo(ticket);
                    assertThat(m.customer().name()).as("the profile name").isEqualTo("Борис Петров");
                    assertThat(m.customer().whatsappId()).isEqualTo(c.waId());
                }));
        assertThat(c.received()).anyMatch(m -> m.body().contains("Спасибо, что подтвердили"));
    }

    @Test
    @DisplayName("R12, §5.27: «не решена» in words under the solution notice publishes a FOLLOW_UP")
    void wordsRejectTheSolution() {
        Customer c = wrote("Вера");
        String ticket = "WR-" + c.waId();
        solved(c, ticket);
        publish(solutionNotice("solution-" + c.waId(), ticket, c));
        deliveredNotice(c, "предоставлено решение");

        c.saysAndReads("не решена");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(intakeOf(c)).singleElement()
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.FOLLOW_UP);
                    assertThat(m.ticketNumber()).isEqualTo(ticket);
                }));
    }

    @Test
    @DisplayName("R11: «1» under an information request, then the answer, publishes a FOLLOW_UP with the answer")
    void informationRequestIsAnswered() {
        Customer c = wrote("Глеб");
        String ticket = "WI-" + c.waId();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publish(event(TicketEventType.INFORMATION_REQUESTED, ticket, c, TicketStatus.AWAITING_USER, at));
        await().atMost(Duration.ofSeconds(30)).until(() -> projected(c, ticket).isPresent());
        publish(notice("info-" + c.waId(), ticket, c, "По Обращению № " + ticket + " нужны сведения: "
                + "пришлите, пожалуйста, номер УПД.", ChannelAction.of(ChannelAction.ANSWER, "Ответить")));
        deliveredNotice(c, "нужны сведения");

        c.saysAndReads("1");
        c.saysAndReads("УПД № 42 от 01.12");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(intakeOf(c)).singleElement()
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.FOLLOW_UP);
                    assertThat(m.ticketNumber()).isEqualTo(ticket);
                    assertThat(m.text()).contains("УПД № 42");
                }));
    }

    @Test
    @DisplayName("R4: a message while a ticket is open joins it: «1» (К обращению № …) publishes a FOLLOW_UP")
    void messageFollowsUpAnOpenTicket() {
        Customer c = wrote("Жанна");
        String ticket = "WO-" + c.waId();
        publish(event(TicketEventType.REGISTERED, ticket, c, TicketStatus.NEW,
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        await().atMost(Duration.ofSeconds(30)).until(() -> projected(c, ticket).isPresent());

        assertThat(c.saysAndReads("Этикетки всё ещё не печатаются, склад стоит"))
                .contains("1. К обращению № " + ticket);
        c.saysAndReads("1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(intakeOf(c)).singleElement()
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.FOLLOW_UP);
                    assertThat(m.ticketNumber()).isEqualTo(ticket);
                    assertThat(m.text()).contains("склад стоит");
                    assertThat(m.customer().whatsappId()).isEqualTo(c.waId());
                }));
    }

    @Test
    @DisplayName("R20: outside the 24-hour window and without a template the notice is left to email, recorded")
    void outsideTheWindowWithoutTemplateLeftToEmail() {
        Customer c = customer("Дина");        // never wrote: no window
        double before = metric("getmark_whatsapp_notices_total", "outcome=\"left_to_email\"");
        ChannelNotice notice = solutionNotice("closed-" + c.waId(), "WL-" + c.waId(), c);
        publish(notice);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedNotice(notice.noticeId()).isPresent());
        assertThat(storedNotice(notice.noticeId()).get().outcome()).isEqualTo(NoticeRepository.LEFT_TO_EMAIL);
        assertThat(metric("getmark_whatsapp_notices_total", "outcome=\"left_to_email\"")).isEqualTo(before + 1);
        assertThat(c.received()).isEmpty();
    }

    @Test
    @DisplayName("R20: the window closed meanwhile (Twilio answers 63016): no template, so left to email, recorded")
    void windowClosedAtTwilioLeftToEmail() {
        Customer c = wrote("Ева");
        twilio.windowOpenedAt(c.phone(), Instant.now().minus(25, ChronoUnit.HOURS));
        double failed = metric("getmark_whatsapp_delivery_failed_total", "error_code=\"63016\"");
        ChannelNotice notice = solutionNotice("late-" + c.waId(), "WW-" + c.waId(), c);
        publish(notice);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(storedNotice(notice.noticeId()))
                .hasValueSatisfying(n -> assertThat(n.outcome()).isEqualTo(NoticeRepository.LEFT_TO_EMAIL)));
        assertThat(c.received()).filteredOn(m -> m.body().contains("предоставлено решение"))
                .singleElement().satisfies(m -> {
                    assertThat(m.status()).isEqualTo("failed");
                    assertThat(m.errorCode()).isEqualTo(63016);
                });
        assertThat(metric("getmark_whatsapp_delivery_failed_total", "error_code=\"63016\"")).isEqualTo(failed + 1);
    }
}
