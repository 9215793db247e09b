package ru.getmark.support.telegram.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.telegram.config.TelegramConfig;
import ru.getmark.support.telegram.domain.Inbound;
import ru.getmark.support.telegram.repository.AttachmentRepository;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Fetches a file the customer sent (getFile, then the download URL of the configured Bot API) and keeps it by claim
 * check in PostgreSQL, which every replica shares; only the reference travels on Kafka. Files over the Bot API's
 * download limit (20 MB) are not fetched: the customer is told so.
 * <p>
 * The download URL is built from {@code getmark.telegram.api-url} ({@code <api>/file/bot<token>/<file_path>}), not with
 * TelegramBots' {@code File.getFileUrl}, which always points at api.telegram.org.
 */
@ApplicationScoped
public class AttachmentStore {

    private final BotApi bot;
    private final OkHttpClient http;
    private final TelegramConfig config;
    private final AttachmentRepository attachments;
    private final String publicUrl;
    private final Clock clock;

    AttachmentStore(BotApi bot, OkHttpClient http, TelegramConfig config, AttachmentRepository attachments,
                    @ConfigProperty(name = "getmark.public-url") String publicUrl, Clock clock) {
        this.bot = bot;
        this.http = http;
        this.config = config;
        this.attachments = attachments;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.clock = clock;
    }

    /** @return the stored file's reference; empty when the file is over the download limit */
    public Optional<AttachmentRef> fetch(long updateId, Inbound.FileRequest file) throws RetryLaterException {
        long max = config.maxFileSize();
        if (file.size() != null && file.size() > max) {
            Log.infof("Update %d: file of %d bytes over the %d-byte limit, refused", updateId, file.size(), max);
            return Optional.empty();
        }
        File info;
        try {
            info = bot.execute(GetFile.builder().fileId(file.fileId()).build());
        } catch (TelegramApiRequestException e) {
            if (e.getErrorCode() != null && e.getErrorCode() == 400 && e.getApiResponse() != null
                    && e.getApiResponse().toLowerCase().contains("too big")) {
                return Optional.empty();
            }
            throw new RetryLaterException("getFile failed: " + e.getMessage(), e);
        } catch (TelegramApiException e) {
            throw new RetryLaterException("getFile failed: " + e.getMessage(), e);
        }
        if (info.getFileSize() != null && info.getFileSize() > max) {
            return Optional.empty();
        }
        byte[] content;
        try {
            content = download(info.getFilePath(), max);
        } catch (IOException e) {
            throw new RetryLaterException("file download failed: " + e.getMessage(), e);
        }
        if (content == null) {
            return Optional.empty();
        }
        String sha256 = sha256(content);
        UUID id = UUID.nameUUIDFromBytes(("telegram:" + updateId + ":" + file.fileUniqueId())
                .getBytes(StandardCharsets.UTF_8));
        QuarkusTransaction.requiringNew().run(() -> attachments.store(id, updateId, file.fileName(),
                file.contentType(), content, sha256, clock.instant()));
        return Optional.of(new AttachmentRef(file.fileName(), file.contentType(), content.length, sha256,
                publicUrl + "/api/attachments/" + id));
    }

    /** The file's bytes, or null when it turns out larger than {@code max}. */
    private byte[] download(String filePath, long max) throws IOException {
        HttpUrl base = HttpUrl.get(config.apiUrl());
        HttpUrl.Builder url = base.newBuilder().addPathSegment("file").addPathSegment("bot" + config.botToken());
        for (String segment : filePath.split("/")) {
            if (!segment.isEmpty()) {
                url.addPathSegment(segment);
            }
        }
        try (Response response = http.newCall(new Request.Builder().url(url.build()).get().build()).execute()) {
            if (!response.isSuccessful() || response.body() == null) {
                throw new IOException("HTTP " + response.code());
            }
            try (InputStream in = response.body().byteStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > max) {
                        return null;
                    }
                    out.write(buffer, 0, n);
                }
                return out.toByteArray();
            }
        }
    }

    /** The file for the staff download. */
    public Optional<AttachmentRepository.Stored> download(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> attachments.find(id));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
