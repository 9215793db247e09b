package ru.getmark.support.infra.telegram;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Telegram Bot API server that doubles as a simulator. The bot under test talks to it with the real
 * TelegramBots client exactly as it would talk to {@code api.telegram.org}; tests and people script the other side:
 * users who write, press inline buttons, upload files. Everything lives in memory.
 *
 * <ul>
 *   <li>Bot API: {@code /bot<token>/<method>} (JSON, form or multipart bodies), file downloads at
 *       {@code /file/bot<token>/<file_path>}. A wrong token answers 401 as Telegram does.</li>
 *   <li>Simulator API: {@code /sim/...} (see {@code /work/notes/fake-telegram.md} or the module README).</li>
 *   <li>Simulator page: {@code /}.</li>
 * </ul>
 *
 * Updates wait in one queue: {@code getUpdates} hands them out until a higher offset confirms them; once a webhook is
 * set, a worker POSTs them to it instead (with {@code X-Telegram-Bot-Api-Secret-Token}) and retries until the bot
 * answers 2xx, so a bot that acknowledges only after its own commit loses nothing.
 */
public final class FakeTelegramApi implements AutoCloseable {

    /** The token the local stack uses; any token works when given to {@link #start}. */
    public static final String DEFAULT_TOKEN = "7000000001:AAFakeGetMarkHelpBotToken0000000000";
    public static final String BOT_USERNAME = "help_getmark_bot";
    public static final String BOT_NAME = "GetMark Поддержка";
    /** Telegram's Bot API download limit for getFile. */
    public static final long DOWNLOAD_LIMIT = 20L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FakeTelegramApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Set<String> DEFAULT_UPDATE_TYPES = Set.of("message", "edited_message", "channel_post",
            "edited_channel_post", "inline_query", "chosen_inline_result", "callback_query", "shipping_query",
            "pre_checkout_query", "poll", "poll_answer", "my_chat_member", "chat_join_request",
            "message_reaction", "business_message");
    private static final int MAX_RECORDED_CALLS = 20_000;

    private final String token;
    private final long botId;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient webhookClient;
    private final Thread webhookWorker;

    // ---- state, guarded by this ----
    private final Deque<PendingUpdate> pending = new ArrayDeque<>();
    private final Map<Long, PendingUpdate> updatesById = new HashMap<>();
    private final Map<Long, ChatState> chats = new LinkedHashMap<>();
    private final Map<Long, SimUser> users = new HashMap<>();
    private final Map<String, StoredFile> files = new HashMap<>();
    private final Map<String, CallbackState> callbacks = new HashMap<>();
    private final Map<String, ArrayNode> commands = new HashMap<>();
    private final Map<String, RateLimit> rateLimits = new HashMap<>();
    private final Set<Long> blockedBy = new HashSet<>();
    private Set<String> allowedUpdates = DEFAULT_UPDATE_TYPES;
    private long nextUpdateId = firstUpdateId();
    private long fileCounter;
    /**
     * The highest update id any fake of this JVM has issued (see {@link #firstUpdateId()}): a system property, because
     * Quarkus tests load this class once per application start, in different class loaders.
     */
    private static final String LAST_UPDATE_ID = "getmark.fake-telegram.last-update-id";
    private long pollGeneration;
    private String webhookUrl;
    private String webhookSecret;
    private long webhookNextAttempt;
    private String lastWebhookError;
    private boolean closed;
    private int inFlight;
    private boolean requireStartedChat = true;
    private Duration webhookRetryDelay = Duration.ofMillis(300);

    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final List<WebhookDelivery> webhookDeliveries = new CopyOnWriteArrayList<>();

    private FakeTelegramApi(String token, HttpServer server, ExecutorService executor) {
        this.token = token;
        this.botId = botIdOf(token);
        this.server = server;
        this.executor = executor;
        this.webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.webhookWorker = new Thread(this::deliverToWebhook, "fake-telegram-webhook");
        this.webhookWorker.setDaemon(true);
    }

    /** Starts on a free port of 127.0.0.1 with {@link #DEFAULT_TOKEN}. */
    /**
     * Where a new fake starts numbering updates. Like the real Bot API, update ids never start again from 1: a bot
     * remembers the ids it handled (its database outlives a restart of the fake, in the local stack and in a test JVM
     * that starts several fakes), and would drop a reused id as a duplicate. So ids start at ten per second since
     * 2023-11-14 (an int until 2030, as Telegram's are), and above every id another fake of this JVM gave out.
     */
    static long firstUpdateId() {
        long clock = (System.currentTimeMillis() / 1000 - 1_700_000_000L) * 10;
        synchronized (System.getProperties()) {
            return Math.max(clock, Long.getLong(LAST_UPDATE_ID, 0) + 1);
        }
    }

    public static FakeTelegramApi start() {
        return start("127.0.0.1", 0, DEFAULT_TOKEN);
    }

    /**
     * Starts the server. Port 0 picks a free port ({@link #port()} tells which).
     *
     * @param token the only bot token accepted; others get 401
     */
    public static FakeTelegramApi start(String host, int port, String token) {
        if (token == null || token.isBlank() || token.contains("/")) {
            throw new IllegalArgumentException("A bot token without '/' is required");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the fake Telegram Bot API to " + host + ":" + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-telegram-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        FakeTelegramApi api = new FakeTelegramApi(token, server, executor);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        api.webhookWorker.start();
        LOG.info("Fake Telegram Bot API listening on {}", api.baseUrl());
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    /** For example {@code http://127.0.0.1:18081} (no trailing slash). */
    public String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    public String token() {
        return token;
    }

    public long botId() {
        return botId;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
            // waiting long polls were just woken and answer an empty list: let them finish cleanly
            long deadline = System.currentTimeMillis() + 1000;
            while (inFlight > 0 && System.currentTimeMillis() < deadline) {
                try {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        webhookWorker.interrupt();
        server.stop(0);
        executor.shutdownNow();
        LOG.info("Fake Telegram Bot API on port {} stopped", port());
    }

    // =====================================================================================================
    // Scripting API (Java); the /sim HTTP API maps onto these methods.
    // =====================================================================================================

    /** Sets the profile of a simulated user (first name shown to the bot; last name and username optional). */
    public synchronized void user(long userId, String firstName, String lastName, String username) {
        users.put(userId, new SimUser(userId, firstName == null || firstName.isBlank() ? "Пользователь " + userId
                : firstName, blankToNull(lastName), blankToNull(username)));
    }

    /** A text message from the user in the private chat with the bot (chat id = user id). */
    public Delivered userMessage(long userId, String text) {
        return userMessage(userId, text, 1);
    }

    /**
     * A text message delivered {@code times} times with the same update id (a duplicate delivery). In polling mode
     * the copies are queued back to back so that one {@code getUpdates} answer carries them all.
     */
    public synchronized Delivered userMessage(long userId, String text, int times) {
        ObjectNode message = newUserMessage(userId, userId);
        message.put("text", text);
        addCommandEntity(message, text);
        StoredMessage stored = storeUserMessage(userId, message, "text");
        stored.text = text;
        return new Delivered(enqueue("message", message, times), stored.messageId, null, null);
    }

    /** A message in a group chat (negative chat id) from a user. */
    public synchronized Delivered groupMessage(long chatId, long userId, String text) {
        ObjectNode message = newUserMessage(chatId, userId);
        message.put("text", text);
        addCommandEntity(message, text);
        StoredMessage stored = storeUserMessage(chatId, message, "text");
        stored.text = text;
        return new Delivered(enqueue("message", message, 1), stored.messageId, null, null);
    }

    /**
     * The user presses an inline button of a bot message. The button must exist on the message (as it is now, edits
     * applied) unless {@code force}, which lets a test press stale or forged data.
     */
    public synchronized Delivered userCallback(long userId, long messageId, String data, boolean force) {
        ChatState chat = chats.get(userId);
        StoredMessage target = chat == null ? null : chat.messages.get(messageId);
        if (target == null || !target.fromBot || target.deleted) {
            throw new IllegalArgumentException("The bot has no message " + messageId + " in chat " + userId);
        }
        if (!force && target.buttons().stream().flatMap(List::stream).noneMatch(b -> data.equals(b.callbackData()))) {
            throw new IllegalArgumentException("Message " + messageId + " has no button with callback data '" + data
                    + "'");
        }
        String id = Long.toString(botId * 1000 + callbacks.size() + 1) + UUID.randomUUID().toString().substring(0, 4)
                .replaceAll("[^0-9]", "7");
        ObjectNode query = NODES.objectNode();
        query.put("id", id);
        query.set("from", userJson(simUser(userId)));
        query.set("message", target.toBotApi(this));
        query.put("chat_instance", Long.toString(Math.abs(userId * 31 + botId)));
        query.put("data", data);
        callbacks.put(id, new CallbackState(id, userId, messageId, data));
        return new Delivered(enqueue("callback_query", query, 1), messageId, id, null);
    }

    public Delivered userCallback(long userId, long messageId, String data) {
        return userCallback(userId, messageId, data, false);
    }

    /** A document (any file) from the user. {@code declaredSize} overrides the size Telegram reports (0 = real). */
    public synchronized Delivered userDocument(long userId, String fileName, String mimeType, byte[] content,
            String caption, long declaredSize) {
        StoredFile file = storeFile("documents", fileName, mimeType, content, declaredSize);
        ObjectNode message = newUserMessage(userId, userId);
        ObjectNode document = message.putObject("document");
        document.put("file_id", file.fileId);
        document.put("file_unique_id", file.uniqueId);
        document.put("file_name", fileName);
        if (mimeType != null) {
            document.put("mime_type", mimeType);
        }
        document.put("file_size", file.size());
        if (caption != null && !caption.isEmpty()) {
            message.put("caption", caption);
        }
        StoredMessage stored = storeUserMessage(userId, message, "document");
        stored.text = caption;
        stored.fileId = file.fileId;
        stored.fileName = fileName;
        return new Delivered(enqueue("message", message, 1), stored.messageId, null, file.fileId);
    }

    public Delivered userDocument(long userId, String fileName, String mimeType, byte[] content, String caption) {
        return userDocument(userId, fileName, mimeType, content, caption, 0);
    }

    /**
     * A photo (a screenshot) from the user. Telegram sends several sizes; the fake sends two (a thumbnail and the
     * full photo), both downloadable, the largest last. {@link Delivered#fileId()} is the largest.
     */
    public synchronized Delivered userPhoto(long userId, byte[] jpeg, String caption) {
        StoredFile thumb = storeFile("photos", "thumb.jpg", "image/jpeg", jpeg, 0);
        StoredFile full = storeFile("photos", "photo.jpg", "image/jpeg", jpeg, 0);
        ObjectNode message = newUserMessage(userId, userId);
        ArrayNode sizes = message.putArray("photo");
        sizes.addObject().put("file_id", thumb.fileId).put("file_unique_id", thumb.uniqueId)
                .put("file_size", thumb.size()).put("width", 90).put("height", 67);
        sizes.addObject().put("file_id", full.fileId).put("file_unique_id", full.uniqueId)
                .put("file_size", full.size()).put("width", 1280).put("height", 960);
        if (caption != null && !caption.isEmpty()) {
            message.put("caption", caption);
        }
        StoredMessage stored = storeUserMessage(userId, message, "photo");
        stored.text = caption;
        stored.fileId = full.fileId;
        stored.fileName = "photo.jpg";
        return new Delivered(enqueue("message", message, 1), stored.messageId, null, full.fileId);
    }

    public synchronized Delivered userSticker(long userId, String emoji) {
        StoredFile file = storeFile("stickers", "sticker.webp", "image/webp", new byte[] {0}, 0);
        ObjectNode message = newUserMessage(userId, userId);
        message.putObject("sticker").put("file_id", file.fileId).put("file_unique_id", file.uniqueId)
                .put("type", "regular").put("width", 512).put("height", 512).put("is_animated", false)
                .put("is_video", false).put("emoji", emoji == null ? "👍" : emoji);
        StoredMessage stored = storeUserMessage(userId, message, "sticker");
        stored.text = emoji;
        return new Delivered(enqueue("message", message, 1), stored.messageId, null, file.fileId);
    }

    public synchronized Delivered userVoice(long userId, int durationSeconds) {
        StoredFile file = storeFile("voice", "voice.oga", "audio/ogg", new byte[] {0}, 0);
        ObjectNode message = newUserMessage(userId, userId);
        message.putObject("voice").put("file_id", file.fileId).put("file_unique_id", file.uniqueId)
                .put("duration", durationSeconds).put("mime_type", "audio/ogg").put("file_size", 1);
        StoredMessage stored = storeUserMessage(userId, message, "voice");
        stored.text = "[голосовое сообщение, " + durationSeconds + " с]";
        return new Delivered(enqueue("message", message, 1), stored.messageId, null, file.fileId);
    }

    public synchronized Delivered userLocation(long userId, double latitude, double longitude) {
        ObjectNode message = newUserMessage(userId, userId);
        message.putObject("location").put("latitude", latitude).put("longitude", longitude);
        StoredMessage stored = storeUserMessage(userId, message, "location");
        stored.text = "[геопозиция " + latitude + ", " + longitude + "]";
        return new Delivered(enqueue("message", message, 1), stored.messageId, null, null);
    }

    /** A text message the user forwarded from someone else ({@code forward_origin} of type "user"). */
    public synchronized Delivered userForward(long userId, String text, String originalSenderName) {
        ObjectNode message = newUserMessage(userId, userId);
        message.put("text", text);
        ObjectNode origin = message.putObject("forward_origin");
        origin.put("type", "user");
        origin.put("date", now() - 3600);
        origin.putObject("sender_user").put("id", 999_000_000L + userId % 1000).put("is_bot", false)
                .put("first_name", originalSenderName == null ? "Иван" : originalSenderName);
        StoredMessage stored = storeUserMessage(userId, message, "text");
        stored.text = text;
        return new Delivered(enqueue("message", message, 1), stored.messageId, null, null);
    }

    /** The user edits one of their earlier text messages: an {@code edited_message} update. */
    public synchronized Delivered userEdit(long userId, long messageId, String newText) {
        ChatState chat = chats.get(userId);
        StoredMessage original = chat == null ? null : chat.messages.get(messageId);
        if (original == null || original.fromBot) {
            throw new IllegalArgumentException("User " + userId + " has no message " + messageId);
        }
        original.text = newText;
        original.rawText = newText;
        original.editDate = now();
        ObjectNode message = original.userJson.deepCopy();
        message.put("text", newText);
        message.put("edit_date", original.editDate);
        message.remove("entities");
        addCommandEntity(message, newText);
        original.userJson = message;
        return new Delivered(enqueue("edited_message", message, 1), messageId, null, null);
    }

    /**
     * Queues any update (its {@code update_id} is assigned when missing) {@code times} times; the update type is the
     * first field besides {@code update_id}.
     */
    public synchronized Delivered deliverRaw(ObjectNode update, int times) {
        ObjectNode copy = update.deepCopy();
        copy.remove("update_id");
        Iterator<String> names = copy.fieldNames();
        if (!names.hasNext()) {
            throw new IllegalArgumentException("An update needs a payload field such as 'message'");
        }
        String type = names.next();
        JsonNode payload = copy.get(type);
        long messageId = payload.path("message_id").asLong(0);
        long updateId = update.has("update_id") ? update.get("update_id").asLong() : 0;
        return new Delivered(enqueue(type, payload, times, updateId), messageId, null, null);
    }

    /** Puts a past update (by id) back into the queue, as Telegram does when a delivery was not acknowledged. */
    public synchronized Delivered redeliver(long updateId) {
        PendingUpdate past = updatesById.get(updateId);
        if (past == null) {
            throw new IllegalArgumentException("No update " + updateId);
        }
        PendingUpdate again = new PendingUpdate(past.id, past.type, past.json);
        pending.addLast(again);
        notifyAll();
        return new Delivered(updateId, past.json.path(past.type).path("message_id").asLong(0), null, null);
    }

    /** The messages the bot sent to a chat (a user id for private chats), oldest first, edits applied. */
    public synchronized List<SimMessage> botMessages(long chatId) {
        return messages(chatId, false);
    }

    /** The bot's and the user's messages of a chat, oldest first. */
    public synchronized List<SimMessage> chatMessages(long chatId) {
        return messages(chatId, true);
    }

    /** The newest message the bot sent to a chat, or null. */
    public synchronized SimMessage lastBotMessage(long chatId) {
        List<SimMessage> all = botMessages(chatId);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Every Bot API call so far, oldest first (including getUpdates). */
    public List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    public List<RecordedCall> calls(String method) {
        return calls.stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
    }

    public List<WebhookDelivery> webhookDeliveries() {
        return List.copyOf(webhookDeliveries);
    }

    /** The answerCallbackQuery given to a pressed button, or null while unanswered. */
    public synchronized RecordedCall callbackAnswer(String callbackQueryId) {
        CallbackState state = callbacks.get(callbackQueryId);
        return state == null ? null : state.answer;
    }

    /**
     * The next {@code count} calls of {@code method} answer 429 "Too Many Requests: retry after N" with
     * {@code parameters.retry_after = retryAfterSeconds}; nothing is stored for them.
     */
    public synchronized void rateLimit(String method, int count, int retryAfterSeconds) {
        rateLimits.put(method.toLowerCase(Locale.ROOT), new RateLimit(count, retryAfterSeconds));
    }

    /** The user blocks (or unblocks) the bot: sending to them answers 403 "Forbidden: bot was blocked by the user". */
    public synchronized void blocked(long userId, boolean blocked) {
        if (blocked) {
            blockedBy.add(userId);
        } else {
            blockedBy.remove(userId);
        }
    }

    /**
     * Whether sending to a private chat whose user never wrote answers 403 "Forbidden: bot can't initiate
     * conversation with a user" (true by default, as on Telegram).
     */
    public synchronized void requireStartedChat(boolean require) {
        this.requireStartedChat = require;
    }

    /** How long the webhook worker waits before retrying a failed delivery (default 300 ms). */
    public synchronized void webhookRetryDelay(Duration delay) {
        this.webhookRetryDelay = delay;
    }

    public synchronized String webhookUrl() {
        return webhookUrl;
    }

    /** Updates not yet confirmed (polling) or acknowledged (webhook). */
    public synchronized int pendingUpdateCount() {
        return pending.size();
    }

    /** The commands registered with setMyCommands for the default scope and no language. */
    public synchronized List<String> myCommands() {
        List<String> names = new ArrayList<>();
        commands.getOrDefault(commandsKey(null, null), NODES.arrayNode())
                .forEach(c -> names.add(c.path("command").asText()));
        return names;
    }

    /** Forgets everything (chats, files, updates, calls, webhook, limits) but keeps running on the same port. */
    public synchronized void reset() {
        pending.clear();
        updatesById.clear();
        chats.clear();
        users.clear();
        files.clear();
        callbacks.clear();
        commands.clear();
        rateLimits.clear();
        blockedBy.clear();
        allowedUpdates = DEFAULT_UPDATE_TYPES;
        webhookUrl = null;
        webhookSecret = null;
        requireStartedChat = true;
        calls.clear();
        webhookDeliveries.clear();
        notifyAll();
    }

    // =====================================================================================================
    // HTTP
    // =====================================================================================================

    private void handle(HttpExchange exchange) {
        synchronized (this) {
            inFlight++;
        }
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                LOG.warn("Fake Telegram failed to handle {}", exchange.getRequestURI().getPath(), e);
                respond(exchange, 500, "application/json", error(500, "Internal Server Error: " + e, null));
            }
        } catch (IOException e) {
            LOG.debug("Fake Telegram could not answer {}: {}", exchange.getRequestURI().getPath(), e.toString());
        } finally {
            synchronized (this) {
                inFlight--;
                notifyAll();
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/bot")) {
            handleBotApi(exchange, path);
        } else if (path.startsWith("/file/bot")) {
            handleDownload(exchange, path);
        } else if (path.startsWith("/sim/")) {
            SimHttp.handle(this, exchange, path);
        } else if (path.equals("/") || path.equals("/index.html")) {
            servePage(exchange);
        } else {
            respond(exchange, 404, "text/plain; charset=utf-8", "Not Found".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void servePage(HttpExchange exchange) throws IOException {
        try (InputStream in = FakeTelegramApi.class.getResourceAsStream("simulator.html")) {
            if (in == null) {
                throw new IllegalStateException("simulator.html is missing from the classpath");
            }
            respond(exchange, 200, "text/html; charset=utf-8", in.readAllBytes());
        }
    }

    private void handleBotApi(HttpExchange exchange, String path) throws IOException {
        String rest = path.substring("/bot".length());
        int slash = rest.indexOf('/');
        String givenToken = URLDecoder.decode(slash < 0 ? rest : rest.substring(0, slash), StandardCharsets.UTF_8);
        String method = slash < 0 ? "" : rest.substring(slash + 1);
        if (method.startsWith("test/")) {
            method = method.substring("test/".length());
        }
        if (!token.equals(givenToken)) {
            respond(exchange, 401, "application/json", error(401, "Unauthorized", null));
            return;
        }
        Params params;
        try {
            params = Params.read(exchange);
        } catch (BotApiException e) {
            respond(exchange, e.errorCode(), "application/json", error(e.errorCode(), e.getMessage(), null));
            return;
        }
        Answer answer = call(method, params);
        respond(exchange, answer.status, "application/json", answer.body);
    }

    private record Answer(int status, byte[] body) {
    }

    /** Runs one Bot API method and records it. */
    private Answer call(String method, Params params) {
        int status = 200;
        byte[] body;
        try {
            JsonNode result = dispatch(method, params);
            ObjectNode ok = NODES.objectNode();
            ok.put("ok", true);
            ok.set("result", result);
            body = MAPPER.writeValueAsBytes(ok);
        } catch (BotApiException e) {
            status = e.errorCode();
            body = error(e.errorCode(), e.getMessage(), e.retryAfter());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        RecordedCall call = new RecordedCall(method, params.recorded(), status, Instant.now());
        if (calls.size() >= MAX_RECORDED_CALLS) {
            calls.remove(0);
        }
        calls.add(call);
        if (status == 200 && method.equalsIgnoreCase("answerCallbackQuery")) {
            synchronized (this) {
                CallbackState state = callbacks.get(params.text("callback_query_id"));
                if (state != null) {
                    state.answer = call;
                }
            }
        }
        return new Answer(status, body);
    }

    private JsonNode dispatch(String method, Params p) {
        if (method.equalsIgnoreCase("getUpdates")) {
            return getUpdates(p); // waits outside the monitor's other work
        }
        synchronized (this) {
            RateLimit limit = rateLimits.get(method.toLowerCase(Locale.ROOT));
            if (limit != null && limit.remaining > 0) {
                limit.remaining--;
                throw new BotApiException(429, "Too Many Requests: retry after " + limit.retryAfter, limit.retryAfter);
            }
            return switch (method.toLowerCase(Locale.ROOT)) {
                case "getme" -> botUserJson().put("can_join_groups", true).put("can_read_all_group_messages", false)
                        .put("supports_inline_queries", false);
                case "sendmessage" -> sendMessage(p);
                case "editmessagetext" -> editMessageText(p);
                case "editmessagereplymarkup" -> editMessageReplyMarkup(p);
                case "editmessagecaption" -> editMessageCaption(p);
                case "deletemessage" -> deleteMessage(p);
                case "answercallbackquery" -> answerCallbackQuery(p);
                case "setmycommands" -> setMyCommands(p);
                case "getmycommands" -> commands.getOrDefault(commandsKey(p.json("scope"), p.text("language_code")),
                        NODES.arrayNode()).deepCopy();
                case "deletemycommands" -> {
                    commands.remove(commandsKey(p.json("scope"), p.text("language_code")));
                    yield NODES.booleanNode(true);
                }
                case "setwebhook" -> setWebhook(p);
                case "deletewebhook" -> deleteWebhook(p);
                case "getwebhookinfo" -> webhookInfo();
                case "getfile" -> getFile(p);
                case "senddocument" -> sendFile(p, "document");
                case "sendphoto" -> sendFile(p, "photo");
                case "sendchataction" -> {
                    chatFor(p, true);
                    yield NODES.booleanNode(true);
                }
                case "logout", "close" -> NODES.booleanNode(true);
                default -> throw new BotApiException(404, "Not Found");
            };
        }
    }

    // ---- getUpdates -------------------------------------------------------------------------------------

    private synchronized JsonNode getUpdates(Params p) {
        if (webhookUrl != null) {
            throw new BotApiException(409, "Conflict: can't use getUpdates method while webhook is active; use "
                    + "deleteWebhook to delete the webhook first");
        }
        long generation = ++pollGeneration;
        notifyAll(); // an older long poll still waiting gets its 409, as on Telegram
        Long offset = p.longValue("offset");
        if (offset != null) {
            confirm(offset);
        }
        JsonNode allowed = p.json("allowed_updates");
        if (allowed != null && allowed.isArray()) {
            Set<String> types = new HashSet<>();
            allowed.forEach(t -> types.add(t.asText()));
            allowedUpdates = types.isEmpty() ? DEFAULT_UPDATE_TYPES : types;
        }
        Integer limitParam = p.intValue("limit");
        int limit = limitParam == null || limitParam < 1 || limitParam > 100 ? 100 : limitParam;
        Integer timeoutParam = p.intValue("timeout");
        long deadline = System.currentTimeMillis() + Math.max(0, timeoutParam == null ? 0 : timeoutParam) * 1000L;
        while (true) {
            pending.removeIf(u -> !allowedUpdates.contains(u.type));
            if (!pending.isEmpty()) {
                ArrayNode result = NODES.arrayNode();
                pending.stream().limit(limit).forEach(u -> result.add(u.json));
                return result;
            }
            if (closed) {
                return NODES.arrayNode();
            }
            if (generation != pollGeneration) {
                throw new BotApiException(409, "Conflict: terminated by other getUpdates request; make sure that "
                        + "only one bot instance is running");
            }
            long wait = deadline - System.currentTimeMillis();
            if (wait <= 0) {
                return NODES.arrayNode();
            }
            try {
                wait(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return NODES.arrayNode();
            }
        }
    }

    private void confirm(long offset) {
        if (offset > 0) {
            pending.removeIf(u -> u.id < offset);
        } else if (offset < 0) {
            while (pending.size() > -offset) {
                pending.removeFirst();
            }
        }
    }

    // ---- messages ---------------------------------------------------------------------------------------

    private JsonNode sendMessage(Params p) {
        ChatState chat = chatFor(p, true);
        String text = p.text("text");
        if (text == null || text.isEmpty()) {
            throw BotApiException.badRequest("message text is empty");
        }
        String parseMode = p.text("parse_mode");
        String plain = BotText.plain(text, parseMode);
        if (plain.isBlank()) {
            throw BotApiException.badRequest("message text is empty");
        }
        if (plain.length() > BotText.MAX_TEXT) {
            throw BotApiException.badRequest("message is too long");
        }
        JsonNode markup = markup(p.json("reply_markup"));
        StoredMessage message = chat.add(true, 0);
        message.kind = "text";
        message.text = plain;
        message.rawText = text;
        message.parseMode = parseMode;
        message.replyMarkup = markup;
        return message.toBotApi(this);
    }

    private JsonNode sendFile(Params p, String kind) {
        ChatState chat = chatFor(p, true);
        Multipart.Part part = p.file(kind);
        StoredFile file;
        if (part != null) {
            file = storeFile(kind.equals("photo") ? "photos" : "documents",
                    part.fileName() == null ? kind : part.fileName(), part.contentType(), part.body(), 0);
        } else {
            String fileId = p.text(kind);
            file = fileId == null ? null : files.get(fileId);
            if (file == null) {
                throw BotApiException.badRequest("wrong file identifier/HTTP URL specified");
            }
        }
        String caption = p.text("caption");
        String plain = caption == null ? null : BotText.plain(caption, p.text("parse_mode"));
        if (plain != null && plain.length() > BotText.MAX_CAPTION) {
            throw BotApiException.badRequest("message caption is too long");
        }
        StoredMessage message = chat.add(true, 0);
        message.kind = kind;
        message.text = plain;
        message.rawText = caption;
        message.parseMode = p.text("parse_mode");
        message.fileId = file.fileId;
        message.fileName = file.name;
        message.replyMarkup = markup(p.json("reply_markup"));
        return message.toBotApi(this);
    }

    private JsonNode editMessageText(Params p) {
        StoredMessage message = editable(p);
        String text = p.text("text");
        if (text == null || text.isEmpty()) {
            throw BotApiException.badRequest("text must be non-empty");
        }
        String parseMode = p.text("parse_mode");
        String plain = BotText.plain(text, parseMode);
        if (plain.length() > BotText.MAX_TEXT) {
            throw BotApiException.badRequest("MESSAGE_TOO_LONG");
        }
        if (!message.kind.equals("text")) {
            throw BotApiException.badRequest("there is no text in the message to edit");
        }
        JsonNode markup = markup(p.json("reply_markup"));
        if (plain.equals(message.text) && sameMarkup(markup, message.replyMarkup)) {
            throw notModified();
        }
        message.text = plain;
        message.rawText = text;
        message.parseMode = parseMode;
        message.replyMarkup = markup;
        message.editDate = now();
        return message.toBotApi(this);
    }

    private JsonNode editMessageCaption(Params p) {
        StoredMessage message = editable(p);
        String caption = p.text("caption");
        String plain = caption == null ? null : BotText.plain(caption, p.text("parse_mode"));
        message.text = plain;
        message.rawText = caption;
        message.replyMarkup = markup(p.json("reply_markup"));
        message.editDate = now();
        return message.toBotApi(this);
    }

    private JsonNode editMessageReplyMarkup(Params p) {
        StoredMessage message = editable(p);
        JsonNode markup = markup(p.json("reply_markup"));
        if (sameMarkup(markup, message.replyMarkup)) {
            throw notModified();
        }
        message.replyMarkup = markup;
        message.editDate = now();
        return message.toBotApi(this);
    }

    private JsonNode deleteMessage(Params p) {
        ChatState chat = chatFor(p, false);
        Long id = p.longValue("message_id");
        StoredMessage message = id == null ? null : chat.messages.get(id);
        if (message == null || message.deleted) {
            throw BotApiException.badRequest("message to delete not found");
        }
        message.deleted = true;
        return NODES.booleanNode(true);
    }

    private StoredMessage editable(Params p) {
        if (p.text("inline_message_id") != null) {
            throw BotApiException.badRequest("inline messages are not supported by the fake");
        }
        ChatState chat = chatFor(p, false);
        Long id = p.longValue("message_id");
        if (id == null) {
            throw BotApiException.badRequest("message identifier is not specified");
        }
        StoredMessage message = chat.messages.get(id);
        if (message == null || message.deleted) {
            throw BotApiException.badRequest("message to edit not found");
        }
        if (!message.fromBot) {
            throw BotApiException.badRequest("message can't be edited");
        }
        return message;
    }

    private static BotApiException notModified() {
        return BotApiException.badRequest("message is not modified: specified new message content and reply markup "
                + "are exactly the same as a current content and reply markup of the message");
    }

    private static boolean sameMarkup(JsonNode a, JsonNode b) {
        JsonNode x = a == null || !a.has("inline_keyboard") ? null : a.get("inline_keyboard");
        JsonNode y = b == null || !b.has("inline_keyboard") ? null : b.get("inline_keyboard");
        return x == null ? y == null || y.isEmpty() : x.equals(y) || (x.isEmpty() && y == null);
    }

    /** Validates reply_markup the way Telegram does for the parts a support bot uses. */
    private static JsonNode markup(JsonNode markup) {
        if (markup == null || markup.isNull()) {
            return null;
        }
        if (!markup.isObject()) {
            throw BotApiException.badRequest("can't parse reply keyboard markup JSON object");
        }
        if (markup.has("inline_keyboard")) {
            JsonNode rows = markup.get("inline_keyboard");
            if (!rows.isArray()) {
                throw BotApiException.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array");
            }
            for (JsonNode row : rows) {
                if (!row.isArray()) {
                    throw BotApiException.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup should be an "
                            + "Array of Arrays");
                }
                for (JsonNode button : row) {
                    if (button.path("text").asText("").isEmpty()) {
                        throw BotApiException.badRequest("text buttons are unallowed in the inline keyboard");
                    }
                    JsonNode data = button.get("callback_data");
                    if (data != null && (data.asText().isEmpty()
                            || data.asText().getBytes(StandardCharsets.UTF_8).length > 64)) {
                        throw BotApiException.badRequest("BUTTON_DATA_INVALID");
                    }
                    if (data == null && !button.has("url") && !button.has("web_app") && !button.has("switch_inline_query")
                            && !button.has("switch_inline_query_current_chat") && !button.has("copy_text")) {
                        throw BotApiException.badRequest("can't parse inline keyboard button: InlineKeyboardButton must "
                                + "have exactly one of the optional fields");
                    }
                }
            }
        }
        return markup;
    }

    private JsonNode answerCallbackQuery(Params p) {
        String id = p.text("callback_query_id");
        CallbackState state = id == null ? null : callbacks.get(id);
        if (state == null || state.answered) {
            throw BotApiException.badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        String text = p.text("text");
        if (text != null && text.length() > 200) {
            throw BotApiException.badRequest("MESSAGE_TOO_LONG");
        }
        state.answered = true;
        return NODES.booleanNode(true);
    }

    private JsonNode setMyCommands(Params p) {
        JsonNode list = p.json("commands");
        if (list == null || !list.isArray()) {
            throw BotApiException.badRequest("field \"commands\" must be an Array");
        }
        if (list.size() > 100) {
            throw BotApiException.badRequest("too many commands");
        }
        ArrayNode stored = NODES.arrayNode();
        for (JsonNode c : list) {
            String command = c.path("command").asText("");
            String description = c.path("description").asText("");
            if (!COMMAND.matcher(command).matches()) {
                throw BotApiException.badRequest("BOT_COMMAND_INVALID");
            }
            if (description.isEmpty() || description.length() > 256) {
                throw BotApiException.badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
            }
            stored.addObject().put("command", command).put("description", description);
        }
        commands.put(commandsKey(p.json("scope"), p.text("language_code")), stored);
        return NODES.booleanNode(true);
    }

    private static String commandsKey(JsonNode scope, String language) {
        boolean none = scope == null || scope.isNull();
        String type = none ? "default" : scope.path("type").asText("default");
        String chat = none ? "" : scope.path("chat_id").asText("");
        return type + "|" + chat + "|" + (language == null ? "" : language);
    }

    // ---- webhook ---------------------------------------------------------------------------------------

    private JsonNode setWebhook(Params p) {
        String url = p.text("url");
        if (url == null || url.isEmpty()) {
            webhookUrl = null;
            webhookSecret = null;
            notifyAll();
            return NODES.booleanNode(true);
        }
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw BotApiException.badRequest("bad webhook: Failed to resolve host: Name or service not known");
            }
        } catch (IllegalArgumentException e) {
            throw BotApiException.badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
        }
        String secret = p.text("secret_token");
        if (secret != null && !secret.isEmpty() && !SECRET.matcher(secret).matches()) {
            throw BotApiException.badRequest("secret token contains unallowed characters");
        }
        if (p.bool("drop_pending_updates")) {
            pending.clear();
        }
        JsonNode allowed = p.json("allowed_updates");
        if (allowed != null && allowed.isArray()) {
            Set<String> types = new HashSet<>();
            allowed.forEach(t -> types.add(t.asText()));
            allowedUpdates = types.isEmpty() ? DEFAULT_UPDATE_TYPES : types;
        }
        webhookUrl = url;
        webhookSecret = secret == null || secret.isEmpty() ? null : secret;
        webhookNextAttempt = 0;
        pollGeneration++; // a waiting getUpdates gets its 409
        notifyAll();
        return NODES.booleanNode(true);
    }

    private JsonNode deleteWebhook(Params p) {
        webhookUrl = null;
        webhookSecret = null;
        if (p.bool("drop_pending_updates")) {
            pending.clear();
        }
        notifyAll();
        return NODES.booleanNode(true);
    }

    private JsonNode webhookInfo() {
        ObjectNode info = NODES.objectNode();
        info.put("url", webhookUrl == null ? "" : webhookUrl);
        info.put("has_custom_certificate", false);
        info.put("pending_update_count", pending.size());
        info.put("max_connections", 40);
        if (lastWebhookError != null) {
            info.put("last_error_date", now());
            info.put("last_error_message", lastWebhookError);
        }
        return info;
    }

    /** The worker: POSTs the head of the queue to the webhook until the bot answers 2xx, in order. */
    private void deliverToWebhook() {
        while (true) {
            PendingUpdate head;
            String url;
            String secret;
            synchronized (this) {
                while (true) {
                    if (closed) {
                        return;
                    }
                    pending.removeIf(u -> !allowedUpdates.contains(u.type));
                    long wait = webhookNextAttempt - System.currentTimeMillis();
                    if (webhookUrl != null && !pending.isEmpty() && wait <= 0) {
                        break;
                    }
                    try {
                        wait(webhookUrl != null && !pending.isEmpty() ? Math.max(1, wait) : 0);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                head = pending.peekFirst();
                url = webhookUrl;
                secret = webhookSecret;
            }
            int status;
            String body = null;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(head.json)));
                if (secret != null) {
                    request.header("X-Telegram-Bot-Api-Secret-Token", secret);
                }
                HttpResponse<String> response = webhookClient.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                status = response.statusCode();
                body = response.body();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                status = -1;
                synchronized (this) {
                    lastWebhookError = "Connection refused";
                }
            }
            webhookDeliveries.add(new WebhookDelivery(head.id, url, secret != null, status, Instant.now()));
            boolean delivered = status >= 200 && status < 300;
            synchronized (this) {
                if (delivered) {
                    pending.remove(head);
                    lastWebhookError = null;
                    webhookNextAttempt = 0;
                } else {
                    if (status > 0) {
                        lastWebhookError = "Wrong response from the webhook: " + status;
                    }
                    webhookNextAttempt = System.currentTimeMillis() + webhookRetryDelay.toMillis();
                }
            }
            if (delivered && body != null && !body.isBlank()) {
                replyFromWebhook(body);
            }
        }
    }

    /** A webhook may answer with a method call in its response body; Telegram executes it. */
    private void replyFromWebhook(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null && node.isObject() && node.hasNonNull("method")) {
                call(node.get("method").asText(), Params.of((ObjectNode) node));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Ignoring a webhook answer that is not a method call: {}", e.getMessage());
        }
    }

    // ---- files -------------------------------------------------------------------------------------------

    private JsonNode getFile(Params p) {
        String fileId = p.text("file_id");
        StoredFile file = fileId == null ? null : files.get(fileId);
        if (file == null) {
            throw BotApiException.badRequest("invalid file_id");
        }
        if (file.size() > DOWNLOAD_LIMIT) {
            throw BotApiException.badRequest("file is too big");
        }
        ObjectNode result = NODES.objectNode();
        result.put("file_id", file.fileId);
        result.put("file_unique_id", file.uniqueId);
        result.put("file_size", file.size());
        result.put("file_path", file.path);
        return result;
    }

    private void handleDownload(HttpExchange exchange, String path) throws IOException {
        String rest = path.substring("/file/bot".length());
        int slash = rest.indexOf('/');
        String givenToken = slash < 0 ? rest : rest.substring(0, slash);
        if (!token.equals(URLDecoder.decode(givenToken, StandardCharsets.UTF_8))) {
            respond(exchange, 401, "application/json", error(401, "Unauthorized", null));
            return;
        }
        String filePath = slash < 0 ? "" : URLDecoder.decode(rest.substring(slash + 1), StandardCharsets.UTF_8);
        StoredFile file;
        synchronized (this) {
            file = files.values().stream().filter(f -> f.path.equals(filePath)).findFirst().orElse(null);
        }
        if (file == null) {
            respond(exchange, 404, "application/json", error(404, "Not Found", null));
            return;
        }
        respond(exchange, 200, file.mimeType == null ? "application/octet-stream" : file.mimeType, file.content);
    }

    /** Stores a file as if a user or the bot uploaded it; {@code declaredSize} > 0 overrides the reported size. */
    synchronized StoredFile storeFile(String folder, String name, String mimeType, byte[] content, long declaredSize) {
        long n = ++fileCounter;
        String fileId = "BQACAgIAAxkBAAI" + Long.toString(n * 7919 + botId % 100_000, 36).toUpperCase(Locale.ROOT)
                + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String ext = name != null && name.lastIndexOf('.') > 0 ? name.substring(name.lastIndexOf('.')) : "";
        StoredFile file = new StoredFile(fileId, "AgAD" + Long.toString(n, 36), folder + "/file_" + n + ext, name,
                mimeType, content, declaredSize);
        files.put(fileId, file);
        return file;
    }

    /** The bytes of a stored file (what the user uploaded or the bot sent), or null. */
    public synchronized byte[] fileContent(String fileId) {
        StoredFile file = files.get(fileId);
        return file == null ? null : file.content.clone();
    }

    // =====================================================================================================
    // model helpers
    // =====================================================================================================

    private ChatState chatFor(Params p, boolean sending) {
        String raw = p.text("chat_id");
        if (raw == null || raw.isEmpty()) {
            throw BotApiException.badRequest("chat_id is empty");
        }
        long chatId;
        try {
            chatId = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw BotApiException.badRequest("chat not found");
        }
        ChatState chat = chats.get(chatId);
        if (chat == null) {
            if (!sending) {
                throw BotApiException.badRequest("chat not found");
            }
            if (chatId > 0 && requireStartedChat) {
                throw new BotApiException(403, "Forbidden: bot can't initiate conversation with a user");
            }
            chat = chat(chatId);
        }
        if (chatId > 0 && sending && blockedBy.contains(chatId)) {
            throw new BotApiException(403, "Forbidden: bot was blocked by the user");
        }
        return chat;
    }

    private ChatState chat(long chatId) {
        return chats.computeIfAbsent(chatId, ChatState::new);
    }

    private SimUser simUser(long userId) {
        return users.computeIfAbsent(userId, id -> new SimUser(id, "Пользователь " + id, null, null));
    }

    private ObjectNode newUserMessage(long chatId, long userId) {
        if (closed) {
            throw new IllegalStateException("The fake Telegram Bot API is closed");
        }
        if (userId <= 0) {
            throw new IllegalArgumentException("A user id is a positive number: " + userId);
        }
        SimUser user = simUser(userId);
        ObjectNode message = NODES.objectNode();
        message.set("from", userJson(user));
        message.set("chat", chatJson(chatId));
        message.put("date", now());
        return message;
    }

    private StoredMessage storeUserMessage(long chatId, ObjectNode message, String kind) {
        StoredMessage stored = chat(chatId).add(false, message.path("from").path("id").asLong());
        message.put("message_id", stored.messageId);
        // keep field order natural: message_id first
        ObjectNode ordered = NODES.objectNode();
        ordered.put("message_id", stored.messageId);
        message.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("message_id")) {
                ordered.set(e.getKey(), e.getValue());
            }
        });
        message.removeAll();
        message.setAll(ordered);
        stored.kind = kind;
        stored.userJson = message;
        return stored;
    }

    private static void addCommandEntity(ObjectNode message, String text) {
        if (text != null && text.startsWith("/") && text.length() > 1) {
            int end = 1;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            message.putArray("entities").addObject().put("offset", 0).put("length", end).put("type", "bot_command");
        }
    }

    private long enqueue(String type, JsonNode payload, int times) {
        return enqueue(type, payload, times, 0);
    }

    private long enqueue(String type, JsonNode payload, int times, long forcedId) {
        long id = forcedId > 0 ? forcedId : nextUpdateId++;
        if (forcedId >= nextUpdateId) {
            nextUpdateId = forcedId + 1;
        }
        synchronized (System.getProperties()) {
            if (id > Long.getLong(LAST_UPDATE_ID, 0)) {
                System.setProperty(LAST_UPDATE_ID, Long.toString(id));
            }
        }
        ObjectNode update = NODES.objectNode();
        update.put("update_id", id);
        update.set(type, payload);
        PendingUpdate first = null;
        for (int i = 0; i < Math.max(1, times); i++) {
            PendingUpdate u = new PendingUpdate(id, type, update);
            pending.addLast(u);
            if (first == null) {
                first = u;
            }
        }
        updatesById.put(id, first);
        notifyAll();
        return id;
    }

    private List<SimMessage> messages(long chatId, boolean withUser) {
        ChatState chat = chats.get(chatId);
        if (chat == null) {
            return List.of();
        }
        return chat.messages.values().stream()
                .filter(m -> !m.deleted && (withUser || m.fromBot))
                .map(StoredMessage::toSim)
                .toList();
    }

    ObjectNode botUserJson() {
        ObjectNode bot = NODES.objectNode();
        bot.put("id", botId);
        bot.put("is_bot", true);
        bot.put("first_name", BOT_NAME);
        bot.put("username", BOT_USERNAME);
        return bot;
    }

    private static ObjectNode userJson(SimUser user) {
        ObjectNode json = NODES.objectNode();
        json.put("id", user.id);
        json.put("is_bot", false);
        json.put("first_name", user.firstName);
        if (user.lastName != null) {
            json.put("last_name", user.lastName);
        }
        if (user.username != null) {
            json.put("username", user.username);
        }
        json.put("language_code", "ru");
        return json;
    }

    ObjectNode chatJson(long chatId) {
        ObjectNode json = NODES.objectNode();
        json.put("id", chatId);
        if (chatId > 0) {
            SimUser user = simUser(chatId);
            json.put("type", "private");
            json.put("first_name", user.firstName);
            if (user.lastName != null) {
                json.put("last_name", user.lastName);
            }
            if (user.username != null) {
                json.put("username", user.username);
            }
        } else {
            json.put("type", "supergroup");
            json.put("title", "Чат " + chatId);
        }
        return json;
    }

    synchronized StoredFile file(String fileId) {
        return files.get(fileId);
    }

    synchronized ObjectNode stateJson() {
        ObjectNode state = NODES.objectNode();
        state.put("botUsername", BOT_USERNAME);
        state.put("botName", BOT_NAME);
        state.put("mode", webhookUrl == null ? "polling" : "webhook");
        state.put("webhookUrl", webhookUrl);
        state.put("pendingUpdates", pending.size());
        ArrayNode userList = state.putArray("users");
        users.values().forEach(u -> userList.addObject().put("id", u.id).put("firstName", u.firstName));
        ArrayNode chatList = state.putArray("chats");
        chats.keySet().forEach(chatList::add);
        state.set("commands", commands.getOrDefault(commandsKey(null, null), NODES.arrayNode()).deepCopy());
        return state;
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    private static long botIdOf(String token) {
        int colon = token.indexOf(':');
        try {
            return colon > 0 ? Long.parseLong(token.substring(0, colon)) : 1L;
        } catch (NumberFormatException e) {
            return 1L;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static byte[] error(int code, String description, Integer retryAfter) {
        ObjectNode node = NODES.objectNode();
        node.put("ok", false);
        node.put("error_code", code);
        node.put("description", description);
        if (retryAfter != null) {
            node.putObject("parameters").put("retry_after", retryAfter);
        }
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static Base64.Decoder base64() {
        return Base64.getDecoder();
    }

    static Matcher match(Pattern pattern, String path) {
        return pattern.matcher(path);
    }

    // =====================================================================================================
    // internal state types
    // =====================================================================================================

    private record SimUser(long id, String firstName, String lastName, String username) {
    }

    private static final class PendingUpdate {
        final long id;
        final String type;
        final ObjectNode json;

        PendingUpdate(long id, String type, ObjectNode json) {
            this.id = id;
            this.type = type;
            this.json = json;
        }
    }

    private static final class RateLimit {
        int remaining;
        final int retryAfter;

        RateLimit(int remaining, int retryAfter) {
            this.remaining = remaining;
            this.retryAfter = retryAfter;
        }
    }

    private static final class CallbackState {
        final String id;
        final long userId;
        final long messageId;
        final String data;
        boolean answered;
        RecordedCall answer;

        CallbackState(String id, long userId, long messageId, String data) {
            this.id = id;
            this.userId = userId;
            this.messageId = messageId;
            this.data = data;
        }
    }

    record StoredFile(String fileId, String uniqueId, String path, String name, String mimeType, byte[] content,
            long declaredSize) {
        long size() {
            return declaredSize > 0 ? declaredSize : content.length;
        }
    }

    private final class ChatState {
        final long id;
        final Map<Long, StoredMessage> messages = new LinkedHashMap<>();
        long nextMessageId = 1;

        ChatState(long id) {
            this.id = id;
        }

        StoredMessage add(boolean fromBot, long fromUserId) {
            StoredMessage m = new StoredMessage(id, nextMessageId++, fromBot, fromUserId, now());
            messages.put(m.messageId, m);
            return m;
        }
    }

    private static final class StoredMessage {
        final long chatId;
        final long messageId;
        final boolean fromBot;
        final long fromUserId;
        final long date;
        long editDate;
        String kind = "text";
        String text;
        String rawText;
        String parseMode;
        JsonNode replyMarkup;
        String fileId;
        String fileName;
        boolean deleted;
        ObjectNode userJson;

        StoredMessage(long chatId, long messageId, boolean fromBot, long fromUserId, long date) {
            this.chatId = chatId;
            this.messageId = messageId;
            this.fromBot = fromBot;
            this.fromUserId = fromUserId;
            this.date = date;
        }

        List<List<SimButton>> buttons() {
            List<List<SimButton>> rows = new ArrayList<>();
            if (replyMarkup != null && replyMarkup.has("inline_keyboard")) {
                for (JsonNode row : replyMarkup.get("inline_keyboard")) {
                    List<SimButton> buttons = new ArrayList<>();
                    row.forEach(b -> buttons.add(new SimButton(b.path("text").asText(),
                            b.hasNonNull("callback_data") ? b.get("callback_data").asText() : null,
                            b.hasNonNull("url") ? b.get("url").asText() : null)));
                    rows.add(List.copyOf(buttons));
                }
            }
            return List.copyOf(rows);
        }

        List<List<String>> keyboard() {
            List<List<String>> rows = new ArrayList<>();
            if (replyMarkup != null && replyMarkup.has("keyboard")) {
                for (JsonNode row : replyMarkup.get("keyboard")) {
                    List<String> buttons = new ArrayList<>();
                    row.forEach(b -> buttons.add(b.isTextual() ? b.asText() : b.path("text").asText()));
                    rows.add(List.copyOf(buttons));
                }
            }
            return List.copyOf(rows);
        }

        SimMessage toSim() {
            return new SimMessage(messageId, chatId, fromBot ? "bot" : "user", text, rawText == null ? text : rawText,
                    parseMode, buttons(), keyboard(), editDate > 0, date, kind, fileId, fileName);
        }

        ObjectNode toBotApi(FakeTelegramApi api) {
            if (!fromBot) {
                return userJson.deepCopy();
            }
            ObjectNode json = NODES.objectNode();
            json.put("message_id", messageId);
            json.set("from", api.botUserJson());
            json.set("chat", api.chatJson(chatId));
            json.put("date", date);
            if (editDate > 0) {
                json.put("edit_date", editDate);
            }
            if (kind.equals("text")) {
                json.put("text", text);
            } else {
                StoredFile file = api.files.get(fileId);
                if (kind.equals("photo")) {
                    json.putArray("photo").addObject().put("file_id", fileId).put("file_unique_id", file.uniqueId())
                            .put("file_size", file.size()).put("width", 800).put("height", 600);
                } else {
                    ObjectNode document = json.putObject("document");
                    document.put("file_id", fileId).put("file_unique_id", file.uniqueId()).put("file_size", file.size());
                    if (file.name() != null) {
                        document.put("file_name", file.name());
                    }
                    if (file.mimeType() != null) {
                        document.put("mime_type", file.mimeType());
                    }
                }
                if (text != null) {
                    json.put("caption", text);
                }
            }
            if (replyMarkup != null && replyMarkup.has("inline_keyboard") && !replyMarkup.get("inline_keyboard").isEmpty()) {
                ObjectNode markup = json.putObject("reply_markup");
                markup.set("inline_keyboard", replyMarkup.get("inline_keyboard").deepCopy());
            }
            return json;
        }
    }
}
