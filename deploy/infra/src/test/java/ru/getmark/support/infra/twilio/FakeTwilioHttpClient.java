package ru.getmark.support.infra.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The Twilio SDK's own HTTP client, sending every request to the fake instead of {@code https://api.twilio.com}:
 * same method, path, query, form, headers and credentials, only scheme/host/port replaced. The recipe of
 * /work/notes/fake-twilio.md ("Pointing the SDK at the fake"); services copy it into their tests.
 */
final class FakeTwilioHttpClient extends NetworkHttpClient {

    private final String baseUrl;

    FakeTwilioHttpClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(redirect(request));
    }

    private Request redirect(Request original) {
        URI uri = URI.create(original.getUrl());             // https://api.twilio.com/2010-04-01/...
        Request copy = new FixedUrlRequest(original, baseUrl + uri.getRawPath());
        if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        } else if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        }
        copy(original.getQueryParams(), copy::addQueryParam);
        copy(original.getPostParams(), copy::addPostParam);
        copy(original.getHeaderParams(), copy::addHeaderParam);
        copy.setContentType(original.getContentType());
        copy.setBody(original.getBody());
        if (original.getFormParameters() != null) {
            copy.setFormParameters(original.getFormParameters());
        }
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        return copy;
    }

    /**
     * Used as given: the SDK's {@code buildURL()} reads a host of four dot-separated parts (127.0.0.1) as
     * product.region.twilio.com and re-assembles it, which breaks as soon as a region or edge is set.
     */
    private static final class FixedUrlRequest extends Request {

        FixedUrlRequest(Request original, String url) {
            super(original.getMethod(), url);
        }

        @Override
        protected String buildURL() {
            return url;
        }
    }

    private static void copy(Map<String, List<String>> from, java.util.function.BiConsumer<String, String> to) {
        from.forEach((name, values) -> values.forEach(v -> to.accept(name, v)));
    }
}
