package org.supportbot.channel.vk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Customers' first names: VK's messages carry only the sender's id, so names come from
 * {@code users.get}, cached for a day (up to 100,000 users). A failed lookup gives no name — the
 * message is handled all the same, the bot just does not address the customer by name. Thread-safe.
 */
@Component
@Conditional(VkEnabled.class)
class VkUsers {

    private static final Logger log = LoggerFactory.getLogger(VkUsers.class);
    /** A lookup waits at most this long for a rate-limit slot: the event waits for it. */
    static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private final VkApi api;
    private final Cache<Long, String> names = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1))
            .build();

    VkUsers(VkApi api) {
        this.api = api;
    }

    /** The user's first name, or null when VK did not tell it. */
    @Nullable String firstName(long userId) {
        var cached = names.getIfPresent(userId);
        if (cached != null) {
            return cached;
        }
        lookUp(java.util.List.of(userId));
        return names.getIfPresent(userId);
    }

    /** Looks up the names not cached yet, in one request per thousand users (long polling brings events in batches). */
    void prefetch(Collection<Long> userIds) {
        var missing = new LinkedHashSet<Long>();
        for (var id : userIds) {
            if (id > 0 && names.getIfPresent(id) == null) {
                missing.add(id);
            }
        }
        var ids = new ArrayList<>(missing);
        for (int from = 0; from < ids.size(); from += 1000) {
            lookUp(ids.subList(from, Math.min(ids.size(), from + 1000)));
        }
    }

    private void lookUp(java.util.List<Long> ids) {
        try {
            for (var user : api.call(new VkMethod.UsersGet(ids), MAX_WAIT)) {
                names.put(user.id(), user.firstName());
            }
        } catch (VkApiException e) {
            log.debug("No names for VK users {}: {}", ids.size() == 1 ? ids.get(0) : ids.size() + " users", e.getMessage());
        }
    }
}
