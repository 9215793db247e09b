package ru.getmark.support.whatsapp.twilio;

import com.twilio.security.RequestValidator;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;

import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature} with the SDK's {@link RequestValidator} (HMAC-SHA1 of the URL Twilio posted to and
 * the sorted form parameters, keyed with the account's auth token). The URL is always the configured public one
 * (plus the query string the request arrived with): behind a proxy it is what Twilio signed.
 */
@ApplicationScoped
public class SignatureVerifier {

    public static final String HEADER = "X-Twilio-Signature";

    private final RequestValidator validator;

    SignatureVerifier(WhatsAppConfig config) {
        String token = config.twilio().authToken().map(String::strip).orElse("");
        this.validator = token.isEmpty() ? null : new RequestValidator(token);
    }

    /**
     * @param publicUrl the configured public URL of the endpoint
     * @param rawQuery  the query string of the request, null when none
     * @param params    the form parameters as posted
     * @param signature the header's value, null when missing
     */
    public boolean valid(String publicUrl, String rawQuery, Map<String, String> params, String signature) {
        if (validator == null || signature == null || signature.isBlank()) {
            return false;
        }
        String url = rawQuery == null || rawQuery.isEmpty() ? publicUrl : publicUrl + "?" + rawQuery;
        return validator.validate(url, params, signature.strip());
    }
}
