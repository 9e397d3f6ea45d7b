package org.supportbot.operator;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.OperatorStatus;

/**
 * Presence follows the console's sessions: signing in brings an offline operator online; when the
 * last of their sessions ends (signed out or timed out) they are offline, so no ticket is given to
 * someone who has left. Sessions are counted per instance.
 */
@Configuration(proxyBeanMethods = false)
class PresenceSessions {

    private final Handoff handoff;
    /** Session ids of each signed-in login. */
    private final Map<String, Set<String>> sessions = new ConcurrentHashMap<>();

    PresenceSessions(Handoff handoff) {
        this.handoff = handoff;
    }

    /** Turns the container's session lifecycle into Spring events. */
    @Bean
    static HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @EventListener
    void on(InteractiveAuthenticationSuccessEvent event) {
        var login = event.getAuthentication().getName();
        // The session as it is now: signing in has just changed its id (session fixation protection).
        var request = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (request != null) {
            sessions.computeIfAbsent(login, l -> ConcurrentHashMap.newKeySet()).add(request.getSessionId());
        }
        if (handoff.presenceOf(login) == OperatorStatus.OFFLINE) {
            handoff.setPresence(login, OperatorStatus.ONLINE);
        }
    }

    @EventListener
    void on(HttpSessionDestroyedEvent event) {
        for (var context : event.getSecurityContexts()) {
            var authentication = context.getAuthentication();
            if (authentication == null) {
                continue;
            }
            var login = authentication.getName();
            var open = sessions.getOrDefault(login, Set.of());
            open.remove(event.getId());
            if (open.isEmpty()) {
                sessions.remove(login);
                try {
                    handoff.setPresence(login, OperatorStatus.OFFLINE);
                } catch (org.supportbot.handoff.HandoffException e) {
                    // the account was removed meanwhile: nothing to mark
                }
            }
        }
    }
}
