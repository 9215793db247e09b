package ru.getmark.support.email.service;

import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.email.domain.Mailbox;
import ru.getmark.support.email.domain.ParsedAttachment;
import ru.getmark.support.email.domain.ParsedEmail;
import ru.getmark.support.email.domain.Verdict;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain parts of the intake service; the whole of it runs against real servers in EmailIntakeTest. */
class EmailIntakeServiceTest {

    @Test
    void answersGoToReplyToElseFrom() {
        assertThat(EmailIntakeService.replyAddress(email(List.of()))).isEqualTo("ivanova@romashka.ru");
        assertThat(EmailIntakeService.replyAddress(email(List.of(new Mailbox("office@romashka.ru", "Офис")))))
                .isEqualTo("office@romashka.ru");
    }

    @Test
    void thePayloadForOpsNamesSenderSubjectFilesAndText() {
        String payload = EmailIntakeService.payload(email(List.of()));
        assertThat(payload).contains("From: ivanova@romashka.ru", "Subject: Не печатается УПД",
                "Attachment: скрин.png (image/png, 3 bytes)", "Текст письма");
    }

    @Test
    void onlyWhatWouldBecomeWorkCountsTowardsAFlood() {
        assertThat(EmailIntakeService.countsTowardsFlood(
                new Verdict.NewRequest("7707083893", "x", null, null, null, "s", "t", null))).isTrue();
        assertThat(EmailIntakeService.countsTowardsFlood(new Verdict.FollowUp("1001", true, "t"))).isTrue();
        assertThat(EmailIntakeService.countsTowardsFlood(
                new Verdict.Reject(RejectedIntake.Reason.MISSING_INN, "d", "a"))).isTrue();
        assertThat(EmailIntakeService.countsTowardsFlood(new Verdict.Ignore("auto-reply"))).isFalse();
        assertThat(EmailIntakeService.countsTowardsFlood(new Verdict.DeliveryFailure("1001", "550"))).isFalse();
    }

    static ParsedEmail email(List<Mailbox> replyTo) {
        return new ParsedEmail("<m1@romashka.ru>", "0".repeat(64), new Mailbox("ivanova@romashka.ru", "Иванова"),
                replyTo, List.of(), "Не печатается УПД", null, null, null, Map.of(), "Текст письма", false,
                List.of(new ParsedAttachment("скрин.png", "image/png", new byte[] {1, 2, 3}, false, null)), null, 10);
    }
}
