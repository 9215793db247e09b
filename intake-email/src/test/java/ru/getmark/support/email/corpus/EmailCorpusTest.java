package ru.getmark.support.email.corpus;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.getmark.support.common.process.ProcessDirectory;
import ru.getmark.support.email.domain.EmailParser;
import ru.getmark.support.email.domain.EmailTriage;
import ru.getmark.support.email.domain.ParsedEmail;
import ru.getmark.support.email.domain.Verdict;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every corpus email through the parser and triage, asserting what becomes of it (R1, R3, R4, R5, R11, R12: each
 * entry's expectation names the rule it exercises).
 */
class EmailCorpusTest {

    private static final EmailParser PARSER = new EmailParser();
    private static final EmailTriage TRIAGE = new EmailTriage(EmailCorpus.RULES, ProcessDirectory.builtIn());

    static List<EmailCorpus.Entry> entries() {
        return EmailCorpus.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    @DisplayName("R1 R3 R4 R11 R12: corpus email → verdict")
    void corpusEntry(EmailCorpus.Entry entry) {
        ParsedEmail email = PARSER.parse(entry.raw());
        Verdict verdict = TRIAGE.triage(email, EmailCorpus.directory());
        Expected x = entry.expected();
        String shown = entry.name() + " → " + verdict;

        assertThat(email.from()).as("From of " + entry.name()).isNotNull();
        assertThat(email.from().address()).as("sender of " + entry.name()).isEqualToIgnoringCase(entry.sender());
        assertThat(email.attachments()).as("files of " + shown).hasSize(x.attachments());
        assertThat(kind(verdict)).as(shown).isEqualTo(x.kind());

        String text;
        if (verdict instanceof Verdict.NewRequest r) {
            assertThat(r.inn()).as(shown).isEqualTo(x.inn());
            assertThat(r.relatedTicket()).as(shown).isEqualTo(x.relatedTicket());
            if (x.classified()) {
                assertThat(r.type()).as("type of " + shown).isEqualTo(x.type());
                assertThat(r.process()).as("process of " + shown).isEqualTo(x.process());
                assertThat(r.impact()).as("impact of " + shown).isEqualTo(x.impact());
            }
            assertThat(r.customerName()).as(shown).isNotBlank();
            text = r.text();
        } else if (verdict instanceof Verdict.FollowUp f) {
            assertThat(f.ticketNumber()).as(shown).isEqualTo(x.ticketNumber());
            assertThat(f.byThread()).as(shown).isEqualTo(x.byThread());
            text = f.text();
        } else if (verdict instanceof Verdict.DeliveryFailure d) {
            assertThat(d.ticketNumber()).as(shown).isEqualTo(x.ticketNumber());
            text = d.diagnostic();
        } else if (verdict instanceof Verdict.Reject r) {
            assertThat(r.reason()).as(shown).isEqualTo(x.reason());
            assertThat(r.autoReply() != null).as("auto-reply due for " + shown).isEqualTo(x.autoReply());
            assertThat(r.detail()).isNotBlank();
            text = r.autoReply();
        } else {
            assertThat(x.autoReply()).as("automatic mail is never answered").isFalse();
            assertThat(((Verdict.Ignore) verdict).cause()).as(shown).isEqualTo(x.ignoreCause());
            text = ((Verdict.Ignore) verdict).reason();
        }
        for (String fragment : x.present()) {
            assertThat(text).as("text of " + shown).contains(fragment);
        }
        for (String fragment : x.absent()) {
            assertThat(text).as("text of " + shown).doesNotContain(fragment);
        }
    }

    @Test
    @DisplayName("the corpus has at least 30 entries, unique names and Message-IDs, and every verdict kind")
    void corpusShape() {
        List<EmailCorpus.Entry> all = EmailCorpus.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(30);
        assertThat(all.stream().map(EmailCorpus.Entry::name).collect(Collectors.toSet())).hasSize(all.size());
        Set<String> ids = new HashSet<>();
        for (EmailCorpus.Entry e : all) {
            String id = PARSER.parse(e.raw()).messageId();
            assertThat(id).as(e.name()).isNotNull();
            assertThat(ids.add(id)).as("Message-ID of " + e.name() + " is unique").isTrue();
        }
        Map<Expected.Kind, Long> kinds = all.stream()
                .collect(Collectors.groupingBy(e -> e.expected().kind(), Collectors.counting()));
        assertThat(kinds.keySet()).containsExactlyInAnyOrder(Expected.Kind.values());
    }

    static Expected.Kind kind(Verdict v) {
        if (v instanceof Verdict.NewRequest) {
            return Expected.Kind.NEW_REQUEST;
        }
        if (v instanceof Verdict.FollowUp) {
            return Expected.Kind.FOLLOW_UP;
        }
        if (v instanceof Verdict.DeliveryFailure) {
            return Expected.Kind.DELIVERY_FAILURE;
        }
        return v instanceof Verdict.Ignore ? Expected.Kind.IGNORE : Expected.Kind.REJECT;
    }
}
