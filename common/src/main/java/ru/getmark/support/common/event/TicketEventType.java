package ru.getmark.support.common.event;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What happened to a ticket. A consumer older than its producer reads a type it does not know as {@link #UNKNOWN}
 * and skips it (with a log line) instead of failing: adding a type is a compatible change of the contract.
 */
public enum TicketEventType {
    @JsonProperty("registered") REGISTERED,
    @JsonProperty("status_changed") STATUS_CHANGED,
    @JsonProperty("information_requested") INFORMATION_REQUESTED,
    @JsonProperty("solution_provided") SOLUTION_PROVIDED,
    @JsonProperty("routed_to_developers") ROUTED_TO_DEVELOPERS,
    @JsonProperty("awaiting_implementation") AWAITING_IMPLEMENTATION,
    @JsonProperty("refused") REFUSED,
    @JsonProperty("deadline_changed") DEADLINE_CHANGED,
    @JsonProperty("priority_changed") PRIORITY_CHANGED,
    @JsonProperty("reopened") REOPENED,
    @JsonProperty("closed") CLOSED,
    @JsonProperty("rated") RATED,
    @JsonProperty("mass_problem_declared") MASS_PROBLEM_DECLARED,
    @JsonProperty("mass_problem_resolved") MASS_PROBLEM_RESOLVED,
    @JsonProperty("type_changed") TYPE_CHANGED,
    @JsonProperty("line_changed") LINE_CHANGED,
    @JsonProperty("assigned") ASSIGNED,
    @JsonProperty("follow_up_received") FOLLOW_UP_RECEIVED,
    @JsonProperty("solution_rejected") SOLUTION_REJECTED,
    @JsonProperty("sla_breach_near") SLA_BREACH_NEAR,
    @JsonProperty("sla_breached") SLA_BREACHED,
    /** Linked to an open, already escalated ticket with the same problem instead of being escalated again (R15). */
    @JsonProperty("similar_linked") SIMILAR_LINKED,
    /** Read-side only: a type this build does not know yet. Never published. */
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN
}
