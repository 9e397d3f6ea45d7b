package org.supportbot.operator;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;
import org.supportbot.edge.ClientAddresses;

/**
 * Stands before the sign-in filters of the operator chains: a sign-in attempt (the form's
 * {@code POST /operator/login}, or any request with {@code Authorization: Basic}) from an address
 * the {@link SignInThrottle} has closed gets 429 with {@code Retry-After} and never reaches bcrypt.
 * Also hands the chains the failure handler and entry point that count failures.
 */
final class SignInGate extends OncePerRequestFilter {

    private final SignInThrottle throttle;
    private final ClientAddresses addresses;

    SignInGate(SignInThrottle throttle, ClientAddresses addresses) {
        this.throttle = throttle;
        this.addresses = addresses;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        boolean form = "POST".equals(request.getMethod()) && OperatorSecurity.LOGIN.equals(request.getServletPath());
        return !basic && !form;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var wait = throttle.refusal(addresses.of(request));
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\": \"too many failed sign-ins from your address: try again in " + seconds + " s\"}");
    }

    /** The form's failure handling, counting the failure first. */
    AuthenticationFailureHandler counting(AuthenticationFailureHandler handler) {
        return (request, response, exception) -> {
            throttle.failed(addresses.of(request));
            handler.onAuthenticationFailure(request, response, exception);
        };
    }

    /** Basic's entry point, counting a refused attempt first: it is called when credentials were sent and did not do. */
    AuthenticationEntryPoint counting(AuthenticationEntryPoint entryPoint) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            if (!shouldNotFilter(request)) {
                throttle.failed(addresses.of(request));
            }
            entryPoint.commence(request, response, exception);
        };
    }
}
