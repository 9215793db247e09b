package ru.getmark.support.infra.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A small stand-in for the service: records every POST (form, headers) and checks its {@code X-Twilio-Signature} with
 * the SDK's {@link RequestValidator} against the URL Twilio was told (the public URL when a proxy route is in front).
 */
final class WebhookReceiver implements AutoCloseable {

    record Post(String path, Map<String, String> form, String signature, String idempotencyToken,
            String contentType, boolean validSignature, String signedUrl) {

        String get(String name) {
            return form.get(name);
        }
    }

    record Answer(int status, String contentType, String body) {
        static Answer ok() {
            return new Answer(200, "text/plain", "");
        }
    }

    private final HttpServer server;
    private final RequestValidator validator;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Post, Answer>> handlers = new ConcurrentHashMap<>();
    private volatile String publicBase;

    WebhookReceiver(String authToken) throws IOException {
        validator = new RequestValidator(authToken);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String path) {
        return baseUrl() + path;
    }

    /** The URLs Twilio signs start with this instead of {@link #baseUrl()} (a proxy in front). */
    void publicBase(String base) {
        this.publicBase = base;
    }

    void on(String path, Function<Post, Answer> handler) {
        handlers.put(path, handler);
    }

    List<Post> posts(String path) {
        return posts.stream().filter(p -> p.path().equals(path)).toList();
    }

    List<Post> posts() {
        return List.copyOf(posts);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String pathAndQuery = exchange.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery);
            String signedUrl = (publicBase != null ? publicBase : baseUrl()) + pathAndQuery;
            Map<String, String> form = new LinkedHashMap<>();
            Form.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .forEach((k, v) -> form.put(k, v.get(0)));
            String signature = exchange.getRequestHeaders().getFirst("X-Twilio-Signature");
            boolean valid = signature != null && validator.validate(signedUrl, form, signature);
            Post post = new Post(exchange.getRequestURI().getPath(), form, signature,
                    exchange.getRequestHeaders().getFirst("I-Twilio-Idempotency-Token"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), valid, signedUrl);
            posts.add(post);
            Function<Post, Answer> handler = handlers.get(post.path());
            Answer answer = handler == null ? Answer.ok() : handler.apply(post);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
