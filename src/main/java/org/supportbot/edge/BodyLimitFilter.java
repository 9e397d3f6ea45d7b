package org.supportbot.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * 413 for a body over {@code supportbot.limits.max-body} on a public endpoint: by its
 * {@code Content-Length} before a byte of it is read, or — sent in chunks, with no length — as
 * soon as one byte more than the limit has arrived (see {@link CappedBody}).
 */
final class BodyLimitFilter extends OncePerRequestFilter {

    private final long maxBody;

    BodyLimitFilter(long maxBody) {
        this.maxBody = maxBody;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PublicEndpoint.bodyLimited(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBody) {
            tooLarge(response);
            return;
        }
        if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            var body = CappedBody.read(request, maxBody);
            if (body == null) {
                tooLarge(response);
                return;
            }
            chain.doFilter(body, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        Refusal.send(response, 413, "the body is larger than " + maxBody + " bytes");
    }
}
