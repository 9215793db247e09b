package ru.getmark.support.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.ticket.domain.MassProblem;
import ru.getmark.support.ticket.domain.Ticket;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Mass problems (R16) and the tickets each gathered ({@code mass_problem_ticket}). */
@ApplicationScoped
public class MassProblemRepository implements PanacheRepository<MassProblem> {

    /** The group's unresolved mass problem, if any (at most one: a unique index). */
    public Optional<MassProblem> openFor(String rootTicket) {
        return find("rootTicket = ?1 and resolvedAt is null", rootTicket).firstResultOptional();
    }

    /** Unresolved first, then the newest. */
    public List<MassProblem> listOpenFirst(int limit) {
        return find("order by case when resolvedAt is null then 0 else 1 end, declaredAt desc, id desc")
                .page(0, limit).list();
    }

    /** Locks the mass problem's row for the current transaction (one resolution at a time). */
    public void lock(long id) {
        getEntityManager().createNativeQuery("select id from mass_problem where id = ?1 for update")
                .setParameter(1, id).getResultList();
    }

    /** Records that the ticket is part of the mass problem (once). */
    public void addMember(long massProblemId, long ticketId, Instant at) {
        getEntityManager().createNativeQuery("""
                        insert into mass_problem_ticket (mass_problem_id, ticket_id, joined_at) values (?1, ?2, ?3)
                        on conflict do nothing""")
                .setParameter(1, massProblemId).setParameter(2, ticketId).setParameter(3, at).executeUpdate();
    }

    public void removeMember(long massProblemId, long ticketId) {
        getEntityManager().createNativeQuery("delete from mass_problem_ticket where mass_problem_id = ?1 "
                + "and ticket_id = ?2").setParameter(1, massProblemId).setParameter(2, ticketId).executeUpdate();
    }

    public int countMembers(long massProblemId) {
        return ((Number) getEntityManager().createNativeQuery("select count(*) from mass_problem_ticket "
                + "where mass_problem_id = ?1").setParameter(1, massProblemId).getSingleResult()).intValue();
    }

    /** Locks the mass problem's tickets in id order (a resolution changes each of them). */
    public void lockMembers(long massProblemId) {
        getEntityManager().createNativeQuery("""
                        select t.id from ticket t join mass_problem_ticket m on m.ticket_id = t.id
                        where m.mass_problem_id = ?1 order by t.id for no key update of t""")
                .setParameter(1, massProblemId).getResultList();
    }

    /** The mass problem's tickets, with when each joined, in joining order. */
    public List<Member> members(long massProblemId) {
        List<?> rows = getEntityManager().createNativeQuery("select ticket_id, joined_at from mass_problem_ticket "
                + "where mass_problem_id = ?1 order by joined_at, ticket_id").setParameter(1, massProblemId)
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Instant> joined = new java.util.LinkedHashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            joined.put(((Number) r[0]).longValue(), toInstant(r[1]));
        }
        Map<Long, Ticket> tickets = new HashMap<>();
        getEntityManager().createQuery("from Ticket where id in :ids", Ticket.class)
                .setParameter("ids", joined.keySet()).getResultList().forEach(t -> tickets.put(t.id, t));
        return joined.entrySet().stream().map(e -> new Member(tickets.get(e.getKey()), e.getValue())).toList();
    }

    /** Per mass problem: how many tickets it gathered and how many of them are still open. */
    public Map<Long, Counts> counts(List<Long> ids) {
        Map<Long, Counts> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        List<?> rows = getEntityManager().createNativeQuery("""
                        select m.mass_problem_id, count(*), count(*) filter (where t.status in (:open))
                        from mass_problem_ticket m join ticket t on t.id = m.ticket_id
                        where m.mass_problem_id in (:ids) group by m.mass_problem_id""")
                .setParameter("ids", ids)
                .setParameter("open", List.of(TicketStatus.NEW.name(), TicketStatus.IN_PROGRESS.name(),
                        TicketStatus.AWAITING_USER.name(), TicketStatus.AWAITING_IMPLEMENTATION.name()))
                .getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            result.put(((Number) r[0]).longValue(), new Counts(((Number) r[1]).intValue(),
                    ((Number) r[2]).intValue()));
        }
        return result;
    }

    /** A ticket of a mass problem and when it joined. */
    public record Member(Ticket ticket, Instant joinedAt) {
    }

    public record Counts(int tickets, int open) {
        public static final Counts NONE = new Counts(0, 0);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
