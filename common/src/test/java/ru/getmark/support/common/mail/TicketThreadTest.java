package ru.getmark.support.common.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketThreadTest {

    static final String DOMAIN = "getmark.ru";

    @Test
    void noticeIdsAreStableAndCarryTheTicketNumber() {
        String id = TicketThread.noticeId("solution", "1001", "3f2a-77/x", DOMAIN);
        assertThat(id).isEqualTo("<notice.solution.1001.3f2a-77_x@getmark.ru>");
        assertThat(TicketThread.noticeId("solution", "1001", "3f2a-77/x", DOMAIN)).isEqualTo(id);
        assertThat(TicketThread.ticketNumbers(id, DOMAIN)).containsExactly("1001");
    }

    @Test
    void aReplyFindsItsTicketThroughTheRootOrAnyNotice() {
        String references = "<CAF=abc@mail.gmail.com> " + TicketThread.root("1001", DOMAIN) + "\r\n "
                + TicketThread.noticeId("registration", "1001", "e-1", DOMAIN) + " "
                + TicketThread.noticeId("solution", "1002", "e-2", DOMAIN);
        assertThat(TicketThread.ticketNumbers(references, DOMAIN)).containsExactly("1001", "1002");
    }

    @Test
    void idsOfOtherDomainsAndLookAlikesDoNotCount() {
        assertThat(TicketThread.ticketNumbers("<ticket.1001@example.com>", DOMAIN)).isEmpty();
        assertThat(TicketThread.ticketNumbers("<ticket.1001@getmark.ru.evil.com>", DOMAIN)).isEmpty();
        assertThat(TicketThread.ticketNumbers("<ticket.10a1@getmark.ru> <random@getmark.ru>", DOMAIN)).isEmpty();
        assertThat(TicketThread.ticketNumbers(null, DOMAIN)).isEmpty();
        assertThat(TicketThread.ticketNumbers("<TICKET.1001@GetMark.RU>", DOMAIN)).isEmpty();
        assertThat(TicketThread.ticketNumbers("<ticket.1001@GetMark.RU>", DOMAIN)).containsExactly("1001");
    }

    @Test
    void aTicketNumberIsDigitsOnly() {
        assertThatThrownBy(() -> TicketThread.root("10 01", DOMAIN)).isInstanceOf(IllegalArgumentException.class);
    }
}
