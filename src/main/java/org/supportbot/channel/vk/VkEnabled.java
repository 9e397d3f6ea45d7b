package org.supportbot.channel.vk;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * On when both {@code supportbot.vk.token} ({@code VK_GROUP_TOKEN}) and {@code supportbot.vk.group-id}
 * ({@code VK_GROUP_ID}) have text.
 *
 * <p>Not {@code @ConditionalOnProperty}: that one matches an empty value, and docker-compose passes
 * {@code VK_GROUP_TOKEN=""} when the variable is unset in the shell — the channel must stay off then.
 */
final class VkEnabled implements Condition {

    static final String TOKEN_PROPERTY = "supportbot.vk.token";
    static final String GROUP_PROPERTY = "supportbot.vk.group-id";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var environment = context.getEnvironment();
        return StringUtils.hasText(environment.getProperty(TOKEN_PROPERTY)) && StringUtils.hasText(environment.getProperty(GROUP_PROPERTY));
    }
}
