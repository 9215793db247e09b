package ru.getmark.support.phone.rest;

import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import ru.getmark.support.adapter.kafka.KafkaUnavailableException;
import ru.getmark.support.phone.config.PhoneIntakeConfig;
import ru.getmark.support.phone.service.IdempotencyConflictException;
import ru.getmark.support.phone.service.InvalidCallException;

/** Turns the service's refusals into problem answers an operator's form can show as they are. */
public class CallExceptionMappers {

    private final PhoneIntakeConfig config;

    CallExceptionMappers(PhoneIntakeConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidCallException e) {
        return problem(new Problem("Обращение не принято: исправьте ошибки", 400, null, e.violations()));
    }

    @ServerExceptionMapper
    public Response conflict(IdempotencyConflictException e) {
        return problem(new Problem("Обращение не принято: ключ Idempotency-Key уже использован для другого звонка",
                422, "Повтор допускается только для того же звонка без изменений. Для нового или исправленного "
                + "звонка отправьте новый ключ Idempotency-Key.", null));
    }

    @ServerExceptionMapper
    public Response unavailable(KafkaUnavailableException e) {
        int seconds = config.retryAfterSeconds();
        return Response.fromResponse(problem(new Problem(
                        "Обращение не зарегистрировано: сервис временно недоступен, повторите попытку", 503,
                        "Очередь обращений не подтвердила запись. Повторите попытку через " + seconds
                                + " с. с тем же ключом Idempotency-Key — повтор не создаст второе обращение.",
                        null)))
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(new Problem("Недостаточно прав", 403,
                "Регистрировать звонки могут операторы первой линии (LINE1) и администраторы (ADMIN).", null));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
