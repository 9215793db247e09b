package ru.getmark.support.infra.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's HTTP API under {@code /sim}: the scripting the Java methods of {@link FakeTwilioApi} offer, for the
 * simulator page and for scripts ({@code curl}). Bodies and answers are JSON in camelCase. Phones in paths are
 * {@code +79161234567} (URL-encoded {@code %2B79161234567}) or just the digits.
 */
final class SimHttp {

    private static final Pattern PHONE = Pattern.compile("^/sim/whatsapp/([^/]+)/([a-z-]+)/?$");
    private static final Pattern REDELIVER = Pattern.compile("^/sim/messages/([A-Za-z0-9]+)/redeliver/?$");
    private static final Pattern MEDIA = Pattern.compile("^/sim/media/([A-Za-z0-9]+)/?$");
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    private SimHttp() {
    }

    static void handle(FakeTwilioApi api, HttpExchange exchange, String path) throws IOException {
        String verb = exchange.getRequestMethod();
        Map<String, List<String>> query = Form.parse(exchange.getRequestURI().getRawQuery());
        try {
            Object result = route(api, exchange, verb, path, query);
            if (result == null) {
                json(exchange, 404, Map.of("error", "no such simulator endpoint: " + verb + " " + path));
            } else if (result instanceof MediaBytes bytes) {
                FakeTwilioApi.respond(exchange, 200, bytes.contentType, bytes.content);
            } else {
                json(exchange, 200, result);
            }
        } catch (IllegalArgumentException e) {
            json(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
        } catch (IllegalStateException e) {
            json(exchange, 409, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private record MediaBytes(String contentType, byte[] content) {
    }

    private static Object route(FakeTwilioApi api, HttpExchange exchange, String verb, String path,
            Map<String, List<String>> query) throws IOException {
        boolean get = verb.equals("GET");
        boolean post = verb.equals("POST");
        if (path.equals("/sim/state") && get) {
            return api.stateJson();
        }
        if (path.equals("/sim/reset") && post) {
            api.reset();
            return Map.of("reset", true);
        }
        if (path.equals("/sim/status-callbacks") && get) {
            return api.statusCallbacks();
        }
        if (path.equals("/sim/requests") && get) {
            return api.requests();
        }
        if (path.equals("/sim/webhook-posts") && get) {
            return api.webhookPosts();
        }
        if (path.equals("/sim/sent") && get) {
            return api.sent();
        }
        if (path.equals("/sim/webhook") && post) {
            JsonNode body = body(exchange);
            api.inboundWebhook(body.path("url").asText(null));
            return Map.of("inboundWebhook", String.valueOf(api.inboundWebhook()));
        }
        if (path.equals("/sim/routes") && post) {
            JsonNode body = body(exchange);
            api.route(required(body, "publicPrefix"), required(body, "localPrefix"));
            return Map.of("ok", true);
        }
        if (path.equals("/sim/fail-requests") && post) {
            JsonNode body = body(exchange);
            api.failRequests(body.path("count").asInt(1), body.path("httpStatus").asInt(503),
                    body.path("code").asInt(20503));
            return Map.of("ok", true);
        }
        if (path.equals("/sim/status-step-delay") && post) {
            api.statusStepDelay(Duration.ofMillis(body(exchange).path("millis").asLong(0)));
            return Map.of("ok", true);
        }
        if (path.equals("/sim/templates") && post) {
            JsonNode body = body(exchange);
            List<QuickReply> replies = new ArrayList<>();
            body.path("quickReplies").forEach(q -> replies.add(q.isTextual()
                    ? new QuickReply(q.asText(), q.asText())
                    : new QuickReply(q.path("title").asText(null), q.path("id").asText(null))));
            api.contentTemplateWithIds(required(body, "contentSid"), required(body, "body"), replies);
            return Map.of("contentSid", body.path("contentSid").asText());
        }
        Matcher m = REDELIVER.matcher(path);
        if (m.matches() && post) {
            return api.redeliver(m.group(1));
        }
        m = MEDIA.matcher(path);
        if (m.matches() && get) {
            byte[] content = api.mediaContent(m.group(1));
            return content == null ? null : new MediaBytes(api.mediaContentType(m.group(1)), content);
        }
        m = PHONE.matcher(path);
        if (m.matches()) {
            String phone = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            String what = m.group(2);
            if (get && what.equals("messages")) {
                return api.simMessages(phone, "true".equals(first(query, "all")));
            }
            if (get && what.equals("inbound")) {
                return api.inbound(phone);
            }
            if (!post) {
                return null;
            }
            JsonNode body = body(exchange);
            return switch (what) {
                case "messages" -> customerMessage(api, phone, body);
                case "raw" -> {
                    Map<String, String> params = new LinkedHashMap<>();
                    body.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                    if (body.hasNonNull("profileName")) {
                        params.putIfAbsent("ProfileName", body.get("profileName").asText());
                    }
                    yield answer(api.customerSendsRaw(phone, params));
                }
                case "window" -> {
                    if (body.path("closed").asBoolean(false)) {
                        api.windowOpenedAt(phone, null);
                    } else {
                        api.windowOpenedAt(phone, Instant.now().minus(
                                Duration.ofMinutes((long) (body.path("hoursAgo").asDouble(0) * 60))));
                    }
                    yield Map.of("windowOpen", api.windowOpen(phone));
                }
                case "fail-delivery" -> {
                    String status = body.path("status").asText(null);
                    api.failDelivery(phone, status, body.path("errorCode").asInt(30008));
                    yield Map.of("ok", true);
                }
                default -> null;
            };
        }
        return null;
    }

    private static Map<String, Object> customerMessage(FakeTwilioApi api, String phone, JsonNode body) {
        String text = body.path("text").asText("");
        String profileName = body.path("profileName").asText(null);
        Inbound inbound;
        if (body.hasNonNull("buttonPayload")) {
            inbound = api.customerPressesButton(phone, text, body.get("buttonPayload").asText(), profileName);
        } else if (body.path("media").isArray() && !body.get("media").isEmpty()) {
            List<Media> files = new ArrayList<>();
            for (JsonNode f : body.get("media")) {
                byte[] content;
                try {
                    content = Base64.getDecoder().decode(f.path("base64").asText(""));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'media[].base64' is not Base64");
                }
                files.add(new Media(f.path("contentType").asText("application/octet-stream"),
                        f.path("fileName").asText(null), content));
            }
            inbound = api.customerSendsMedia(phone, text, profileName, files);
        } else {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("'text' is required");
            }
            inbound = api.customerSends(phone, text, profileName);
        }
        return answer(inbound);
    }

    private static Map<String, Object> answer(Inbound inbound) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("messageSid", inbound.messageSid());
        result.put("webhookStatus", inbound.status());
        result.put("webhookBody", inbound.body());
        return result;
    }

    private static String required(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return v.asText();
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
    }

    private static void json(HttpExchange exchange, int status, Object value) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        FakeTwilioApi.respond(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value));
    }
}
