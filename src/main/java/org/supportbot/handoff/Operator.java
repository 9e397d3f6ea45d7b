package org.supportbot.handoff;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A person who answers customers.
 *
 * @param login unique, e.g. {@code anna}; operators known only by their Telegram id are {@code tg<id>}
 * @param name how customers and colleagues see them ("Anna has joined the conversation")
 * @param queues the queues they serve; empty means every queue
 * @param capacity how many conversations they hold at once
 * @param telegramId their Telegram user id, if they work in the operator group
 * @param passwordHash for the web console and API, in Spring Security's {@code {id}hash} form; null: no web login
 * @param admin whether they may act on every ticket (team leads); an admin is an editor too
 * @param editor whether they may review the editors' suggestions and change the content ({@code /api/editor/**})
 */
public record Operator(String login, String name, Set<String> queues, int capacity, @Nullable Long telegramId,
        @Nullable String passwordHash, boolean admin, boolean editor) {

    /** An operator who is an editor only if an admin. */
    public Operator(String login, String name, Set<String> queues, int capacity, @Nullable Long telegramId,
            @Nullable String passwordHash, boolean admin) {
        this(login, name, queues, capacity, telegramId, passwordHash, admin, admin);
    }

    public Operator {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(name, "name");
        queues = Set.copyOf(queues);
        editor = editor || admin;
        if (capacity < 1) {
            throw new IllegalArgumentException("operator '" + login + "': capacity must be at least 1, got " + capacity);
        }
    }

    /** Whether they take tickets of this queue. */
    public boolean serves(String queue) {
        return admin || queues.isEmpty() || queues.contains(queue);
    }

    @Override
    public String toString() { // never the password hash
        return "Operator[" + login + ", " + name + ", queues=" + queues + ", capacity=" + capacity + "]";
    }
}
