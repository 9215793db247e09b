package ru.getmark.support.ticket.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A message waiting to be published (transactional outbox). It is written in the same transaction as the change it
 * announces, so a crash can neither lose the event nor publish one for a change that was rolled back.
 */
@Entity
@Table(name = "outbox")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The Kafka key: the ticket number, so one ticket's events stay in order. */
    @Column(name = "aggregate_id", nullable = false)
    public String aggregateId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** The Kafka value, JSON as {@code ru.getmark.support.common.json.Json} writes it. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Null until Kafka acknowledged the publish. */
    @Column(name = "published_at")
    public Instant publishedAt;
}
