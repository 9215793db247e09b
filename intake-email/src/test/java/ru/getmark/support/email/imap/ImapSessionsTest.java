package ru.getmark.support.email.imap;

import jakarta.mail.Flags;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImapSessionsTest {

    @Test
    void aKeywordByDefaultASystemFlagOnRequest() {
        Flags keyword = ImapSessions.processedFlags("$GetMarkProcessed");
        assertThat(keyword.getUserFlags()).containsExactly("$GetMarkProcessed");
        assertThat(ImapSessions.isKeyword(keyword)).isTrue();
        Flags seen = ImapSessions.processedFlags("\\Seen");
        assertThat(seen.contains(Flags.Flag.SEEN)).isTrue();
        assertThat(ImapSessions.isKeyword(seen)).isFalse();
        assertThat(ImapSessions.processedFlags("\\flagged").contains(Flags.Flag.FLAGGED)).isTrue();
    }

    @Test
    void refusesWhatIsNotAFlag() {
        assertThatThrownBy(() -> ImapSessions.processedFlags("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImapSessions.processedFlags("two words")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImapSessions.processedFlags("a(b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImapSessions.processedFlags("\\Deleted")).isInstanceOf(IllegalArgumentException.class);
    }
}
