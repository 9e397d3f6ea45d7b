package org.supportbot.conversation;

import java.util.Set;

/**
 * What a file is, by its first bytes rather than by what its sender claimed, and how it may be
 * served. Only raster images and audio are ever shown inline; everything else — SVG and HTML
 * above all, which could run script in the console's origin — is served as a download of type
 * {@code application/octet-stream} unless it is one of the known safe types.
 */
public final class FileTypes {

    /** Served when the bytes are nothing this class knows. */
    public static final String UNKNOWN = "application/octet-stream";
    /** What operators may upload in the console and customers in the web chat: pictures and PDF, and for operators audio and MP4 video. */
    public static final Set<String> UPLOADS = Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf",
            "audio/ogg", "audio/mpeg", "video/mp4");
    private static final Set<String> INLINE = Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "audio/ogg", "audio/mpeg",
            "audio/wav");

    private FileTypes() {
    }

    /** The type of these bytes, or {@link #UNKNOWN}. */
    public static String sniff(byte[] bytes) {
        if (starts(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        } else if (starts(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        } else if (starts(bytes, 0, 'G', 'I', 'F', '8')) {
            return "image/gif";
        } else if (starts(bytes, 0, 'R', 'I', 'F', 'F') && starts(bytes, 8, 'W', 'E', 'B', 'P')) {
            return "image/webp";
        } else if (starts(bytes, 0, 'R', 'I', 'F', 'F') && starts(bytes, 8, 'W', 'A', 'V', 'E')) {
            return "audio/wav";
        } else if (starts(bytes, 0, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        } else if (starts(bytes, 0, 'O', 'g', 'g', 'S')) {
            return "audio/ogg";
        } else if (starts(bytes, 0, 'I', 'D', '3') || bytes.length > 1 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xE0) == 0xE0) {
            return "audio/mpeg";
        } else if (starts(bytes, 4, 'f', 't', 'y', 'p')) {
            return "video/mp4";
        } else if (starts(bytes, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return "video/webm";
        }
        return UNKNOWN;
    }

    /** Whether a file of this (sniffed) type may be shown in the browser rather than downloaded: raster images and audio only. */
    public static boolean inline(String sniffed) {
        return INLINE.contains(sniffed);
    }

    /** The attachment kind for an uploaded file of this type. */
    public static String kindOf(String sniffed) {
        if (sniffed.startsWith("image/")) {
            return "photo";
        }
        if (sniffed.startsWith("audio/")) {
            return "audio";
        }
        return sniffed.startsWith("video/") ? "video" : "document";
    }

    private static boolean starts(byte[] bytes, int offset, int... magic) {
        if (bytes.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
