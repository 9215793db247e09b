package ru.getmark.support.telegram.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import ru.getmark.support.adapter.attachment.ClaimCheck;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.telegram.config.TelegramConfig;
import ru.getmark.support.telegram.domain.Inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Fetches a file the customer sent (getFile, then the download URL of the configured Bot API) and keeps it by
 * adapter-support's {@link ClaimCheck} in PostgreSQL, which every replica shares; only the reference travels on Kafka.
 * Files over the Bot API's download limit (20 MB) are not fetched: the customer is told so.
 * <p>
 * The download URL is built from {@code getmark.telegram.api-url} ({@code <api>/file/bot<token>/<file_path>}), not with
 * TelegramBots' {@code File.getFileUrl}, which always points at api.telegram.org.
 */
@ApplicationScoped
public class AttachmentStore {

    private final BotApi bot;
    private final OkHttpClient http;
    private final TelegramConfig config;
    private final ClaimCheck claimCheck;

    AttachmentStore(BotApi bot, OkHttpClient http, TelegramConfig config, ClaimCheck claimCheck) {
        this.bot = bot;
        this.http = http;
        this.config = config;
        this.claimCheck = claimCheck;
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
        UUID id = UUID.nameUUIDFromBytes(("telegram:" + updateId + ":" + file.fileUniqueId())
                .getBytes(StandardCharsets.UTF_8));
        return Optional.of(QuarkusTransaction.requiringNew().call(() -> claimCheck.store(id,
                Long.toString(updateId), file.fileName(), file.contentType(), content)));
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
}
