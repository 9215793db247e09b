package ru.getmark.support.phone.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.getmark.support.phone.domain.Violation;

import java.util.List;

/**
 * An error answer in the shape of RFC 9457 ("problem details"), with the list of field problems operators fix.
 *
 * @param title      what happened, in Russian
 * @param status     the HTTP status
 * @param detail     what to do next, when there is more to say than the title
 * @param violations the problems of the call, one per field (400)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "Ошибка в формате RFC 9457 (application/problem+json)")
public record Problem(String title, int status, String detail, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
