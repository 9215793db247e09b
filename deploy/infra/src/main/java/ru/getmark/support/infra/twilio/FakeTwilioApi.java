package ru.getmark.support.infra.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
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
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A fake Twilio REST API (the part WhatsApp messaging uses) that doubles as a WhatsApp simulator. The service under
 * test talks to it with the real Twilio Java SDK exactly as it would talk to {@code https://api.twilio.com}; tests and
 * people play the customers: they write, press quick replies of content templates, send files. Everything lives in
 * memory. The contract is {@code /work/notes/fake-twilio.md}; the module README summarises it.
 *
 * <ul>
 *   <li>REST: {@code /2010-04-01/Accounts/{AccountSid}/Messages.json} (create, list),
 *       {@code .../Messages/{Sid}.json} (fetch), {@code .../Messages/{Sid}/Media/{MediaSid}} (inbound media, 307 to a
 *       short-lived {@code /cdn/...} link). HTTP Basic with the account SID and auth token, Twilio's error JSON.</li>
 *   <li>Towards the service: the inbound webhook and status callbacks, form-encoded and signed with
 *       {@code X-Twilio-Signature} as Twilio signs them; status callbacks are posted by a background worker, in order,
 *       never while a REST answer waits.</li>
 *   <li>Simulator: {@code /sim/...} JSON API and the page at {@code /}.</li>
 * </ul>
 */
public final class FakeTwilioApi implements AutoCloseable {

    public static final String DEFAULT_ACCOUNT_SID = "AC0fa4e7a1100000000000000000000001";
    public static final String DEFAULT_AUTH_TOKEN = "6e7d1f0a9c4b3d2e5f6a7b8c9d0e1f2a";
    /** GetMark's WhatsApp number, +7 925 950-91-18. */
    public static final String DEFAULT_SENDER = "whatsapp:+79259509118";
    public static final String API_VERSION = "2010-04-01";
    /** The longest Body the Messages API accepts. */
    public static final int MAX_BODY = 1600;
    /** WhatsApp's customer-service window: freeform messages only this long after the customer's last message. */
    public static final Duration SERVICE_WINDOW = Duration.ofHours(24);

    static final String WINDOW_CLOSED_MESSAGE = "Failed to send freeform message because you are outside the allowed "
            + "window. If you are using WhatsApp, please use a Message Template.";

    private static final Logger LOG = LoggerFactory.getLogger(FakeTwilioApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The date format of the API's JSON (and what the SDK parses): {@code Thu, 30 Jul 2015 20:12:31 +0000}. */
    static final DateTimeFormatter RFC_1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern CONTENT_SID = Pattern.compile("HX[0-9a-fA-F]{32}");
    private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    private static final Pattern API_PATH = Pattern.compile(
            "^/2010-04-01/Accounts/([^/]+)/Messages(?:\\.json|/([A-Za-z0-9]+)(?:\\.json|/Media(?:\\.json|/([A-Za-z0-9]+)"
                    + "(\\.json)?)))$");
    private static final Pattern CDN_PATH = Pattern.compile("^/cdn/([A-Za-z0-9_-]+)(?:/.*)?$");
    private static final int MAX_RECORDED = 20_000;
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String accountSid;
    private final String authToken;
    private final String sender;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient http;
    private final Thread statusWorker;

    // ---- state, guarded by this ----
    private final Map<String, OutMessage> messages = new LinkedHashMap<>();
    private final Map<String, InMessage> inboundBySid = new LinkedHashMap<>();
    private final Map<String, Instant> lastInbound = new HashMap<>();
    private final Map<String, Template> templates = new LinkedHashMap<>();
    private final Map<String, StoredMedia> media = new HashMap<>();
    private final Map<String, CdnLink> cdnLinks = new HashMap<>();
    private final Map<String, DeliveryFault> deliveryFaults = new HashMap<>();
    private final Map<String, String> profileNames = new LinkedHashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final PriorityQueue<Step> steps = new PriorityQueue<>(
            Comparator.comparing((Step s) -> s.due).thenComparingLong(s -> s.seq));
    private long stepSeq;
    private long generation;
    private String inboundWebhook;
    private RequestFault requestFault;
    private Duration statusStepDelay = Duration.ZERO;
    private Duration mediaLinkTtl = Duration.ofMinutes(5);
    private boolean closed;

    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<StatusCallbackPost> statusCallbacks = new CopyOnWriteArrayList<>();
    private final List<WebhookPost> webhookPosts = new CopyOnWriteArrayList<>();

    private FakeTwilioApi(String accountSid, String authToken, HttpServer server, ExecutorService executor) {
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.sender = DEFAULT_SENDER;
        this.server = server;
        this.executor = executor;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.statusWorker = new Thread(this::runStatusWorker, "fake-twilio-status");
        this.statusWorker.setDaemon(true);
    }

    /** Starts on a free port of 127.0.0.1 with {@link #DEFAULT_ACCOUNT_SID} and {@link #DEFAULT_AUTH_TOKEN}. */
    public static FakeTwilioApi start() {
        return start("127.0.0.1", 0, DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
    }

    /**
     * Starts the server. Port 0 picks a free port ({@link #port()} tells which).
     *
     * @param accountSid the only account ("AC" + 32 hex) whose credentials are accepted
     * @param authToken  its auth token: HTTP Basic password of the REST API and the key of every signature
     */
    public static FakeTwilioApi start(String host, int port, String accountSid, String authToken) {
        if (accountSid == null || !ACCOUNT_SID.matcher(accountSid).matches()) {
            throw new IllegalArgumentException("An account SID is \"AC\" followed by 32 hex digits");
        }
        if (authToken == null || authToken.isBlank()) {
            throw new IllegalArgumentException("An auth token is required");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the fake Twilio API to " + host + ":" + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-twilio-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        FakeTwilioApi api = new FakeTwilioApi(accountSid, authToken, server, executor);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        api.statusWorker.start();
        LOG.info("Fake Twilio API listening on {}", api.baseUrl());
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    /** For example {@code http://127.0.0.1:18082}: serves the paths of {@code https://api.twilio.com}. */
    public String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    public String accountSid() {
        return accountSid;
    }

    public String authToken() {
        return authToken;
    }

    /** The WhatsApp sender ({@link #DEFAULT_SENDER}): the only From the Messages API accepts. */
    public String sender() {
        return sender;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        statusWorker.interrupt();
        server.stop(0);
        executor.shutdownNow();
        LOG.info("Fake Twilio API on port {} stopped", port());
    }

    /**
     * Forgets conversations, messages, media, faults, templates and recorded calls; keeps the port, the credentials,
     * the inbound webhook, the routes and the timing settings. Status callbacks not yet posted are dropped.
     */
    public synchronized void reset() {
        generation++;
        messages.clear();
        inboundBySid.clear();
        lastInbound.clear();
        templates.clear();
        media.clear();
        cdnLinks.clear();
        deliveryFaults.clear();
        profileNames.clear();
        steps.clear();
        requestFault = null;
        requests.clear();
        statusCallbacks.clear();
        webhookPosts.clear();
        notifyAll();
    }

    // =====================================================================================================
    // Configuration
    // =====================================================================================================

    /** The sender's "A message comes in" URL as configured in Twilio; this exact URL is what gets signed. */
    public synchronized void inboundWebhook(String url) {
        if (url != null) {
            URI.create(url);
        }
        this.inboundWebhook = url;
    }

    public synchronized String inboundWebhook() {
        return inboundWebhook;
    }

    /**
     * A reverse proxy in front of the service: a webhook or status callback URL starting with {@code publicPrefix}
     * is POSTed to {@code localPrefix} + the rest, while the signature is still computed over the public URL.
     * A later route with the same public prefix replaces the earlier one; the longest matching prefix wins.
     */
    public synchronized void route(String publicPrefix, String localPrefix) {
        routes.removeIf(r -> r.publicPrefix.equals(publicPrefix));
        routes.add(new Route(publicPrefix, localPrefix));
        routes.sort(Comparator.comparingInt((Route r) -> r.publicPrefix.length()).reversed());
    }

    /** How long each status step (queued → sent → delivered) takes; zero (the default) moves at once. */
    public synchronized void statusStepDelay(Duration delay) {
        this.statusStepDelay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    /** How long a {@code /cdn/...} media link (the target of the media 307) stays valid; 5 minutes by default. */
    public synchronized void mediaLinkTtl(Duration ttl) {
        this.mediaLinkTtl = ttl;
    }

    /**
     * Registers a content template (an approved WhatsApp template). A message sent with its ContentSid is rendered
     * ({{n}} replaced by the ContentVariables) and its quick replies (ButtonPayload = the title) become buttons.
     */
    public void contentTemplate(String contentSid, String body, List<String> quickReplies) {
        List<QuickReply> replies = new ArrayList<>();
        if (quickReplies != null) {
            quickReplies.forEach(t -> replies.add(new QuickReply(t, t)));
        }
        contentTemplateWithIds(contentSid, body, replies);
    }

    /** As {@link #contentTemplate(String, String, List)}, with quick replies whose id (ButtonPayload) differs. */
    public synchronized void contentTemplateWithIds(String contentSid, String body, List<QuickReply> quickReplies) {
        if (contentSid == null || !CONTENT_SID.matcher(contentSid).matches()) {
            throw new IllegalArgumentException("A ContentSid is \"HX\" followed by 32 hex digits");
        }
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("A template needs a body");
        }
        templates.put(contentSid, new Template(contentSid, body,
                quickReplies == null ? List.of() : List.copyOf(quickReplies)));
    }

    // =====================================================================================================
    // Faults
    // =====================================================================================================

    /**
     * The next {@code n} calls of the Messages API (create, fetch, list; not media) answer {@code httpStatus} with
     * Twilio error {@code twilioCode}. NB: the SDK itself retries a 5xx up to 3 attempts in all.
     */
    public synchronized void failRequests(int n, int httpStatus, int twilioCode) {
        requestFault = n <= 0 ? null : new RequestFault(n, httpStatus, twilioCode);
    }

    /**
     * Messages to that number end in {@code status} ("failed": queued → failed; "undelivered": queued → sent →
     * undelivered) with that ErrorCode; {@code null} status clears it.
     */
    public synchronized void failDelivery(String phone, String status, int errorCode) {
        String key = phoneKey(phone);
        if (status == null) {
            deliveryFaults.remove(key);
            return;
        }
        if (!status.equals("failed") && !status.equals("undelivered")) {
            throw new IllegalArgumentException("A delivery fault ends in \"failed\" or \"undelivered\": " + status);
        }
        deliveryFaults.put(key, new DeliveryFault(status, errorCode));
    }

    // =====================================================================================================
    // The customer
    // =====================================================================================================

    /** The customer writes a text message; returns once the service answered the webhook. */
    public Inbound customerSends(String phone, String text, String profileName) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Body", text == null ? "" : text);
        return deliverNew(phone, profileName, "text", extra, List.of(), null);
    }

    /** The customer sends files (photo, PDF ...) with an optional caption. */
    public Inbound customerSendsMedia(String phone, String caption, String profileName, List<Media> files) {
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("At least one media file is required");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Body", caption == null ? "" : caption);
        return deliverNew(phone, profileName, messageType(files.get(0).contentType()), extra, files, null);
    }

    /**
     * The customer presses a quick reply of a content template: MessageType=button, ButtonText, ButtonPayload,
     * Body = buttonText, and (as Twilio adds for replies) OriginalRepliedMessageSid/Sender of the newest message to
     * this number that has such a button.
     */
    public Inbound customerPressesButton(String phone, String buttonText, String buttonPayload, String profileName) {
        String key = phoneKey(phone);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Body", buttonText == null ? "" : buttonText);
        extra.put("ButtonText", buttonText == null ? "" : buttonText);
        extra.put("ButtonPayload", buttonPayload == null ? buttonText : buttonPayload);
        synchronized (this) {
            List<OutMessage> sent = new ArrayList<>(messages.values());
            for (int i = sent.size() - 1; i >= 0; i--) {
                OutMessage m = sent.get(i);
                if (m.phone.equals(key) && (m.buttonPayloads.contains(extra.get("ButtonPayload"))
                        || m.buttons.contains(buttonText))) {
                    extra.put("OriginalRepliedMessageSender", sender);
                    extra.put("OriginalRepliedMessageSid", m.sid);
                    break;
                }
            }
        }
        return deliverNew(phone, profileName, "button", extra, List.of(), null);
    }

    /**
     * Anything else (MessageType=location with Latitude/Longitude, audio, sticker ...): the standard fields are
     * filled in, {@code extraParams} override them.
     */
    public Inbound customerSendsRaw(String phone, Map<String, String> extraParams) {
        Map<String, String> extra = new LinkedHashMap<>(extraParams == null ? Map.of() : extraParams);
        String type = extra.getOrDefault("MessageType", "text");
        return deliverNew(phone, extra.get("ProfileName"), type, extra, List.of(), extraParams);
    }

    /** POSTs the very same form again (same signature and idempotency token), as Twilio does after a timeout/5xx. */
    public Inbound redeliver(String messageSid) {
        InMessage message;
        synchronized (this) {
            message = inboundBySid.get(messageSid);
        }
        if (message == null) {
            throw new IllegalArgumentException("No customer message " + messageSid);
        }
        return postInbound(message, true);
    }

    /** Moves the last inbound time of a number (to test an expired 24-hour window); null closes it entirely. */
    public synchronized void windowOpenedAt(String phone, Instant at) {
        if (at == null) {
            lastInbound.remove(phoneKey(phone));
        } else {
            lastInbound.put(phoneKey(phone), at);
        }
    }

    /** Whether a freeform message to that number would be delivered now (its last message is under 24 h old). */
    public synchronized boolean windowOpen(String phone) {
        return windowOpen(phoneKey(phone), Instant.now());
    }

    // =====================================================================================================
    // Reading what happened
    // =====================================================================================================

    /** What the service sent to that number (REST API and TwiML replies), oldest first, current status. */
    public synchronized List<SentMessage> sentTo(String phone) {
        String key = phoneKey(phone);
        return messages.values().stream().filter(m -> m.phone.equals(key)).map(OutMessage::snapshot).toList();
    }

    /** Every message the service sent, oldest first. */
    public synchronized List<SentMessage> sent() {
        return messages.values().stream().map(OutMessage::snapshot).toList();
    }

    /** One sent message by SID, or null. */
    public synchronized SentMessage sentMessage(String sid) {
        OutMessage m = messages.get(sid);
        return m == null ? null : m.snapshot();
    }

    /** Every status callback POSTed so far, in order. */
    public List<StatusCallbackPost> statusCallbacks() {
        return List.copyOf(statusCallbacks);
    }

    /** The status callbacks of one message, in order. */
    public List<StatusCallbackPost> statusCallbacks(String messageSid) {
        return statusCallbacks.stream().filter(c -> c.messageSid().equals(messageSid)).toList();
    }

    /** Every REST call (Messages and media), oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Every POST of a customer's message to the inbound webhook (redeliveries included), oldest first. */
    public List<WebhookPost> webhookPosts() {
        return List.copyOf(webhookPosts);
    }

    /** What the customer with that number sent, oldest first. */
    public synchronized List<CustomerMessage> inbound(String phone) {
        String key = phoneKey(phone);
        return inboundBySid.values().stream().filter(m -> m.phone.equals(key)).map(InMessage::snapshot).toList();
    }

    synchronized String mediaContentType(String mediaSid) {
        StoredMedia m = media.get(mediaSid);
        return m == null ? "application/octet-stream" : m.contentType;
    }

    /** The bytes of a customer's media file by its MediaSid ("ME..."), or null. */
    public synchronized byte[] mediaContent(String mediaSid) {
        StoredMedia m = media.get(mediaSid);
        return m == null ? null : m.content.clone();
    }

    // =====================================================================================================
    // Signatures
    // =====================================================================================================

    /**
     * Twilio's request signature: Base64(HMAC-SHA1(authToken, url + every parameter sorted by name, name + value)).
     */
    public static String signature(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params == null ? Map.<String, String>of() : params)
                .forEach((name, value) -> data.append(name).append(value == null ? "" : value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }

    // =====================================================================================================
    // Inbound: building and posting webhook forms
    // =====================================================================================================

    private Inbound deliverNew(String phone, String profileName, String messageType, Map<String, String> extra,
            List<Media> files, Map<String, String> rawOverrides) {
        InMessage message;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The fake Twilio API is closed");
            }
            if (inboundWebhook == null) {
                throw new IllegalStateException("No inbound webhook configured: call inboundWebhook(url) first");
            }
            String key = phoneKey(phone);
            String name = profileName;
            if (name == null || name.isBlank()) {
                name = profileNames.getOrDefault(key, "Клиент " + key.substring(Math.max(1, key.length() - 4)));
            }
            profileNames.put(key, name);
            String sid = (files.isEmpty() ? "SM" : "MM") + hex32();
            Map<String, String> form = new LinkedHashMap<>();
            form.put("SmsMessageSid", sid);
            form.put("NumMedia", Integer.toString(files.size()));
            form.put("ProfileName", name);
            form.put("MessageType", messageType);
            form.put("SmsSid", sid);
            form.put("WaId", key.substring(1));
            form.put("SmsStatus", "received");
            form.put("Body", "");
            form.put("To", sender);
            form.put("NumSegments", "1");
            form.put("ReferralNumMedia", "0");
            form.put("MessageSid", sid);
            form.put("AccountSid", accountSid);
            form.put("From", "whatsapp:" + key);
            form.put("ApiVersion", API_VERSION);
            List<MediaFile> mediaFiles = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Media file = files.get(i);
                String mediaSid = "ME" + hex32();
                String url = baseUrl() + "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages/" + sid
                        + "/Media/" + mediaSid;
                media.put(mediaSid, new StoredMedia(mediaSid, sid, file.contentType(), file.fileName(),
                        file.content().clone(), Instant.now()));
                form.put("MediaContentType" + i, file.contentType());
                form.put("MediaUrl" + i, url);
                mediaFiles.add(new MediaFile(mediaSid, url, file.contentType(), file.fileName(),
                        file.content().length));
            }
            form.putAll(extra);
            if (rawOverrides != null) {
                form.putAll(rawOverrides);
            }
            Instant now = Instant.now();
            message = new InMessage(sid, key, form.get("ProfileName"), form.get("MessageType"), form,
                    List.copyOf(mediaFiles), idempotencyToken(), now);
            inboundBySid.put(sid, message);
            lastInbound.put(key, now);
        }
        return postInbound(message, false);
    }

    /** POSTs a customer's message to the inbound webhook, outside the monitor: the service may call the API meanwhile. */
    private Inbound postInbound(InMessage message, boolean redelivery) {
        String url;
        synchronized (this) {
            url = inboundWebhook;
            if (url == null) {
                throw new IllegalStateException("No inbound webhook configured: call inboundWebhook(url) first");
            }
        }
        String postedTo = target(url);
        PostResult result = postSigned(url, postedTo, message.form,
                Map.of("I-Twilio-Idempotency-Token", message.idempotencyToken), WEBHOOK_TIMEOUT);
        webhookPosts.add(new WebhookPost(message.sid, url, postedTo, result.status, redelivery, Instant.now()));
        List<Step> scheduled = List.of();
        synchronized (this) {
            message.status = result.status;
            message.answer = result.body;
            if (result.status >= 200 && result.status < 300 && result.body != null && !redelivery) {
                scheduled = twimlReplies(message, result.body, result.contentType);
            }
        }
        schedule(scheduled);
        return new Inbound(message.sid, result.status, result.body);
    }

    /** A TwiML answer ({@code <Response><Message>..}) makes Twilio send those messages to the customer. */
    private List<Step> twimlReplies(InMessage to, String body, String contentType) {
        String trimmed = body.trim();
        if (!trimmed.startsWith("<") || !trimmed.contains("<Response")) {
            return List.of();
        }
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(trimmed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            LOG.debug("The webhook answer is not TwiML ({}): {}", contentType, e.getMessage());
            return List.of();
        }
        List<Step> result = new ArrayList<>();
        NodeList list = doc.getDocumentElement().getElementsByTagName("Message");
        for (int i = 0; i < list.getLength(); i++) {
            Element element = (Element) list.item(i);
            String text = null;
            List<String> mediaUrls = new ArrayList<>();
            boolean nested = false;
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element e) {
                    nested = true;
                    if (e.getTagName().equals("Body")) {
                        text = e.getTextContent();
                    } else if (e.getTagName().equals("Media")) {
                        mediaUrls.add(e.getTextContent().trim());
                    }
                }
            }
            if (!nested) {
                text = element.getTextContent();
            }
            OutMessage m = new OutMessage((mediaUrls.isEmpty() ? "SM" : "MM") + hex32(), to.phone,
                    "whatsapp:" + to.phone, sender, "outbound-reply");
            m.body = text;
            m.mediaUrls = List.copyOf(mediaUrls);
            String action = element.getAttribute("action");
            m.statusCallback = action == null || action.isBlank() ? null : action;
            messages.put(m.sid, m);
            result.addAll(plan(m));
        }
        return result;
    }

    private PostResult postSigned(String signedUrl, String postedTo, Map<String, String> form,
            Map<String, String> headers, Duration timeout) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(postedTo))
                    .timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("User-Agent", "TwilioProxy/1.1")
                    .header("X-Twilio-Signature", signature(authToken, signedUrl, form))
                    .POST(HttpRequest.BodyPublishers.ofString(Form.encode(form), StandardCharsets.UTF_8));
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new PostResult(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PostResult(-1, "interrupted", "");
        } catch (IOException | RuntimeException e) {
            return new PostResult(-1, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage(), "");
        }
    }

    private synchronized String target(String url) {
        for (Route route : routes) {
            if (url.startsWith(route.publicPrefix)) {
                return route.localPrefix + url.substring(route.publicPrefix.length());
            }
        }
        return url;
    }

    // =====================================================================================================
    // Status progression (background worker)
    // =====================================================================================================

    /** The status steps of a new message (its "queued" first), decided now: window, delivery faults. */
    private List<Step> plan(OutMessage m) {
        Instant now = Instant.now();
        List<Step> plan = new ArrayList<>();
        plan.add(new Step(m.sid, "queued", null, null, now, generation));
        DeliveryFault fault = deliveryFaults.get(m.phone);
        Duration step = statusStepDelay;
        if (fault != null && fault.status.equals("failed")) {
            plan.add(new Step(m.sid, "failed", fault.code, errorMessage(fault.code), now.plus(step), generation));
        } else if (m.contentSid == null && !windowOpen(m.phone, now)) {
            plan.add(new Step(m.sid, "failed", 63016, WINDOW_CLOSED_MESSAGE, now.plus(step), generation));
        } else {
            plan.add(new Step(m.sid, "sent", null, null, now.plus(step), generation));
            if (fault != null) {
                plan.add(new Step(m.sid, "undelivered", fault.code, errorMessage(fault.code),
                        now.plus(step.multipliedBy(2)), generation));
            } else {
                plan.add(new Step(m.sid, "delivered", null, null, now.plus(step.multipliedBy(2)), generation));
            }
        }
        return plan;
    }

    private synchronized void schedule(List<Step> plan) {
        for (Step s : plan) {
            s.seq = stepSeq++;
            steps.add(s);
        }
        notifyAll();
    }

    private void runStatusWorker() {
        while (true) {
            Step step;
            OutMessage message;
            Map<String, String> form;
            synchronized (this) {
                while (true) {
                    if (closed) {
                        return;
                    }
                    Step head = steps.peek();
                    long wait = head == null ? 0 : Duration.between(Instant.now(), head.due).toMillis();
                    if (head != null && wait <= 0) {
                        break;
                    }
                    try {
                        wait(head == null ? 0 : Math.max(1, wait));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                step = steps.poll();
                message = messages.get(step.sid);
                if (message == null || step.generation != generation) {
                    continue;
                }
                Instant now = Instant.now();
                if (!step.status.equals("queued")) {
                    message.status = step.status;
                    message.updated = now;
                    if (step.status.equals("sent")) {
                        message.dateSent = now;
                    }
                    if (step.errorCode != null) {
                        message.errorCode = step.errorCode;
                        message.errorMessage = step.errorMessage;
                    }
                }
                if (message.statusCallback == null) {
                    continue;
                }
                form = new LinkedHashMap<>();
                form.put("SmsSid", message.sid);
                form.put("SmsStatus", step.status);
                form.put("MessageStatus", step.status);
                form.put("ChannelToAddress", message.phone);
                form.put("To", message.to);
                form.put("ChannelPrefix", "whatsapp");
                form.put("MessageSid", message.sid);
                form.put("AccountSid", accountSid);
                form.put("From", message.from);
                form.put("ApiVersion", API_VERSION);
                if (step.errorCode != null) {
                    form.put("ErrorCode", Integer.toString(step.errorCode));
                    form.put("ErrorMessage", step.errorMessage);
                }
            }
            String url = message.statusCallback;
            String postedTo = target(url);
            PostResult result = postSigned(url, postedTo, form, Map.of(), WEBHOOK_TIMEOUT);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            synchronized (this) {
                if (step.generation != generation) {
                    continue;
                }
            }
            statusCallbacks.add(new StatusCallbackPost(message.sid, step.status, step.errorCode, url, result.status,
                    postedTo, Instant.now()));
        }
    }

    // =====================================================================================================
    // HTTP
    // =====================================================================================================

    private void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                LOG.warn("Fake Twilio failed to handle {}", exchange.getRequestURI().getPath(), e);
                respond(exchange, 500, "application/json", errorJson(500, 20500, "Internal Server Error"));
            }
        } catch (IOException e) {
            LOG.debug("Fake Twilio could not answer {}: {}", exchange.getRequestURI().getPath(), e.toString());
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/" + API_VERSION + "/")) {
            handleApi(exchange, path);
        } else if (path.startsWith("/cdn/")) {
            handleCdn(exchange, path);
        } else if (path.startsWith("/sim/")) {
            SimHttp.handle(this, exchange, path);
        } else if (path.equals("/") || path.equals("/index.html")) {
            servePage(exchange);
        } else {
            respond(exchange, 404, "text/plain; charset=utf-8", "Not Found".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void servePage(HttpExchange exchange) throws IOException {
        try (InputStream in = FakeTwilioApi.class.getResourceAsStream("simulator.html")) {
            if (in == null) {
                throw new IllegalStateException("simulator.html is missing from the classpath");
            }
            respond(exchange, 200, "text/html; charset=utf-8", in.readAllBytes());
        }
    }

    private void handleApi(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] raw = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> params = Form.parse(exchange.getRequestURI().getRawQuery());
        if (raw.length > 0 && (contentType == null
                || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))) {
            Form.parse(new String(raw, StandardCharsets.UTF_8))
                    .forEach((k, v) -> params.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        List<Step> scheduled = List.of();
        ApiAnswer answer;
        try {
            if (!authenticated(exchange)) {
                throw new TwilioError(401, 20003, "Authenticate");
            }
            Matcher m = API_PATH.matcher(path);
            if (!m.matches() || !m.group(1).equals(accountSid)) {
                throw notFound(path);
            }
            String messageSid = m.group(2);
            if (path.contains("/Media")) {
                if (!method.equals("GET")) {
                    throw new TwilioError(405, 20004, "Method not allowed");
                }
                answer = serveMedia(path, messageSid, m.group(3), m.group(4) != null);
            } else {
                Object[] result = messagesApi(method, path, messageSid, params);
                @SuppressWarnings("unchecked")
                List<Step> plan = (List<Step>) result[2];
                scheduled = plan;
                answer = new ApiAnswer((Integer) result[1], MAPPER.writeValueAsBytes(result[0]), null);
            }
        } catch (TwilioError e) {
            answer = new ApiAnswer(e.httpStatus(), errorJson(e.httpStatus(), e.code(), e.getMessage()), null);
        }
        // recorded before the answer leaves: whoever got an answer finds the call in requests()
        record(new RecordedRequest(method, path, copy(params), answer.status, Instant.now()));
        try {
            if (answer.status == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
            }
            if (answer.location != null) {
                exchange.getResponseHeaders().set("Location", answer.location);
                respond(exchange, answer.status, "text/plain; charset=utf-8", new byte[0]);
            } else {
                respond(exchange, answer.status, "application/json; charset=utf-8", answer.body);
            }
        } finally {
            // the statuses move only after the 201 is on its way: the service learns the SID first
            schedule(scheduled);
        }
    }

    private record ApiAnswer(int status, byte[] body, String location) {
    }

    /** Create, fetch, list; returns {json, status, steps to schedule}. */
    private synchronized Object[] messagesApi(String method, String path, String messageSid,
            Map<String, List<String>> params) {
        if (requestFault != null && requestFault.remaining > 0) {
            RequestFault fault = requestFault;
            if (--fault.remaining == 0) {
                requestFault = null;
            }
            throw new TwilioError(fault.httpStatus, fault.code, faultMessage(fault.httpStatus));
        }
        if (messageSid == null) {
            if (method.equals("POST")) {
                OutMessage m = create(params);
                return new Object[] {m.toJson(accountSid), 201, plan(m)};
            }
            if (method.equals("GET")) {
                return new Object[] {list(params), 200, List.of()};
            }
            throw new TwilioError(405, 20004, "Method not allowed");
        }
        OutMessage m = messages.get(messageSid);
        if (m == null) {
            throw notFound(path);
        }
        if (method.equals("GET")) {
            return new Object[] {m.toJson(accountSid), 200, List.of()};
        }
        throw new TwilioError(405, 20004, "Method not allowed");
    }

    private OutMessage create(Map<String, List<String>> params) {
        String to = first(params, "To");
        String from = first(params, "From");
        String serviceSid = first(params, "MessagingServiceSid");
        String body = first(params, "Body");
        String contentSid = first(params, "ContentSid");
        String contentVariables = first(params, "ContentVariables");
        String statusCallback = first(params, "StatusCallback");
        List<String> mediaUrls = params.getOrDefault("MediaUrl", List.of()).stream().filter(u -> !u.isBlank()).toList();
        if (to == null || to.isBlank()) {
            throw new TwilioError(400, 21604, "A 'To' phone number is required.");
        }
        if (!to.startsWith("whatsapp:")) {
            throw new TwilioError(400, 21910, "Invalid From and To pair. From and To should be of the same channel");
        }
        String phone = to.substring("whatsapp:".length()).trim();
        if (!PHONE.matcher(phone).matches()) {
            throw new TwilioError(400, 21211, "Invalid 'To' Phone Number: " + to);
        }
        if (from == null || from.isBlank()) {
            if (serviceSid == null || serviceSid.isBlank()) {
                throw new TwilioError(400, 21603, "A 'From' phone number is required.");
            }
            if (!SERVICE_SID.matcher(serviceSid).matches()) {
                throw new TwilioError(400, 21701, "The Messaging Service Sid " + serviceSid + " is invalid.");
            }
            from = sender;
        } else if (!from.equals(sender)) {
            throw new TwilioError(400, 63007,
                    "Twilio could not find a Channel with the specified From address");
        }
        if (contentVariables != null && (contentSid == null || contentSid.isBlank())) {
            throw new TwilioError(400, 21654, "ContentSid Required");
        }
        if (statusCallback != null && !statusCallback.isBlank() && !httpUrl(statusCallback)) {
            throw new TwilioError(400, 21609, "Invalid StatusCallback url");
        }
        for (String url : mediaUrls) {
            if (!httpUrl(url)) {
                throw new TwilioError(400, 21620, "Invalid media URL(s)");
            }
        }
        if (mediaUrls.size() > 10) {
            throw new TwilioError(400, 21623, "Number of media files exceeds allowed limit");
        }
        Template template = null;
        String rendered = body;
        List<String> buttons = List.of();
        List<String> payloads = List.of();
        if (contentSid != null && !contentSid.isBlank()) {
            template = templates.get(contentSid);
            if (template == null) {
                throw new TwilioError(400, 21655, "The ContentSid is Invalid");
            }
            Map<String, String> variables = variables(contentVariables);
            rendered = render(template.body, variables);
            List<String> b = new ArrayList<>();
            List<String> p = new ArrayList<>();
            for (QuickReply reply : template.quickReplies) {
                b.add(render(reply.title(), variables));
                p.add(render(reply.id(), variables));
            }
            buttons = List.copyOf(b);
            payloads = List.copyOf(p);
        } else {
            if ((body == null || body.isEmpty()) && mediaUrls.isEmpty()) {
                throw new TwilioError(400, 21619, "A text message body or media urls must be specified.");
            }
            if (body != null && body.length() > MAX_BODY) {
                throw new TwilioError(400, 21617,
                        "The concatenated message body exceeds the 1600 character limit.");
            }
        }
        OutMessage m = new OutMessage((mediaUrls.isEmpty() ? "SM" : "MM") + hex32(), phone, to, from, "outbound-api");
        m.body = rendered == null ? "" : rendered;
        m.contentSid = template == null ? null : template.sid;
        m.contentVariables = contentVariables;
        m.mediaUrls = List.copyOf(mediaUrls);
        m.statusCallback = statusCallback == null || statusCallback.isBlank() ? null : statusCallback;
        m.buttons = buttons;
        m.buttonPayloads = payloads;
        m.serviceSid = serviceSid;
        messages.put(m.sid, m);
        return m;
    }

    private ObjectNode list(Map<String, List<String>> params) {
        String to = first(params, "To");
        String from = first(params, "From");
        int pageSize = 50;
        try {
            String size = first(params, "PageSize");
            if (size != null) {
                pageSize = Math.max(1, Math.min(1000, Integer.parseInt(size)));
            }
        } catch (NumberFormatException e) {
            throw new TwilioError(400, 20001, "PageSize must be a number");
        }
        List<OutMessage> all = new ArrayList<>(messages.values());
        java.util.Collections.reverse(all);
        List<OutMessage> selected = all.stream()
                .filter(m -> to == null || m.to.equals(to))
                .filter(m -> from == null || m.from.equals(from))
                .limit(pageSize).toList();
        String uri = "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages.json?PageSize=" + pageSize + "&Page=0";
        ObjectNode page = NODES.objectNode();
        page.put("end", Math.max(0, selected.size() - 1));
        page.put("first_page_uri", uri);
        ArrayNode list = page.putArray("messages");
        selected.forEach(m -> list.add(m.toJson(accountSid)));
        page.putNull("next_page_uri");
        page.put("page", 0);
        page.put("page_size", pageSize);
        page.putNull("previous_page_uri");
        page.put("start", 0);
        page.put("uri", uri);
        return page;
    }

    /** Inbound media: {@code .json} = the media resource, else a 307 to a short-lived unauthenticated CDN link. */
    private synchronized ApiAnswer serveMedia(String path, String messageSid, String mediaSid, boolean json)
            throws IOException {
        if (mediaSid == null) {
            // the media list of a message
            ObjectNode page = NODES.objectNode();
            ArrayNode list = page.putArray("media_list");
            media.values().stream().filter(m -> m.messageSid.equals(messageSid))
                    .forEach(m -> list.add(m.toJson(accountSid)));
            String uri = "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages/" + messageSid + "/Media.json";
            page.put("end", Math.max(0, list.size() - 1));
            page.put("first_page_uri", uri);
            page.putNull("next_page_uri");
            page.put("page", 0);
            page.put("page_size", 50);
            page.putNull("previous_page_uri");
            page.put("start", 0);
            page.put("uri", uri);
            return new ApiAnswer(200, MAPPER.writeValueAsBytes(page), null);
        }
        StoredMedia stored = media.get(mediaSid);
        if (stored == null || !stored.messageSid.equals(messageSid)) {
            throw notFound(path);
        }
        if (json) {
            return new ApiAnswer(200, MAPPER.writeValueAsBytes(stored.toJson(accountSid)), null);
        }
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
        cdnLinks.put(token, new CdnLink(mediaSid, Instant.now().plus(mediaLinkTtl)));
        return new ApiAnswer(307, new byte[0], baseUrl() + "/cdn/" + token + "/" + mediaSid);
    }

    private void handleCdn(HttpExchange exchange, String path) throws IOException {
        Matcher m = CDN_PATH.matcher(path);
        StoredMedia stored = null;
        synchronized (this) {
            CdnLink link = m.matches() ? cdnLinks.get(m.group(1)) : null;
            if (link != null && link.expires.isAfter(Instant.now())) {
                stored = media.get(link.mediaSid);
            }
        }
        if (stored == null) {
            respond(exchange, 403, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                    + "AccessDenied</Code><Message>Request has expired</Message></Error>")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (stored.fileName != null) {
            exchange.getResponseHeaders().set("Content-Disposition",
                    "inline; filename=\"" + stored.fileName.replace("\"", "") + "\"");
        }
        if (exchange.getRequestMethod().equalsIgnoreCase("HEAD")) {
            exchange.getResponseHeaders().set("Content-Type", stored.contentType);
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        respond(exchange, 200, stored.contentType, stored.content);
    }

    private boolean authenticated(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                    StandardCharsets.UTF_8);
            return decoded.equals(accountSid + ":" + authToken);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void record(RecordedRequest request) {
        if (requests.size() >= MAX_RECORDED) {
            requests.remove(0);
        }
        requests.add(request);
    }

    // =====================================================================================================
    // helpers (package-private ones serve SimHttp)
    // =====================================================================================================

    /** "+79161234567", "79161234567", "whatsapp:+7 916 123-45-67" → "+79161234567". */
    static String phoneKey(String phone) {
        if (phone == null) {
            throw new IllegalArgumentException("A phone number is required");
        }
        String p = phone.trim();
        if (p.startsWith("whatsapp:")) {
            p = p.substring("whatsapp:".length());
        }
        p = p.replaceAll("[\\s()-]", "");
        if (!p.startsWith("+")) {
            p = "+" + p;
        }
        if (!PHONE.matcher(p).matches()) {
            throw new IllegalArgumentException("Not a phone number in international format: " + phone);
        }
        return p;
    }

    private boolean windowOpen(String key, Instant now) {
        Instant last = lastInbound.get(key);
        return last != null && Duration.between(last, now).compareTo(SERVICE_WINDOW) < 0;
    }

    private static String messageType(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return type.equals("image/webp") ? "sticker" : "image";
        }
        if (type.startsWith("video/")) {
            return "video";
        }
        if (type.startsWith("audio/")) {
            return "audio";
        }
        return "document";
    }

    private static Map<String, String> variables(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new TwilioError(400, 21656, "The ContentVariables Parameter is invalid");
        }
        if (node == null || !node.isObject()) {
            throw new TwilioError(400, 21656, "The ContentVariables Parameter is invalid");
        }
        Map<String, String> vars = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull() || e.getValue().asText().isEmpty()) {
                throw new TwilioError(400, 21656, "The ContentVariables Parameter is invalid");
            }
            vars.put(e.getKey(), e.getValue().asText());
        }
        return vars;
    }

    private static String render(String text, Map<String, String> variables) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new TwilioError(400, 21656, "The ContentVariables Parameter is invalid");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> params) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    static TwilioError notFound(String path) {
        return new TwilioError(404, 20404, "The requested resource " + path + " was not found");
    }

    static String faultMessage(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> "Bad Request";
            case 401 -> "Authenticate";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    static String errorMessage(int code) {
        return switch (code) {
            case 63016 -> WINDOW_CLOSED_MESSAGE;
            case 63024 -> "Invalid message recipient";
            case 63018 -> "Rate limit exceeded for Channel";
            case 63003 -> "Channel could not find To address";
            case 63032 -> "User's number is part of an experiment";
            case 63049 -> "Meta chose not to deliver this WhatsApp marketing message";
            case 30003 -> "Unreachable destination handset";
            case 30005 -> "Unknown destination handset";
            case 30006 -> "Landline or unreachable carrier";
            case 30007 -> "Message filtered";
            case 30008 -> "Unknown error";
            default -> "Error " + code;
        };
    }

    static byte[] errorJson(int status, int code, String message) {
        ObjectNode node = NODES.objectNode();
        node.put("code", code);
        node.put("message", message);
        node.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        node.put("status", status);
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private static String hex32() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    private static String idempotencyToken() {
        return java.util.UUID.randomUUID().toString();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String date(Instant instant) {
        return instant == null ? null : RFC_1123.format(instant);
    }

    // ---- for SimHttp: JSON views ----

    synchronized ArrayNode simMessages(String phone, boolean both) {
        String key = phoneKey(phone);
        List<Map.Entry<Instant, ObjectNode>> items = new ArrayList<>();
        messages.values().stream().filter(m -> m.phone.equals(key))
                .forEach(m -> items.add(Map.entry(m.created, m.toSim())));
        if (both) {
            inboundBySid.values().stream().filter(m -> m.phone.equals(key))
                    .forEach(m -> items.add(Map.entry(m.at, m.toSim())));
            items.sort(Map.Entry.comparingByKey()); // stable: equal instants keep API order
        }
        ArrayNode array = NODES.arrayNode();
        items.forEach(e -> array.add(e.getValue()));
        return array;
    }

    synchronized ObjectNode stateJson() {
        ObjectNode state = NODES.objectNode();
        state.put("accountSid", accountSid);
        state.put("sender", sender);
        state.put("inboundWebhook", inboundWebhook);
        ArrayNode routeList = state.putArray("routes");
        routes.forEach(r -> routeList.addObject().put("publicPrefix", r.publicPrefix).put("localPrefix", r.localPrefix));
        ArrayNode phones = state.putArray("customers");
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(profileNames.keySet());
        messages.values().forEach(m -> keys.add(m.phone));
        Instant now = Instant.now();
        keys.forEach(k -> phones.addObject().put("phone", k).put("profileName", profileNames.get(k))
                .put("windowOpen", windowOpen(k, now)));
        ArrayNode templateList = state.putArray("templates");
        templates.values().forEach(t -> {
            ObjectNode node = templateList.addObject().put("contentSid", t.sid).put("body", t.body);
            ArrayNode replies = node.putArray("quickReplies");
            t.quickReplies.forEach(q -> replies.addObject().put("title", q.title()).put("id", q.id()));
        });
        state.put("statusStepDelayMillis", statusStepDelay.toMillis());
        return state;
    }

    synchronized String profileName(String phone) {
        return profileNames.get(phoneKey(phone));
    }

    // =====================================================================================================
    // internal state types
    // =====================================================================================================

    private record Route(String publicPrefix, String localPrefix) {
    }

    private record Template(String sid, String body, List<QuickReply> quickReplies) {
    }

    private record DeliveryFault(String status, int code) {
    }

    private record CdnLink(String mediaSid, Instant expires) {
    }

    private record PostResult(int status, String body, String contentType) {
    }

    private static final class RequestFault {
        int remaining;
        final int httpStatus;
        final int code;

        RequestFault(int remaining, int httpStatus, int code) {
            this.remaining = remaining;
            this.httpStatus = httpStatus;
            this.code = code;
        }
    }

    private static final class Step {
        final String sid;
        final String status;
        final Integer errorCode;
        final String errorMessage;
        final Instant due;
        final long generation;
        long seq;

        Step(String sid, String status, Integer errorCode, String errorMessage, Instant due, long generation) {
            this.sid = sid;
            this.status = status;
            this.errorCode = errorCode;
            this.errorMessage = errorMessage;
            this.due = due;
            this.generation = generation;
        }
    }

    private record StoredMedia(String sid, String messageSid, String contentType, String fileName, byte[] content,
            Instant created) {

        ObjectNode toJson(String accountSid) {
            ObjectNode json = NODES.objectNode();
            json.put("account_sid", accountSid);
            json.put("content_type", contentType);
            json.put("date_created", date(created));
            json.put("date_updated", date(created));
            json.put("parent_sid", messageSid);
            json.put("sid", sid);
            json.put("uri", "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages/" + messageSid + "/Media/"
                    + sid + ".json");
            return json;
        }
    }

    private static final class InMessage {
        final String sid;
        final String phone;
        final String profileName;
        final String messageType;
        final Map<String, String> form;
        final List<MediaFile> media;
        final String idempotencyToken;
        final Instant at;
        int status;
        String answer;

        InMessage(String sid, String phone, String profileName, String messageType, Map<String, String> form,
                List<MediaFile> media, String idempotencyToken, Instant at) {
            this.sid = sid;
            this.phone = phone;
            this.profileName = profileName;
            this.messageType = messageType;
            this.form = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(form));
            this.media = media;
            this.idempotencyToken = idempotencyToken;
            this.at = at;
        }

        String text() {
            String body = form.getOrDefault("Body", "");
            if (!body.isEmpty()) {
                return body;
            }
            return switch (messageType == null ? "" : messageType) {
                case "location" -> "[геопозиция " + form.getOrDefault("Latitude", "?") + ", "
                        + form.getOrDefault("Longitude", "?") + "]";
                case "text" -> "";
                default -> media.isEmpty() ? "[" + messageType + "]" : "";
            };
        }

        CustomerMessage snapshot() {
            return new CustomerMessage(sid, status, answer, text(), messageType, profileName,
                    form.get("ButtonPayload"), media, form, at);
        }

        ObjectNode toSim() {
            ObjectNode json = NODES.objectNode();
            json.put("direction", "inbound");
            json.put("sid", sid);
            json.put("body", text());
            json.put("messageType", messageType);
            json.put("profileName", profileName);
            json.put("buttonPayload", form.get("ButtonPayload"));
            ArrayNode files = json.putArray("media");
            media.forEach(f -> files.addObject().put("mediaSid", f.mediaSid()).put("contentType", f.contentType())
                    .put("fileName", f.fileName()).put("size", f.size()).put("simUrl", "/sim/media/" + f.mediaSid()));
            json.put("webhookStatus", status);
            json.put("createdAt", at.toString());
            return json;
        }
    }

    private static final class OutMessage {
        final String sid;
        final String phone;
        final String to;
        final String from;
        final String direction;
        final Instant created = Instant.now();
        String body;
        String contentSid;
        String contentVariables;
        List<String> mediaUrls = List.of();
        String statusCallback;
        String serviceSid;
        String status = "queued";
        Integer errorCode;
        String errorMessage;
        Instant updated = created;
        Instant dateSent;
        List<String> buttons = List.of();
        List<String> buttonPayloads = List.of();

        OutMessage(String sid, String phone, String to, String from, String direction) {
            this.sid = sid;
            this.phone = phone;
            this.to = to;
            this.from = from;
            this.direction = direction;
        }

        SentMessage snapshot() {
            return new SentMessage(sid, to, from, body, contentSid, contentVariables, mediaUrls, statusCallback,
                    status, errorCode, created, buttons, buttonPayloads, errorMessage, direction);
        }

        ObjectNode toJson(String accountSid) {
            String uri = "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages/" + sid;
            ObjectNode json = NODES.objectNode();
            json.put("account_sid", accountSid);
            json.put("api_version", API_VERSION);
            json.put("body", body);
            json.put("date_created", date(created));
            json.put("date_sent", date(dateSent));
            json.put("date_updated", date(updated));
            json.put("direction", direction);
            if (errorCode == null) {
                json.putNull("error_code");
            } else {
                json.put("error_code", errorCode);
            }
            json.put("error_message", errorMessage);
            json.put("from", from);
            json.put("messaging_service_sid", serviceSid);
            json.put("num_media", Integer.toString(mediaUrls.size()));
            json.put("num_segments", "1");
            json.putNull("price");
            json.put("price_unit", "USD");
            json.put("sid", sid);
            json.put("status", status);
            ObjectNode sub = json.putObject("subresource_uris");
            sub.put("media", uri + "/Media.json");
            sub.put("feedback", uri + "/Feedback.json");
            json.put("to", to);
            json.put("uri", uri + ".json");
            return json;
        }

        ObjectNode toSim() {
            ObjectNode json = NODES.objectNode();
            json.put("direction", "outbound");
            json.put("sid", sid);
            json.put("body", body);
            json.put("contentSid", contentSid);
            ArrayNode b = json.putArray("buttons");
            buttons.forEach(b::add);
            ArrayNode p = json.putArray("buttonPayloads");
            buttonPayloads.forEach(p::add);
            ArrayNode urls = json.putArray("mediaUrls");
            mediaUrls.forEach(urls::add);
            json.put("status", status);
            if (errorCode == null) {
                json.putNull("errorCode");
            } else {
                json.put("errorCode", errorCode);
            }
            json.put("errorMessage", errorMessage);
            json.put("createdAt", created.toString());
            return json;
        }
    }
}
