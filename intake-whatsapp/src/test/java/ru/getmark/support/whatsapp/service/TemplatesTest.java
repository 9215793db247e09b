package ru.getmark.support.whatsapp.service;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.twilio.QuickReply;
import ru.getmark.support.infra.twilio.SentMessage;
import ru.getmark.support.whatsapp.repository.NoticeRepository;
import ru.getmark.support.whatsapp.support.Customer;
import ru.getmark.support.whatsapp.support.FakeTwilioResource;
import ru.getmark.support.whatsapp.support.TemplatesProfile;
import ru.getmark.support.whatsapp.support.WhatsAppTest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With content templates configured: choices become real quick-reply buttons whose press (ButtonPayload) drives the
 * dialogue, and a notice outside the 24-hour window goes as the approved template, also when Twilio reports the
 * window closed only at delivery (63016).
 */
@QuarkusTest
@TestProfile(TemplatesProfile.class)
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@WithTestResource(FakeTwilioResource.class)
class TemplatesTest extends WhatsAppTest {

    @BeforeEach
    void registerTemplates() {
        twilio.contentTemplateWithIds(TemplatesProfile.QUICK_REPLY_2, "{{1}}",
                List.of(new QuickReply("{{2}}", "{{3}}"), new QuickReply("{{4}}", "{{5}}")));
        twilio.contentTemplate(TemplatesProfile.NOTICE, "Обращение № {{2}}. {{1}}", List.of());
    }

    private SentMessage deliveredNotice(Customer c, String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> c.received().stream()
                .anyMatch(m -> m.body() != null && m.body().contains(text) && "delivered".equals(m.status())));
        return c.received().stream().filter(m -> m.body().contains(text)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    @DisplayName("Two choices go as quick-reply buttons; pressing one drives the dialogue")
    void quickRepliesDriveTheDialogue() {
        Customer c = customer("Анна");
        List<SentMessage> question = c.says("Здравствуйте");
        SentMessage buttons = question.get(question.size() - 1);
        assertThat(buttons.contentSid()).isEqualTo(TemplatesProfile.QUICK_REPLY_2);
        assertThat(buttons.buttons()).containsExactly("Новое обращение", "Отмена");
        assertThat(buttons.body()).contains("Оформить новое Обращение");

        List<SentMessage> next = c.pressesQuickReply("Новое обращение", buttons.buttonPayloads().get(0));
        assertThat(next.get(next.size() - 1).body()).contains("Введите ИНН");
    }

    @Test
    @DisplayName("R12: the solution's buttons as quick replies; «Проблема решена» publishes a CONFIRMATION")
    void solutionConfirmedWithAQuickReply() {
        Customer c = wrote("Борис");
        String ticket = "TQ-" + c.waId();
        solved(c, ticket);
        publish(solutionNotice("solution-" + c.waId(), ticket, c));
        SentMessage notice = deliveredNotice(c, "предоставлено решение");
        assertThat(notice.contentSid()).isEqualTo(TemplatesProfile.QUICK_REPLY_2);
        assertThat(notice.buttons()).containsExactly("Проблема решена", "Не решена");
        assertThat(notice.body()).contains("https://support.getmark.test/t/" + ticket);

        c.pressesQuickReply("Проблема решена", notice.buttonPayloads().get(0));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(intakeOf(c)).singleElement()
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.CONFIRMATION);
                    assertThat(m.ticketNumber()).isEqualTo(ticket);
                }));
    }

    @Test
    @DisplayName("R20: outside the 24-hour window a notice goes as the approved template (ContentSid + variables)")
    void outsideTheWindowTheTemplate() {
        Customer c = customer("Вера");        // never wrote
        String ticket = "TT-" + c.waId();
        ChannelNotice notice = solutionNotice("template-" + c.waId(), ticket, c);
        publish(notice);
        SentMessage sent = deliveredNotice(c, "предоставлено решение");
        assertThat(sent.contentSid()).isEqualTo(TemplatesProfile.NOTICE);
        assertThat(sent.body()).startsWith("Обращение № " + ticket + ". По Обращению № " + ticket)
                .contains("1 — Проблема решена; 2 — Не решена").doesNotContain("\n");
        @SuppressWarnings("unchecked")
        Map<String, String> variables = Json.fromJson(sent.contentVariables(), Map.class);
        assertThat(variables).containsEntry("2", ticket);
        assertThat(storedNotice(notice.noticeId())).hasValueSatisfying(n ->
                assertThat(n.outcome()).isEqualTo(NoticeRepository.TEMPLATE));
    }

    @Test
    @DisplayName("R20: the window closed meanwhile (Twilio answers 63016): the notice is sent again as the template")
    void windowClosedAtTwilioThenTheTemplate() {
        Customer c = wrote("Глеб");
        twilio.windowOpenedAt(c.phone(), Instant.now().minus(25, ChronoUnit.HOURS));
        String ticket = "TW-" + c.waId();
        ChannelNotice notice = notice("late-" + c.waId(), ticket, c, "Обращение № " + ticket
                + " зарегистрировано. Срок рассмотрения: 05.12.2026 18:00 (Мск).");
        publish(notice);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(c.received())
                .filteredOn(m -> m.body().contains("зарегистрировано"))
                .extracting(SentMessage::contentSid, SentMessage::status, SentMessage::errorCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "failed", 63016),
                        org.assertj.core.groups.Tuple.tuple(TemplatesProfile.NOTICE, "delivered", null)));
        assertThat(storedNotice(notice.noticeId())).hasValueSatisfying(n ->
                assertThat(n.outcome()).isEqualTo(NoticeRepository.TEMPLATE));
    }
}
