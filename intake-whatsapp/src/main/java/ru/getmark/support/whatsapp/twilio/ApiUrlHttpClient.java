package ru.getmark.support.whatsapp.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The Twilio SDK's own HTTP client, sending every request to the configured API base URL instead of
 * {@code https://<product>.twilio.com}. The SDK has no base-URL setting: requests carry absolute URLs built from the
 * product domain, so each one is copied with the same path, parameters, headers and credentials onto the configured
 * scheme, host and port. With the default {@code https://api.twilio.com} nothing is rewritten.
 */
public class ApiUrlHttpClient extends NetworkHttpClient {

    private final URI base;

    /** @param apiUrl e.g. {@code http://127.0.0.1:18082}; null or the real API = no rewriting */
    public ApiUrlHttpClient(String apiUrl) {
        URI uri = apiUrl == null || apiUrl.isBlank() ? null : URI.create(apiUrl.strip());
        this.base = uri == null || "api.twilio.com".equalsIgnoreCase(uri.getHost()) && "https".equals(uri.getScheme())
                && uri.getPort() == -1 ? null : uri;
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(base == null ? request : rewrite(request, base));
    }

    /** The same request, sent to {@code base} (scheme, host, port and any path prefix) + the original path. */
    static Request rewrite(Request request, URI base) {
        URI original = URI.create(request.getUrl());
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String url = base.getScheme() + "://" + base.getRawAuthority() + prefix + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery());
        Request copy = new FixedUrlRequest(request, url);
        copy(request.getQueryParams(), copy::addQueryParam);
        copy(request.getPostParams(), copy::addPostParam);
        copy(request.getHeaderParams(), copy::addHeaderParam);
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        copy.setContentType(request.getContentType());
        copy.setBody(request.getBody());
        if (!request.getFormParameters().isEmpty()) {
            copy.setFormParameters(request.getFormParameters());
        }
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        return copy;
    }

    private interface Adder {
        void add(String name, String value);
    }

    private static void copy(Map<String, List<String>> params, Adder adder) {
        params.forEach((name, values) -> values.forEach(v -> adder.add(name, v)));
    }

    /**
     * A request whose URL is used as given: the SDK's own URL building would read a host with four dots-separated
     * parts as product.region.twilio.com and re-assemble it.
     */
    static final class FixedUrlRequest extends Request {

        FixedUrlRequest(Request original, String url) {
            super(original.getMethod(), url);
        }

        @Override
        protected String buildURL() {
            return url;
        }
    }

    /** Releases the pooled connections (the producer disposes the client at shutdown). */
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // shutting down: nothing to do about it
        }
    }
}
