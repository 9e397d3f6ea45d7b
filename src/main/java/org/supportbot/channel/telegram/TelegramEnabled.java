package org.supportbot.channel.telegram;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * On when {@code supportbot.telegram.token} ({@code TELEGRAM_BOT_TOKEN}) has text.
 *
 * <p>Not {@code @ConditionalOnProperty}: that one matches an empty value, and docker-compose passes
 * {@code TELEGRAM_BOT_TOKEN=""} when the variable is unset in the shell — the channel must stay off then.
 */
final class TelegramEnabled implements Condition {

    static final String TOKEN_PROPERTY = "supportbot.telegram.token";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty(TOKEN_PROPERTY));
    }
}
