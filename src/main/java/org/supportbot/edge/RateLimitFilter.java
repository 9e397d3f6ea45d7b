package org.supportbot.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** 429 with {@code Retry-After} (seconds) once an address has used up its bucket for an endpoint. */
final class RateLimitFilter extends OncePerRequestFilter {

    private final InboundLimits limits;
    private final ClientAddresses addresses;

    RateLimitFilter(InboundLimits limits, ClientAddresses addresses) {
        this.limits = limits;
        this.addresses = addresses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var endpoint = PublicEndpoint.of(request);
        var wait = endpoint.flatMap(e -> limits.take(e, addresses.of(request)));
        if (wait.isPresent()) {
            Refusal.tooMany(response, wait.get());
            return;
        }
        chain.doFilter(request, response);
    }
}
