package ru.getmark.support.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.TicketType;

class PriorityRulesTest {

    /** R7's table, row by row, as REGULATION.md writes it; NOT_STATED stands for null. */
    @ParameterizedTest(name = "R7: {0} × {1} → {2}")
    @CsvSource(nullValues = "NOT_STATED", textBlock = """
            SOFTWARE_BUG,    STOPS_OPERATIONS,   HIGH
            SOFTWARE_BUG,    HINDERS_OPERATIONS, MEDIUM
            SOFTWARE_BUG,    NO_EFFECT,          MEDIUM
            SOFTWARE_BUG,    NOT_STATED,         MEDIUM
            DATA_CORRECTION, STOPS_OPERATIONS,   HIGH
            DATA_CORRECTION, HINDERS_OPERATIONS, MEDIUM
            DATA_CORRECTION, NO_EFFECT,          LOW
            DATA_CORRECTION, NOT_STATED,         MEDIUM
            CONSULTATION,    STOPS_OPERATIONS,   MEDIUM
            CONSULTATION,    HINDERS_OPERATIONS, MEDIUM
            CONSULTATION,    NO_EFFECT,          MEDIUM
            CONSULTATION,    NOT_STATED,         MEDIUM
            CHANGE_REQUEST,  STOPS_OPERATIONS,   LOW
            CHANGE_REQUEST,  HINDERS_OPERATIONS, LOW
            CHANGE_REQUEST,  NO_EFFECT,          LOW
            CHANGE_REQUEST,  NOT_STATED,         LOW
            NOT_STATED,      STOPS_OPERATIONS,   HIGH
            NOT_STATED,      HINDERS_OPERATIONS, MEDIUM
            NOT_STATED,      NO_EFFECT,          LOW
            NOT_STATED,      NOT_STATED,         MEDIUM
            """)
    void r7TableRow(TicketType type, Impact impact, Priority expected) {
        assertThat(PriorityRules.initialPriority(type, impact)).isEqualTo(expected);
    }

    @Test
    @DisplayName("R7: the table has a row for every type (and 'not stated') and every impact (and 'not stated')")
    void tableIsComplete() {
        // 5 type rows × 4 impact columns: the parameterised test above lists exactly 20 rows.
        assertThat((TicketType.values().length + 1) * (Impact.values().length + 1)).isEqualTo(20);
    }

    @Test
    @DisplayName("R7: registration never assigns Критический, whatever the type and impact")
    void neverCritical() {
        List<TicketType> types = new ArrayList<>(Arrays.asList(TicketType.values()));
        types.add(null);
        List<Impact> impacts = new ArrayList<>(Arrays.asList(Impact.values()));
        impacts.add(null);
        for (TicketType type : types) {
            for (Impact impact : impacts) {
                assertThat(PriorityRules.initialPriority(type, impact))
                        .as("%s × %s", type, impact)
                        .isNotNull()
                        .isNotEqualTo(Priority.CRITICAL);
            }
        }
    }

    @Test
    @DisplayName("R7: a request without a type is flagged for the first line to classify; a typed one is not")
    void needsClassificationOnlyWithoutType() {
        assertThat(PriorityRules.needsClassification(null)).isTrue();
        for (TicketType type : TicketType.values()) {
            assertThat(PriorityRules.needsClassification(type)).as("%s", type).isFalse();
        }
    }
}
