package org.supportbot.channel.vk;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The messages upload flow of {@link FakeVkApi}, as VK does it: {@code photos.getMessagesUploadServer}
 * / {@code docs.getMessagesUploadServer} name an upload URL on the fake server, the file is POSTed
 * there as multipart ({@code photo} or {@code file} field), {@code photos.saveMessagesPhoto} /
 * {@code docs.save} turn what the upload answered into {@code photo<owner>_<id>_<key>} /
 * {@code doc<owner>_<id>}, and only such saved names are taken as {@code messages.send}'s
 * {@code attachment}. A picture that is not JPEG, PNG or GIF is refused as a photo ({@code "photo":"[]"}).
 */
public final class FakeVkUploads {

    /** A file that reached an upload server: {@code target} is {@code photo}, {@code doc} or {@code audio_message}. */
    public record Upload(String target, long peerId, String field, String filename, byte[] bytes) {
    }

    private final long groupId;
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final Map<String, String> saved = new ConcurrentHashMap<>(); // upload token -> attachment name
    private final Set<String> attachments = ConcurrentHashMap.newKeySet();
    private volatile @Nullable CountDownLatch stall;
    private volatile int failStatus;
    private volatile boolean refusePhotos;

    FakeVkUploads(long groupId) {
        this.groupId = groupId;
    }

    public List<Upload> uploads() {
        return uploads;
    }

    /** Upload servers hang (answer nothing) until {@link #release}. */
    void stall() {
        stall = new CountDownLatch(1);
    }

    void release() {
        var latch = stall;
        stall = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Photo upload servers take no picture (as VK does with one too big or too odd for a photo). */
    void refusePhotos(boolean refuse) {
        refusePhotos = refuse;
    }

    /** Upload servers answer this HTTP status (0: normally). */
    void failWith(int status) {
        failStatus = status;
    }

    /** Whether {@code messages.send} may carry this attachment (it was uploaded and saved). */
    boolean known(String attachment) {
        return attachments.contains(attachment);
    }

    FakeVkApi.Reply uploadServer(FakeVkApi.Call call, String base, boolean photo) {
        if (call.param("peer_id").isEmpty()) {
            return FakeVkApi.Reply.error(100, "One of the parameters specified was missing or invalid: peer_id");
        }
        var target = photo ? "photo" : call.param("type").isEmpty() ? "doc" : call.param("type");
        if (!Set.of("photo", "doc", "audio_message").contains(target)) {
            return FakeVkApi.Reply.error(100, "One of the parameters specified was missing or invalid: type");
        }
        var url = base + "/upload/" + target + "?peer=" + call.param("peer_id");
        return FakeVkApi.Reply.response("{\"upload_url\":\"" + url + "\",\"album_id\":-64,\"group_id\":" + groupId + "}");
    }

    /** The upload server: answers as VK's do, with JSON that is not wrapped in "response". */
    FakeVkApi.Reply upload(HttpExchange exchange, byte[] body) throws IOException {
        var latch = stall;
        if (latch != null) {
            try {
                latch.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failStatus != 0) {
            return new FakeVkApi.Reply(failStatus, "<html>Bad Gateway</html>");
        }
        var path = exchange.getRequestURI().getPath();
        var target = path.substring("/upload/".length());
        var query = String.valueOf(exchange.getRequestURI().getQuery());
        long peer = Long.parseLong(query.substring(query.indexOf("peer=") + 5));
        var type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        var boundary = type.substring(type.indexOf("boundary=") + 9).split(";")[0].replace("\"", "").strip();
        var part = part(body, boundary, target.equals("photo") ? "photo" : "file");
        if (part == null) {
            return new FakeVkApi.Reply(200, "{\"error\":\"ERR_UPLOAD_FILE_NOT_UPLOADED: file not uploaded\"}");
        }
        var upload = new Upload(target, peer, part.field(), part.filename(), part.bytes());
        uploads.add(upload);
        int n = uploads.size();
        if (target.equals("photo")) {
            if (refusePhotos || !picture(part.bytes())) {
                return new FakeVkApi.Reply(200, "{\"server\":777,\"photo\":\"[]\",\"hash\":\"h0\"}");
            }
            saved.put("p" + n, "photo-" + groupId + "_" + (456_000 + n) + "_key" + n);
            return new FakeVkApi.Reply(200, "{\"server\":777,\"photo\":\"[{\\\"n\\\":\\\"p" + n + "\\\"}]\",\"hash\":\"h" + n + "\"}");
        }
        if (part.filename().toLowerCase(java.util.Locale.ROOT).endsWith(".mp3")) {
            return new FakeVkApi.Reply(200, "{\"error\":\"ERR_UPLOAD_BAD_FILE_TYPE\",\"error_descr\":\"mp3 is not allowed\"}");
        }
        saved.put("f" + n, target + ":doc" + -groupId + "_" + (789_000 + n));
        return new FakeVkApi.Reply(200, "{\"file\":\"f" + n + "\"}");
    }

    FakeVkApi.Reply savePhoto(FakeVkApi.Call call) {
        var photo = call.param("photo");
        var token = photo.replaceAll(".*\"n\":\"(p\\d+)\".*", "$1");
        var name = saved.get(token);
        if (name == null || !call.param("hash").equals("h" + token.substring(1)) || !call.param("server").equals("777")) {
            return FakeVkApi.Reply.error(121, "Invalid hash");
        }
        attachments.add(name);
        var parts = name.substring("photo".length()).split("_");
        return FakeVkApi.Reply.response("[{\"id\":" + parts[1] + ",\"owner_id\":" + parts[0] + ",\"album_id\":-64,\"access_key\":\"" + parts[2]
                + "\",\"sizes\":[]}]");
    }

    FakeVkApi.Reply saveDoc(FakeVkApi.Call call) {
        var entry = saved.get(call.param("file"));
        if (entry == null) {
            return FakeVkApi.Reply.error(100, "One of the parameters specified was missing or invalid: file");
        }
        var type = entry.substring(0, entry.indexOf(':'));
        var name = entry.substring(entry.indexOf(':') + 1);
        attachments.add(name);
        var parts = name.substring("doc".length()).split("_");
        return FakeVkApi.Reply.response("{\"type\":\"" + type + "\",\"" + type + "\":{\"id\":" + parts[1] + ",\"owner_id\":" + parts[0]
                + ",\"title\":\"" + call.param("title").replace("\"", "") + "\"}}");
    }

    private static boolean picture(byte[] bytes) {
        return bytes.length > 4 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xD8 || bytes[0] == (byte) 0x89 && bytes[1] == 'P'
                || bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F');
    }

    private record Part(String field, String filename, byte[] bytes) {
    }

    /** The part named {@code field} of a multipart body. */
    private static @Nullable Part part(byte[] body, String boundary, String field) {
        var delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length + 2;
            int next = indexOf(body, delimiter, start);
            if (next < 0) {
                return null;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            var headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            if (headers.contains("name=\"" + field + "\"")) {
                var filename = headers.replaceAll("(?s).*filename=\"([^\"]*)\".*", "$1");
                return new Part(field, filename.equals(headers) ? "" : filename, Arrays.copyOfRange(body, headersEnd + 4, next - 2));
            }
            at = next;
        }
        return null;
    }

    private static int indexOf(byte[] body, byte[] what, int from) {
        outer:
        for (int i = Math.max(0, from); i <= body.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (body[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
