package org.supportbot.channel.vk;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.supportbot.channel.internal.TypingThrottle;
import org.supportbot.conversation.OperatorTyping;

/**
 * The VK customer sees "typing…" while an operator types in the console: {@code
 * messages.setActivity}, at most every five seconds a chat, only with a rate-limit slot free now.
 */
@Component
@Conditional(VkEnabled.class)
class VkTyping {

    private static final Logger log = LoggerFactory.getLogger(VkTyping.class);

    private final VkApi api;
    private final TypingThrottle throttle;

    VkTyping(VkApi api, Clock clock) {
        this.api = api;
        this.throttle = new TypingThrottle(clock);
    }

    @EventListener
    void on(OperatorTyping event) {
        var id = event.conversation();
        if (!id.channel().equals(VkEvents.CHANNEL) || !throttle.tryPass(id.chat())) {
            return;
        }
        try {
            api.call(new VkMethod.SetActivity(Long.parseLong(id.chat())), Duration.ZERO);
        } catch (VkApiException | RuntimeException e) {
            log.debug("No typing notice to a VK chat: {}", e.getMessage());
        }
    }
}
