package org.supportbot.conversation;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.supportbot.knowledge.MessageKey;
import org.supportbot.privacy.CardNumbers;

/**
 * What the bot tells customers about their data: the privacy policy ({@code SUPPORTBOT_PRIVACY_POLICY_URL})
 * with the greeting and on {@code /privacy}, and, once per conversation, not to send card data
 * when a card number was typed (it was masked before anything stored it).
 */
@Component
class PrivacyNotices {

    private final Wording wording;
    private final @Nullable String policyUrl;

    PrivacyNotices(Wording wording, @Value("${supportbot.privacy.policy-url:}") String policyUrl) {
        this.wording = wording;
        var url = policyUrl.strip();
        if (!url.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("SUPPORTBOT_PRIVACY_POLICY_URL is not a URL: '" + url + "'", e);
            }
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("SUPPORTBOT_PRIVACY_POLICY_URL must be an http(s) address, got '" + url + "'");
            }
        }
        this.policyUrl = url.isEmpty() ? null : url;
    }

    /** After the greeting: the policy, when there is one. */
    void withGreeting(Turn turn) {
        if (policyUrl != null) {
            wording.say(turn, MessageKey.PRIVACY, Map.of("url", policyUrl), List.of());
        }
    }

    /** {@code /privacy}. */
    void notice(Turn turn) {
        if (policyUrl != null) {
            wording.say(turn, MessageKey.PRIVACY, Map.of("url", policyUrl), List.of());
        } else {
            wording.say(turn, MessageKey.PRIVACY_NO_POLICY, List.of());
        }
    }

    /** Tells the customer, once per conversation, not to send card data, when {@code said} had a card number. */
    void warnIfCard(Turn turn, @Nullable String said) {
        if (said != null && !turn.conversation.cardWarned && CardNumbers.masked(said)) {
            turn.conversation.cardWarned = true;
            wording.say(turn, MessageKey.CARD_WARNING, List.of());
        }
    }
}
