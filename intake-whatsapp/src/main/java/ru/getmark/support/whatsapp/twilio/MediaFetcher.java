package ru.getmark.support.whatsapp.twilio;

import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads the media of an inbound message. Twilio's media URLs need the account's credentials (HTTP Basic) and
 * answer with a redirect to a short-lived CDN URL, which must be fetched without them: credentials go only with the
 * first request and only to the Twilio API host (the configured one, or api.twilio.com), never where a redirect
 * points. Media over the size limit are not downloaded (Content-Length) or stopped as soon as they exceed it.
 */
@ApplicationScoped
public class MediaFetcher {

    private static final int MAX_REDIRECTS = 5;
    private static final Pattern FILENAME_STAR = Pattern.compile("filename\\*\\s*=\\s*(?:UTF-8|utf-8)''([^;]+)");
    private static final Pattern FILENAME = Pattern.compile("filename\\s*=\\s*\"?([^\";]+)\"?");

    /** A downloaded file. */
    public record Fetched(byte[] content, String contentType, String fileName) {
    }

    /** The media is larger than the limit; nothing was kept. */
    public static final class TooLarge extends Exception {
        private final long size;

        public TooLarge(long size) {
            super("media of " + (size < 0 ? "unknown" : Long.toString(size)) + " bytes over the limit");
            this.size = size;
        }

        /** The declared or reached size, -1 when unknown. */
        public long size() {
            return size;
        }
    }

    /** Twilio refuses the media for good (deleted, not ours): retrying will not help. */
    public static final class Gone extends Exception {
        public Gone(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final WhatsAppConfig config;
    private final String authorization;
    private final String apiHost;

    MediaFetcher(WhatsAppConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String sid = config.twilio().accountSid().orElse("");
        String token = config.twilio().authToken().orElse("");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
        this.apiHost = URI.create(config.twilio().apiUrl().strip()).getHost();
    }

    /**
     * @throws IOException on a network error or a 429/5xx (worth retrying later)
     * @throws TooLarge    when the media exceeds {@code getmark.whatsapp.max-media-size}
     * @throws Gone        when Twilio answers another 4xx
     */
    public Fetched fetch(String url) throws IOException, TooLarge, Gone {
        long max = config.maxMediaSize();
        URI uri = URI.create(url.strip());
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
            if (hop == 0 && trusted(uri)) {
                request.header("Authorization", authorization);
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                response.body().close();
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new IOException("redirect " + status + " without Location"));
                uri = uri.resolve(location);
                continue;
            }
            try (InputStream body = response.body()) {
                if (status == 429 || status >= 500) {
                    throw new IOException("media download answered " + status);
                }
                if (status != 200) {
                    throw new Gone("media download answered " + status);
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > max) {
                    throw new TooLarge(declared);
                }
                byte[] content = read(body, max);
                String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip())
                        .orElse(null);
                String name = response.headers().firstValue("Content-Disposition").flatMap(MediaFetcher::fileName)
                        .orElse(null);
                return new Fetched(content, type, name);
            }
        }
        throw new IOException("too many redirects fetching media");
    }

    private boolean trusted(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return host.equalsIgnoreCase(apiHost) || host.equals("api.twilio.com") && "https".equals(uri.getScheme());
    }

    private static byte[] read(InputStream in, long max) throws IOException, TooLarge {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > max) {
                throw new TooLarge(total);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static Optional<String> fileName(String disposition) {
        Matcher star = FILENAME_STAR.matcher(disposition);
        if (star.find()) {
            return Optional.of(java.net.URLDecoder.decode(star.group(1).strip(), StandardCharsets.UTF_8));
        }
        Matcher plain = FILENAME.matcher(disposition);
        return plain.find() ? Optional.of(plain.group(1).strip()) : Optional.empty();
    }
}
