package org.supportbot.handoff;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operator accounts from configuration ({@code supportbot.operators.*}).
 *
 * <pre>
 * supportbot.operators.accounts.anna.name=Anna
 * supportbot.operators.accounts.anna.password={bcrypt}$2a$10$…   (a hash: java -jar support-bot.jar hash-password)
 * supportbot.operators.accounts.anna.queues=payments,general
 * supportbot.operators.accounts.anna.capacity=3
 * supportbot.operators.accounts.anna.telegram-id=123456789
 * supportbot.operators.accounts.anna.editor=true     (may review suggestions and change the content; admins may too)
 * </pre>
 *
 * @param accounts the accounts by login
 * @param telegramIds Telegram users allowed to act in the operator group ({@code TELEGRAM_OPERATOR_IDS});
 *        ids without an account get one of their own, serving every queue
 * @param adminPassword the {@code admin} account's password, in plain text ({@code SUPPORTBOT_ADMIN_PASSWORD}); hashed at start-up
 * @param defaultCapacity the capacity of accounts that do not set one
 */
@ConfigurationProperties("supportbot.operators")
record OperatorProperties(@DefaultValue Map<String, Account> accounts, @DefaultValue List<Long> telegramIds,
        @Nullable String adminPassword, @DefaultValue("5") int defaultCapacity) {

    /** One account. {@code password} is a hash in Spring Security's {@code {id}hash} form. */
    record Account(@Nullable String name, @Nullable String password, @DefaultValue List<String> queues,
            @Nullable Integer capacity, @Nullable Long telegramId, @DefaultValue("false") boolean admin,
            @DefaultValue("false") boolean editor) {
    }
}
