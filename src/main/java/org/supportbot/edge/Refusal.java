package org.supportbot.edge;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** How the edge answers a request it stops: a status and {@code {"error": "..."}}, like the controllers behind it. */
final class Refusal {

    private Refusal() {
    }

    static void send(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // The messages are fixed texts of ours, with nothing to escape.
        response.getWriter().write("{\"error\": \"" + error + "\"}");
        response.flushBuffer(); // out before the container drains or drops the unread body
    }

    static void tooMany(HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        send(response, 429, "too many requests from your address: please wait " + seconds + " s and try again");
    }
}
