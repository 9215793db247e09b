package ru.getmark.support.phone.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.adapter.kafka.IntakePublisher;
import ru.getmark.support.adapter.kafka.KafkaUnavailableException;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.common.inn.Inn;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.phone.config.PhoneIntakeConfig;
import ru.getmark.support.phone.domain.CallValidator;
import ru.getmark.support.phone.domain.IdempotencyKeys;
import ru.getmark.support.phone.domain.MessageIds;
import ru.getmark.support.phone.domain.ValidatedCall;
import ru.getmark.support.phone.domain.Violation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a call logged by a first-line operator into an {@link IntakeMessage} on Kafka.
 * <p>
 * The order matters: validate everything and answer with every problem at once (R1, R3); keep what was refused on the
 * rejected-intake topic so that nothing the customer said is lost (R1); publish and wait for Kafka's acknowledgement
 * before saying "accepted" (delivery guarantees); derive the message id from the Idempotency-Key so that a retry is
 * the same message and ticket-service registers one ticket (R5).
 */
@ApplicationScoped
public class CallIntakeService {

    /** What the operator is told when a call is accepted. */
    public record Accepted(String messageId) {
    }

    private final IntakePublisher publisher;
    private final Clock clock;
    private final RecentCalls recent;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter unavailable;
    private final Counter conflicts;

    CallIntakeService(IntakePublisher publisher, Clock clock, PhoneIntakeConfig config, MeterRegistry registry) {
        this.publisher = publisher;
        this.clock = clock;
        this.recent = new RecentCalls(config.recentKeys());
        this.accepted = counter(registry, "accepted", "Calls published to Kafka and acknowledged (202)");
        this.rejected = counter(registry, "rejected", "Calls refused for their content (400)");
        this.unavailable = counter(registry, "unavailable", "Calls not acknowledged by Kafka in time (503)");
        this.conflicts = counter(registry, "conflict", "Idempotency-Key reused for a different call (422)");
    }

    private static Counter counter(MeterRegistry registry, String outcome, String description) {
        return Counter.builder("getmark.phone.calls")
                .description(description)
                .tag("outcome", outcome)
                .register(registry);
    }

    /**
     * Logs a call.
     *
     * @param operator       login of the operator (the sender id of a rejected call)
     * @param idempotencyKey the {@code Idempotency-Key} header, or null
     * @param body           the request body as received
     * @throws InvalidCallException          with every problem when the call cannot be accepted
     * @throws IdempotencyConflictException  when the key was already used here for a different call
     * @throws KafkaUnavailableException     when Kafka did not acknowledge in time; nothing was accepted
     */
    public Accepted logCall(String operator, String idempotencyKey, String body)
            throws InvalidCallException, IdempotencyConflictException, KafkaUnavailableException {
        Instant receivedAt = clock.instant();
        List<Violation> problems = new ArrayList<>();
        Violation keyProblem = idempotencyKey == null ? null : IdempotencyKeys.problem(idempotencyKey);
        if (keyProblem != null) {
            problems.add(keyProblem);
        }
        CallRequestReader.Parsed parsed = CallRequestReader.read(body);
        problems.addAll(parsed.violations());
        CallValidator.Result result = CallValidator.validate(parsed.form(), problems);

        String messageId = idempotencyKey != null && keyProblem == null
                ? MessageIds.forIdempotencyKey(operator, idempotencyKey)
                : MessageIds.random();

        if (!result.isValid()) {
            rejected.increment();
            reject(operator, messageId, receivedAt, result.reason(), result.violations(), body);
            throw new InvalidCallException(result.violations());
        }

        ValidatedCall call = result.call();
        String fingerprint = idempotencyKey != null ? fingerprint(call) : null;
        if (fingerprint != null) {
            String earlier = recent.fingerprint(messageId);
            if (earlier != null && earlier.equals(fingerprint)) {
                Log.infof("Call %s retried with the same Idempotency-Key by %s: already accepted", messageId,
                        operator);
                accepted.increment();
                return new Accepted(messageId);
            }
            if (earlier != null) {
                conflicts.increment();
                reject(operator, messageId, receivedAt, RejectedIntake.Reason.INVALID_INPUT,
                        List.of(new Violation(IdempotencyKeys.HEADER, "Idempotency-Key reused for a different call")),
                        body);
                throw new IdempotencyConflictException();
            }
        }

        IntakeMessage message = IntakeMessage.newRequest(messageId, Channel.PHONE, receivedAt, call.inn(),
                CustomerContact.of(call.customerName(), call.email(), call.phone()), call.type(), call.process(),
                call.subject(), call.description(), call.impact(), List.of(),
                new ReplyAddress(Channel.EMAIL, call.email()));
        try {
            publisher.publish(message);
        } catch (KafkaUnavailableException e) {
            unavailable.increment();
            Log.errorf("Call %s from operator %s NOT accepted, Kafka did not acknowledge: %s", messageId, operator,
                    e.getMessage());
            throw e;
        }
        if (fingerprint != null) {
            recent.remember(messageId, fingerprint);
        }
        accepted.increment();
        Log.infof("Call %s accepted from operator %s: inn=%s phone=%s email=%s type=%s impact=%s", messageId,
                operator, Inn.mask(call.inn()), Inn.mask(call.phone()), Inn.mask(call.email()), call.type(),
                call.impact());
        return new Accepted(messageId);
    }

    private void reject(String operator, String messageId, Instant receivedAt, RejectedIntake.Reason reason,
                        List<Violation> violations, String body) {
        String detail = violations.stream().map(Violation::toString).collect(Collectors.joining("\n"));
        Log.infof("Call %s from operator %s rejected (%s): fields %s", messageId, operator, reason,
                violations.stream().map(Violation::field).distinct().collect(Collectors.joining(", ")));
        try {
            publisher.publishRejected(new RejectedIntake(RejectedIntake.SCHEMA, messageId, Channel.PHONE, operator,
                    receivedAt, reason, detail, body == null ? "" : body));
        } catch (KafkaUnavailableException e) {
            // Best effort: the operator gets the 400 whatever happens here (after at most
            // getmark.intake.rejected-publish-timeout); the producer keeps trying in the background until its
            // delivery.timeout.ms.
            Log.warnf("Rejected call %s not (yet) kept on the rejected-intake topic: %s", messageId, e.getMessage());
        }
    }

    /** A digest of the normalised call: equal for a true retry, different for another call under the same key. */
    private static String fingerprint(ValidatedCall call) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(Json.toJson(call).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
