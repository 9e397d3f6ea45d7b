package org.supportbot.channel.vk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The VK methods of the messages upload flow: ask for an upload server for a dialog, upload the
 * file there (not a method: {@link VkUploads}), save what the upload server answered; the saved
 * file's name goes into {@code messages.send}'s {@code attachment}.
 */
final class VkUploadMethods {

    private VkUploadMethods() {
    }

    /** What a file becomes in a VK message. */
    enum Target {
        /** A picture ({@code photos.getMessagesUploadServer}, form field {@code photo}). */
        PHOTO("photo"),
        /** Any file ({@code docs.getMessagesUploadServer type=doc}, form field {@code file}). */
        DOC("file"),
        /** A voice message, OGG/Opus ({@code docs.getMessagesUploadServer type=audio_message}). */
        AUDIO_MESSAGE("file");

        private final String field;

        Target(String field) {
            this.field = field;
        }

        /** The multipart field the upload server expects the file in. */
        String field() {
            return field;
        }
    }

    /** {@code photos.getMessagesUploadServer} or {@code docs.getMessagesUploadServer} for one dialog: the upload URL. */
    record GetUploadServer(Target target, long peerId) implements VkMethod<String> {
        GetUploadServer {
            Objects.requireNonNull(target, "target");
            if (peerId == 0) {
                throw new IllegalArgumentException("peerId must not be 0");
            }
        }

        @Override
        public String name() {
            return target == Target.PHOTO ? "photos.getMessagesUploadServer" : "docs.getMessagesUploadServer";
        }

        @Override
        public Map<String, String> params() {
            var params = new LinkedHashMap<String, String>();
            if (target != Target.PHOTO) {
                params.put("type", target == Target.DOC ? "doc" : "audio_message");
            }
            params.put("peer_id", Long.toString(peerId));
            return params;
        }

        @Override
        public String result(JsonNode response) {
            var url = response.path("upload_url").asString("");
            if (url.isBlank()) {
                throw new IllegalArgumentException("no upload_url");
            }
            return url;
        }
    }

    /** {@code photos.saveMessagesPhoto} with what the upload server answered: {@code photo<owner>_<id>[_<access key>]}. */
    record SaveMessagesPhoto(String photo, String server, String hash) implements VkMethod<String> {
        SaveMessagesPhoto {
            Objects.requireNonNull(photo, "photo");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(hash, "hash");
        }

        @Override
        public String name() {
            return "photos.saveMessagesPhoto";
        }

        @Override
        public Map<String, String> params() {
            return Map.of("photo", photo, "server", server, "hash", hash);
        }

        @Override
        public String result(JsonNode response) {
            return reference("photo", response.path(0));
        }
    }

    /** {@code docs.save} with what the upload server answered: {@code doc<owner>_<id>[_<access key>]}. */
    record SaveDoc(String file, String title) implements VkMethod<String> {
        SaveDoc {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(title, "title");
        }

        @Override
        public String name() {
            return "docs.save";
        }

        @Override
        public Map<String, String> params() {
            return Map.of("file", file, "title", title);
        }

        @Override
        public String result(JsonNode response) {
            var type = response.path("type").asString("doc");
            return reference("doc", response.path(type));
        }
    }

    private static String reference(String prefix, JsonNode saved) {
        if (!saved.path("id").canConvertToLong() || !saved.path("owner_id").canConvertToLong()) {
            throw new IllegalArgumentException("the saved file has no id or owner_id");
        }
        var key = saved.path("access_key").asString("");
        return prefix + saved.path("owner_id").asLong() + "_" + saved.path("id").asLong() + (key.isBlank() ? "" : "_" + key);
    }
}
