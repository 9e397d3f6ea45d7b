package org.supportbot.handoff;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.supportbot.store.Store;

/**
 * The operators: accounts from configuration ({@link OperatorProperties}), Telegram operators
 * from {@code TELEGRAM_OPERATOR_IDS}, and the {@code admin} account from
 * {@code SUPPORTBOT_ADMIN_PASSWORD} (at least 12 characters, or start-up fails). Each is written to
 * the {@code operators} collection at start-up, without its password hash (that stays in memory),
 * which also counts the conversations each operator holds (the capacity check is one atomic update
 * there, so it holds across instances). Without any account that can sign in, the log says how to
 * create one. Thread-safe.
 */
@Component
public class Operators {

    private static final Logger log = LoggerFactory.getLogger(Operators.class);
    static final String COLLECTION = "operators";
    static final String ADMIN = "admin";
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern HASH = Pattern.compile("\\{[a-zA-Z0-9_-]+}.+");
    static final int MIN_ADMIN_PASSWORD = 12;
    static final String FIRST_RUN_HINT = "No operator can sign in to the console yet. Create the admin account by starting with "
            + "SUPPORTBOT_ADMIN_PASSWORD=<at least " + MIN_ADMIN_PASSWORD + " characters> java -jar support-bot.jar, "
            + "or add an account with a hash from: java -jar support-bot.jar hash-password "
            + "(supportbot.operators.accounts.<login>.password)";

    private final Map<String, Operator> byLogin = new ConcurrentHashMap<>();
    private final Map<Long, String> byTelegram = new ConcurrentHashMap<>();
    private final MongoCollection<Document> collection;

    Operators(OperatorProperties properties, Store store) {
        this.collection = store.database().getCollection(COLLECTION);
        var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        for (var operator : build(properties, encoder)) {
            byLogin.put(operator.login(), operator);
            if (operator.telegramId() != null) {
                byTelegram.put(operator.telegramId(), operator.login());
            }
        }
        for (var operator : byLogin.values()) {
            collection.updateOne(Filters.eq("_id", operator.login()), Updates.combine(
                    Updates.set("name", operator.name()),
                    Updates.set("queues", List.copyOf(operator.queues())),
                    Updates.set("capacity", operator.capacity()),
                    Updates.set("telegramId", operator.telegramId()),
                    // Hashes stay in memory, from configuration: a copy of the store (a backup) carries none.
                    Updates.unset("passwordHash"),
                    Updates.set("admin", operator.admin()),
                    Updates.setOnInsert("active", 0)), new UpdateOptions().upsert(true));
        }
        log.info("{} operator accounts", byLogin.size());
        log.debug("Operators: {}", byLogin.keySet());
        if (byLogin.values().stream().noneMatch(operator -> operator.passwordHash() != null)) {
            log.warn(FIRST_RUN_HINT);
        }
    }

    static List<Operator> build(OperatorProperties properties, PasswordEncoder encoder) {
        var operators = new LinkedHashMap<String, Operator>();
        var telegramIds = new HashSet<Long>();
        for (var entry : properties.accounts().entrySet()) {
            var login = entry.getKey().toLowerCase(Locale.ROOT);
            var account = entry.getValue();
            if (!LOGIN.matcher(login).matches()) {
                throw new IllegalArgumentException("supportbot.operators.accounts: login '" + entry.getKey() + "' must be letters, digits, '.', '_' or '-'");
            }
            var password = account.password();
            if (password != null && !password.isBlank() && !HASH.matcher(password).matches()) {
                throw new IllegalArgumentException("supportbot.operators.accounts." + login + ".password must be a hash like {bcrypt}$2a$10$…, "
                        + "never the password itself; make one with: java -jar target/support-bot.jar hash-password");
            }
            int capacity = account.capacity() != null ? account.capacity() : properties.defaultCapacity();
            var queues = new HashSet<String>();
            account.queues().forEach(q -> queues.add(q.strip().toLowerCase(Locale.ROOT)));
            queues.remove("");
            operators.put(login, new Operator(login, account.name() == null || account.name().isBlank() ? login : account.name().strip(),
                    queues, capacity, account.telegramId(), password == null || password.isBlank() ? null : password, account.admin(),
                    account.editor()));
            if (account.telegramId() != null && !telegramIds.add(account.telegramId())) {
                throw new IllegalArgumentException("supportbot.operators.accounts." + login + ".telegram-id " + account.telegramId() + " belongs to two accounts");
            }
        }
        for (var id : properties.telegramIds()) {
            if (id != null && telegramIds.add(id)) {
                var login = "tg" + id;
                operators.put(login, new Operator(login, "Operator " + id, java.util.Set.of(), properties.defaultCapacity(), id, null, false));
            }
        }
        var adminPassword = properties.adminPassword();
        if (adminPassword != null && !adminPassword.isBlank()) {
            if (adminPassword.length() < MIN_ADMIN_PASSWORD) { // never the value, nor a hint of it
                throw new IllegalArgumentException("SUPPORTBOT_ADMIN_PASSWORD is too short: it must have at least "
                        + MIN_ADMIN_PASSWORD + " characters");
            }
            var existing = operators.get(ADMIN);
            operators.put(ADMIN, new Operator(ADMIN, existing != null ? existing.name() : "Admin", java.util.Set.of(),
                    existing != null ? existing.capacity() : properties.defaultCapacity(),
                    existing != null ? existing.telegramId() : null, encoder.encode(adminPassword), true));
        }
        return new ArrayList<>(operators.values());
    }

    /** Every operator. */
    public Collection<Operator> all() {
        return List.copyOf(byLogin.values());
    }

    public Optional<Operator> find(String login) {
        return Optional.ofNullable(byLogin.get(login.toLowerCase(Locale.ROOT)));
    }

    /** The operator with this Telegram user id, if they may act in the operator group. */
    public Optional<Operator> byTelegramId(long telegramId) {
        var login = byTelegram.get(telegramId);
        return login == null ? Optional.empty() : find(login);
    }

    /**
     * Takes the operator's Telegram name for an account that has none of its own ({@code tg<id>}
     * accounts start as "Operator &lt;id&gt;"). Returns the operator as it is now.
     */
    public Operator learnTelegramName(Operator operator, String firstName) {
        if (!operator.login().startsWith("tg") || firstName.isBlank() || operator.name().equals(firstName)) {
            return operator;
        }
        var renamed = new Operator(operator.login(), firstName.strip(), operator.queues(), operator.capacity(), operator.telegramId(),
                operator.passwordHash(), operator.admin(), operator.editor());
        byLogin.put(renamed.login(), renamed);
        collection.updateOne(Filters.eq("_id", renamed.login()), Updates.set("name", renamed.name()));
        return renamed;
    }

    /** How many conversations each operator holds now. */
    public Map<String, Integer> load() {
        var load = new HashMap<String, Integer>();
        for (var doc : collection.find()) {
            load.put(doc.getString("_id"), doc.getInteger("active", 0));
        }
        return load;
    }

    /** Takes one place of the operator's capacity; false when they are full. Atomic. */
    boolean reserve(Operator operator) {
        var doc = collection.findOneAndUpdate(
                Filters.and(Filters.eq("_id", operator.login()), Filters.lt("active", operator.capacity())),
                Updates.inc("active", 1), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return doc != null;
    }

    /** Gives a place back. */
    void free(String login) {
        collection.updateOne(Filters.and(Filters.eq("_id", login), Filters.gt("active", 0)), Updates.inc("active", -1));
    }

    /** Sets the count from the tickets (at start-up: a crash between two writes may have left it off by one). */
    void recount(String login, int active) {
        collection.updateOne(Filters.eq("_id", login), Updates.set("active", active));
    }
}
