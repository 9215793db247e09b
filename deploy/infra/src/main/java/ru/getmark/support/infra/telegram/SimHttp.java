package ru.getmark.support.infra.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's HTTP API under {@code /sim}: the same scripting the Java methods of {@link FakeTelegramApi}
 * offer, for the simulator page and for scripts ({@code curl}). Bodies and answers are JSON in camelCase.
 */
final class SimHttp {

    private static final Pattern USER = Pattern.compile("^/sim/users/(\\d+)(?:/([a-z-]+))?/?$");
    private static final Pattern CHAT = Pattern.compile("^/sim/chats/(-?\\d+)/messages/?$");
    private static final Pattern CALLBACK = Pattern.compile("^/sim/callbacks/([^/]+)/?$");
    private static final Pattern REDELIVER = Pattern.compile("^/sim/updates/(\\d+)/redeliver/?$");
    private static final Pattern FILE = Pattern.compile("^/sim/files/([^/]+)/?$");

    private SimHttp() {
    }

    static void handle(FakeTelegramApi api, HttpExchange exchange, String path) throws IOException {
        String verb = exchange.getRequestMethod();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        try {
            Object result = route(api, exchange, verb, path, query);
            if (result == null) {
                json(exchange, 404, Map.of("error", "no such simulator endpoint: " + verb + " " + path));
            } else if (result instanceof byte[] bytes) {
                FakeTelegramApi.respond(exchange, 200, "application/octet-stream", bytes);
            } else {
                json(exchange, 200, result);
            }
        } catch (IllegalArgumentException e) {
            json(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
        } catch (IllegalStateException e) {
            json(exchange, 409, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private static Object route(FakeTelegramApi api, HttpExchange exchange, String verb, String path,
            Map<String, String> query) throws IOException {
        boolean get = verb.equals("GET");
        boolean post = verb.equals("POST");
        if (path.equals("/sim/state") && get) {
            return api.stateJson();
        }
        if (path.equals("/sim/reset") && post) {
            api.reset();
            return Map.of("reset", true);
        }
        if (path.equals("/sim/calls") && get) {
            String method = query.get("method");
            return method == null
                    ? api.calls().stream().filter(c -> !c.method().equalsIgnoreCase("getUpdates")).toList()
                    : api.calls(method);
        }
        if (path.equals("/sim/webhook-deliveries") && get) {
            return api.webhookDeliveries();
        }
        if (path.equals("/sim/rate-limit") && post) {
            JsonNode body = body(exchange);
            api.rateLimit(body.path("method").asText("sendMessage"), body.path("count").asInt(1),
                    body.path("retryAfter").asInt(1));
            return Map.of("ok", true);
        }
        if (path.equals("/sim/webhook-retry-delay") && post) {
            api.webhookRetryDelay(Duration.ofMillis(body(exchange).path("millis").asLong(300)));
            return Map.of("ok", true);
        }
        if (path.equals("/sim/updates") && post) {
            JsonNode body = body(exchange);
            JsonNode update = body.has("update") ? body.get("update") : body;
            if (!update.isObject()) {
                throw new IllegalArgumentException("an update object is required");
            }
            return api.deliverRaw((ObjectNode) update, body.path("times").asInt(1));
        }
        Matcher m = REDELIVER.matcher(path);
        if (m.matches() && post) {
            return api.redeliver(Long.parseLong(m.group(1)));
        }
        m = CALLBACK.matcher(path);
        if (m.matches() && get) {
            RecordedCall answer = api.callbackAnswer(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
            Map<String, Object> result = new HashMap<>();
            result.put("answered", answer != null);
            if (answer != null) {
                result.put("text", answer.param("text"));
                result.put("showAlert", Boolean.parseBoolean(answer.param("show_alert")));
            }
            return result;
        }
        m = FILE.matcher(path);
        if (m.matches() && get) {
            byte[] content = api.fileContent(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
            if (content == null) {
                return null;
            }
            return content;
        }
        m = CHAT.matcher(path);
        if (m.matches()) {
            long chatId = Long.parseLong(m.group(1));
            if (get) {
                return Boolean.parseBoolean(query.get("all")) ? api.chatMessages(chatId) : api.botMessages(chatId);
            }
            if (post) {
                JsonNode body = body(exchange);
                return api.groupMessage(chatId, body.path("userId").asLong(), required(body, "text"));
            }
        }
        m = USER.matcher(path);
        if (m.matches()) {
            long userId = Long.parseLong(m.group(1));
            String what = m.group(2) == null ? "" : m.group(2);
            if (get && what.equals("messages")) {
                return Boolean.parseBoolean(query.get("all")) ? api.chatMessages(userId) : api.botMessages(userId);
            }
            if (!post) {
                return null;
            }
            JsonNode body = body(exchange);
            if (body.hasNonNull("firstName") || what.isEmpty()) {
                api.user(userId, body.path("firstName").asText(null), body.path("lastName").asText(null),
                        body.path("username").asText(null));
            }
            return switch (what) {
                case "" -> Map.of("userId", userId);
                case "messages" -> api.userMessage(userId, required(body, "text"), body.path("times").asInt(1));
                case "callbacks" -> api.userCallback(userId, body.path("messageId").asLong(), required(body, "data"),
                        body.path("force").asBoolean(false));
                case "documents" -> api.userDocument(userId, body.path("fileName").asText("file.bin"),
                        body.path("mimeType").asText(null), content(body), body.path("caption").asText(null),
                        body.path("fileSize").asLong(0));
                case "photos" -> api.userPhoto(userId, content(body), body.path("caption").asText(null));
                case "stickers" -> api.userSticker(userId, body.path("emoji").asText("👍"));
                case "voices" -> api.userVoice(userId, body.path("duration").asInt(3));
                case "locations" -> api.userLocation(userId, body.path("latitude").asDouble(55.7558),
                        body.path("longitude").asDouble(37.6173));
                case "forwards" -> api.userForward(userId, required(body, "text"), body.path("fromName").asText(null));
                case "edits" -> api.userEdit(userId, body.path("messageId").asLong(), required(body, "text"));
                case "block" -> {
                    api.blocked(userId, body.path("blocked").asBoolean(true));
                    yield Map.of("blocked", body.path("blocked").asBoolean(true));
                }
                default -> null;
            };
        }
        return null;
    }

    private static String required(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return v.asText();
    }

    private static byte[] content(JsonNode body) {
        if (body.hasNonNull("contentBase64")) {
            try {
                return Base64.getDecoder().decode(body.get("contentBase64").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'contentBase64' is not Base64");
            }
        }
        if (body.hasNonNull("content")) {
            return body.get("content").asText().getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("'contentBase64' (or text 'content') is required");
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = FakeTelegramApi.mapper().readTree(bytes);
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return map;
    }

    private static void json(HttpExchange exchange, int status, Object value) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        FakeTelegramApi.respond(exchange, status, "application/json; charset=utf-8",
                FakeTelegramApi.mapper().writeValueAsBytes(value));
    }

    static List<String> routes() {
        return List.of("GET /sim/state", "POST /sim/reset", "GET /sim/calls?method=", "GET /sim/webhook-deliveries",
                "POST /sim/rate-limit", "POST /sim/updates", "POST /sim/updates/{id}/redeliver",
                "GET /sim/callbacks/{id}", "GET /sim/files/{fileId}", "GET|POST /sim/chats/{chatId}/messages",
                "POST /sim/users/{id}", "GET|POST /sim/users/{id}/messages", "POST /sim/users/{id}/callbacks",
                "POST /sim/users/{id}/documents|photos|stickers|voices|locations|forwards|edits|block");
    }
}
