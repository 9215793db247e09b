package ru.getmark.support.phone.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import ru.getmark.support.adapter.kafka.KafkaUnavailableException;
import ru.getmark.support.adapter.staff.Roles;
import ru.getmark.support.phone.domain.IdempotencyKeys;
import ru.getmark.support.phone.service.CallIntakeService;
import ru.getmark.support.phone.service.IdempotencyConflictException;
import ru.getmark.support.phone.service.InvalidCallException;

/**
 * Calls logged by first-line operators (8 800 550-22-79 доб. 2). Thin: reading, rules and Kafka live in
 * {@link CallIntakeService}; errors become problem answers in {@link CallExceptionMappers}.
 */
@Path("/api/calls")
@RolesAllowed({Roles.LINE1, Roles.ADMIN})
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
@SecurityRequirement(name = "basic")
public class CallResource {

    private final CallIntakeService service;
    private final SecurityIdentity identity;

    CallResource(CallIntakeService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Зарегистрировать звонок клиента",
            description = "Проверяет обращение и публикует его в getmark.intake.v1; отвечает 202 только после "
                    + "подтверждения записи Kafka. Повтор с тем же Idempotency-Key даёт тот же messageId и не "
                    + "создаёт второе обращение.")
    @APIResponse(responseCode = "202", description = "Принято: Kafka подтвердила запись",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CallAccepted.class)))
    @APIResponse(responseCode = "400", description = "Обращение не принято; перечислены все ошибки",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Нужна аутентификация (HTTP Basic)")
    @APIResponse(responseCode = "403", description = "Нужна роль LINE1 или ADMIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key уже использован для другого звонка",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka не подтвердила запись; повторите попытку (Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response logCall(
            @Parameter(description = "Ключ идемпотентности (например, UUID), до 200 символов")
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CallRequest.class)))
            String body)
            throws InvalidCallException, IdempotencyConflictException, KafkaUnavailableException {
        CallIntakeService.Accepted accepted = service.logCall(identity.getPrincipal().getName(), idempotencyKey, body);
        return Response.accepted(CallAccepted.of(accepted.messageId())).type(MediaType.APPLICATION_JSON).build();
    }
}
