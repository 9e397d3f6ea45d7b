package org.supportbot.edge;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;

/** The public endpoints the edge limits, told apart by method and (decoded) path. */
enum PublicEndpoint {

    NEW_SESSION("POST", "/api/chat/session"),
    MESSAGE("POST", "/api/chat"),
    UPDATES("GET", "/api/chat/updates"),
    PARSE("POST", "/api/nlu/parse"),
    TELEGRAM("POST", "/telegram/webhook"),
    VK("POST", "/vk/callback");

    private final String method;
    private final String path;

    PublicEndpoint(String method, String path) {
        this.method = method;
        this.path = path;
    }

    static Optional<PublicEndpoint> of(HttpServletRequest request) {
        var path = pathOf(request);
        for (var endpoint : values()) {
            if (endpoint.method.equals(request.getMethod()) && endpoint.path.equals(path)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }

    /** The web chat's uploads (channel/web). */
    static final String CHAT_FILES = "/api/chat/files";

    /** Whether a body sent to this path is capped: every path of the web chat, whatever the method, and the others. */
    static boolean bodyLimited(HttpServletRequest request) {
        var path = pathOf(request);
        if (path.equals(CHAT_FILES)) {
            return false; // web-chat uploads: up to 10 MB, capped by spring.servlet.multipart.max-request-size
        }
        return path.equals("/api/chat") || path.startsWith("/api/chat/") || path.equals(PARSE.path)
                || path.equals(TELEGRAM.path) || path.equals(VK.path);
    }

    /** The servlet path is decoded and normalised, so {@code /api/%63hat} is {@code /api/chat} here as in Spring MVC. */
    private static String pathOf(HttpServletRequest request) {
        return request.getServletPath() + Objects.toString(request.getPathInfo(), "");
    }
}
