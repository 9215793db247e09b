package ru.getmark.support.email.service;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.email.domain.DeliveryReport;
import ru.getmark.support.email.domain.Mailbox;
import ru.getmark.support.email.domain.ParsedEmail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Never a loop: no auto-reply to automatic mail, mail systems or ourselves")
class ReplyPolicyTest {

    final ReplyPolicy policy = new ReplyPolicy(Set.of("help@getmark.ru", "Notices@GetMark.ru"));

    @Test
    void anOrdinaryCustomerMayBeAnswered() {
        assertThat(policy.refusal(email(Map.of()), "ivanova@romashka.ru")).isNull();
        assertThat(policy.refusal(email(Map.of("auto-submitted", "no")), "ivanova@romashka.ru")).isNull();
    }

    @Test
    void neverOurOwnAddresses() {
        assertThat(policy.refusal(email(Map.of()), "HELP@getmark.ru")).contains("own address");
        assertThat(policy.refusal(email(Map.of()), "notices@getmark.ru")).contains("own address");
    }

    @Test
    void neverMailSystems() {
        assertThat(policy.refusal(email(Map.of()), "MAILER-DAEMON@mx.yandex.ru")).contains("mail system");
        assertThat(policy.refusal(email(Map.of()), "postmaster@romashka.ru")).contains("mail system");
        assertThat(policy.refusal(email(Map.of()), "no-reply@bank.ru")).contains("mail system");
        assertThat(policy.refusal(email(Map.of()), null)).isNotNull();
        assertThat(policy.refusal(email(Map.of()), "not an address")).isNotNull();
    }

    @Test
    void neverAutomaticMail() {
        assertThat(policy.refusal(email(Map.of("auto-submitted", "auto-replied")), "a@b.ru")).contains("Auto-Submitted");
        assertThat(policy.refusal(email(Map.of("auto-submitted", "auto-generated")), "a@b.ru")).isNotNull();
        assertThat(policy.refusal(email(Map.of("precedence", "bulk")), "a@b.ru")).contains("Precedence");
        assertThat(policy.refusal(email(Map.of("precedence", "junk")), "a@b.ru")).isNotNull();
        assertThat(policy.refusal(email(Map.of("precedence", "list")), "a@b.ru")).isNotNull();
        assertThat(policy.refusal(email(Map.of("x-autoreply", "yes")), "a@b.ru")).isNotNull();
        assertThat(policy.refusal(email(Map.of("x-autorespond", "1")), "a@b.ru")).isNotNull();
        assertThat(policy.refusal(email(Map.of("list-id", "<news.romashka.ru>")), "a@b.ru")).isNotNull();
        assertThat(policy.refusal(email(Map.of("return-path", "<>")), "a@b.ru")).contains("Return-Path");
    }

    @Test
    void neverADeliveryReport() {
        ParsedEmail bounce = new ParsedEmail("<x@y>", "0".repeat(64), new Mailbox("a@b.ru", null), List.of(), List.of(),
                "Undelivered", null, null, null, Map.of(), "", false, List.of(),
                new DeliveryReport(null, null, "c@d.ru", "5.1.1", "no such user"), 100);
        assertThat(policy.refusal(bounce, "a@b.ru")).contains("delivery report");
    }

    static ParsedEmail email(Map<String, String> headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers.forEach((k, v) -> all.put(k, List.of(v)));
        return new ParsedEmail("<m1@romashka.ru>", "0".repeat(64), new Mailbox("ivanova@romashka.ru", "Иванова"),
                List.of(), List.of(new Mailbox("help@getmark.ru", null)), "Ошибка", null, null, null, all, "Текст",
                false, List.of(), null, 100);
    }
}
