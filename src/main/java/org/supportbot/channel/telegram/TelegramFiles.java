package org.supportbot.channel.telegram;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.conversation.Attachment;
import org.supportbot.conversation.AttachmentSource;
import org.supportbot.conversation.AttachmentUnavailable;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Fetches Telegram files for operators: {@code getFile}, then {@code {TELEGRAM_API_URL}/file/bot<token>/<path>}
 * (TelegramBots' own download ignores a custom API URL). Bots may download 20 MB at most: a bigger
 * file is refused before asking. A download has {@code supportbot.telegram.download-timeout} (30 s) in
 * all: a stalled one is reported, not waited for. The token never leaves this class: errors are masked.
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramFiles implements AttachmentSource {

    /** What the Bot API lets a bot download. */
    static final long MAX_BYTES = 20L * 1024 * 1024;

    private final TelegramApi api;
    private final TelegramSettings settings;
    private final OkHttpClient http;
    private final Duration timeout;

    TelegramFiles(TelegramApi api, TelegramSettings settings,
            @org.springframework.beans.factory.annotation.Value("${supportbot.telegram.download-timeout:30s}") Duration timeout) {
        this.api = api;
        this.settings = settings;
        this.timeout = timeout;
        this.http = api.http().newBuilder().callTimeout(timeout).readTimeout(timeout).build();
    }

    @Override
    public String channel() {
        return TelegramSender.CHANNEL;
    }

    @Override
    public FileContent fetch(Attachment attachment) throws AttachmentUnavailable {
        if (attachment.size() > MAX_BYTES) {
            throw tooBig();
        }
        org.telegram.telegrambots.meta.api.objects.File file;
        try {
            file = api.client().execute(GetFile.builder().fileId(String.valueOf(attachment.fileId())).build());
        } catch (TelegramApiRequestException e) {
            var description = settings.mask(String.valueOf(e.getApiResponse())).toLowerCase(Locale.ROOT);
            if (description.contains("too big")) {
                throw tooBig();
            }
            if (e.getErrorCode() != null && e.getErrorCode() == 400) {
                throw new AttachmentUnavailable(AttachmentUnavailable.Reason.GONE, "Telegram no longer has this file (" + description + ")");
            }
            throw new AttachmentUnavailable(AttachmentUnavailable.Reason.FAILED, "Telegram's getFile failed: " + description);
        } catch (TelegramApiException e) {
            throw new AttachmentUnavailable(AttachmentUnavailable.Reason.FAILED, settings.mask("no answer from Telegram: " + e.getMessage()));
        }
        if (file == null || file.getFilePath() == null) {
            throw new AttachmentUnavailable(AttachmentUnavailable.Reason.GONE, "Telegram gave no path for this file");
        }
        if (file.getFileSize() != null && file.getFileSize() > MAX_BYTES) {
            throw tooBig();
        }
        return download(file.getFilePath());
    }

    private FileContent download(String path) throws AttachmentUnavailable {
        var base = settings.telegramUrl();
        var url = new HttpUrl.Builder().scheme(base.getSchema()).host(base.getHost()).port(base.getPort())
                .addPathSegment("file").addPathSegment("bot" + settings.token()).addPathSegments(path).build();
        try (var response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            var body = response.body();
            if (response.code() == 404 || response.code() == 400) {
                throw new AttachmentUnavailable(AttachmentUnavailable.Reason.GONE, "Telegram no longer has this file (HTTP " + response.code() + ")");
            }
            if (!response.isSuccessful() || body == null) {
                throw new AttachmentUnavailable(AttachmentUnavailable.Reason.FAILED, "Telegram's file server answered HTTP " + response.code());
            }
            if (body.contentLength() > MAX_BYTES) {
                throw tooBig();
            }
            var bytes = body.contentLength() >= 0 ? body.source().readByteArray(body.contentLength()) : readAtMost(body, MAX_BYTES);
            var type = body.contentType();
            return new FileContent(bytes, type == null ? null : type.type() + "/" + type.subtype());
        } catch (InterruptedIOException e) {
            throw new AttachmentUnavailable(AttachmentUnavailable.Reason.FAILED, "Telegram's file server did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new AttachmentUnavailable(AttachmentUnavailable.Reason.FAILED, settings.mask("downloading from Telegram failed: " + e.getMessage()));
        }
    }

    private static byte[] readAtMost(okhttp3.ResponseBody body, long limit) throws IOException, AttachmentUnavailable {
        var source = body.source();
        if (!source.request(limit + 1)) {
            return source.readByteArray();
        }
        throw tooBig();
    }

    private static AttachmentUnavailable tooBig() {
        return new AttachmentUnavailable(AttachmentUnavailable.Reason.TOO_BIG,
                "the file is over 20 MB, the most Telegram lets a bot download: ask the customer to send it another way");
    }
}
