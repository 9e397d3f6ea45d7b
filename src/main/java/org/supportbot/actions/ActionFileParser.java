package org.supportbot.actions;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import org.supportbot.knowledge.ContentProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads one {@code actions/<name>.yaml}, reporting every problem as {@code file:line: what is wrong}. */
final class ActionFileParser {

    private static final Set<String> KEYS = Set.of("action", "intent", "slots", "lookup", "call", "verify", "confirm",
            "answer", "not_verified", "refused", "failure", "rejected", "declined", "buttons", "context");
    private static final Set<String> SLOT_KEYS = Set.of("name", "entity", "pattern", "tries", "ask", "retry");
    private static final Set<String> CALL_KEYS = Set.of("method", "url", "headers", "timeout", "cache");
    private static final Set<String> ENTITIES = Set.of("order_number", "phone", "email", "date", "amount");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** Fields an answer must never show: an order is personal data (the full phone, the address, the name). */
    static final Set<String> PRIVATE_FIELDS = Set.of("phone", "address", "full_name", "customer", "email", "surname");
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(ms|s|m)");
    private static final Pattern SLOT_PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s]+)\\s*}}");
    private static final Pattern TAG = Pattern.compile("\\{\\{[{#^/&]?\\s*([^}\\s]+)\\s*}?}}");

    private final Path file;
    private final String expectedName;
    private final ActionYaml yaml;

    ActionFileParser(Path file, String expectedName, List<ContentProblem> problems) {
        this.file = file;
        this.expectedName = expectedName;
        this.yaml = new ActionYaml(file, problems);
    }

    @Nullable StoreAction parse(String text) {
        if (text.isBlank()) {
            yaml.error(null, "the file is empty; an action needs 'action:', 'intent:', 'lookup:' and 'answer:'");
            return null;
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            yaml.errorAt(mark == null ? 1 : mark.getLine() + 1, "YAML syntax error: " + e.getProblem());
            return null;
        } catch (YAMLException e) {
            yaml.error(null, "YAML syntax error: " + e.getMessage());
            return null;
        }
        if (root == null) {
            yaml.error(null, "the file is empty; an action needs 'action:', 'intent:', 'lookup:' and 'answer:'");
            return null;
        }
        var entries = yaml.mapping(root, "the action", KEYS);
        return entries == null ? null : read(entries, root);
    }

    private @Nullable StoreAction read(Map<String, Node> entries, Node root) {
        var name = yaml.text(entries.get("action"), "action");
        if (name == null) {
            yaml.error(root, "'action:' is missing: name the action like its file, '" + expectedName + "'");
        } else if (!name.equals(expectedName)) {
            yaml.error(entries.get("action"), "the action is named '" + name + "' but its file is '" + expectedName + ".yaml': the names must match");
        }
        var intent = yaml.text(entries.get("intent"), "intent");
        if (intent == null && !entries.containsKey("intent")) {
            yaml.error(root, "'intent:' is missing: name the intent that starts this action");
        }
        var slots = new ArrayList<StoreAction.Slot>();
        if (entries.containsKey("slots")) {
            if (entries.get("slots") instanceof SequenceNode sequence) {
                sequence.getValue().forEach(node -> readSlot(node, slots));
            } else {
                yaml.error(entries.get("slots"), "'slots' must be a list of slots, each with 'name:', 'pattern:' and 'ask:'");
            }
        }
        var slotNames = slots.stream().map(StoreAction.Slot::name).toList();
        StoreAction.Call lookup = null;
        if (entries.containsKey("lookup")) {
            lookup = readCall(entries.get("lookup"), "lookup", slotNames);
        } else {
            yaml.error(root, "'lookup:' is missing: the HTTP call that finds the order (method, url)");
        }
        var call = entries.containsKey("call") ? readCall(entries.get("call"), "call", slotNames) : null;
        String verifyField = null;
        int verifyTries = 3;
        if (entries.containsKey("verify")) {
            var verify = yaml.mapping(entries.get("verify"), "verify", Set.of("phone_field", "tries"));
            if (verify != null) {
                verifyField = yaml.text(verify.get("phone_field"), "verify.phone_field");
                if (verifyField == null) {
                    yaml.error(entries.get("verify"), "'verify' needs 'phone_field:', the field of the lookup's answer with the order's phone");
                }
                verifyTries = yaml.number(verify.get("tries"), "verify.tries", 3, 1, 10);
            }
        }
        StoreAction.Confirm confirm = null;
        if (entries.containsKey("confirm")) {
            var node = entries.get("confirm");
            var keys = yaml.mapping(node, "confirm", Set.of("question", "yes", "no"));
            if (keys != null && keys.containsKey("question") && keys.containsKey("yes") && keys.containsKey("no")) {
                confirm = new StoreAction.Confirm(template(keys.get("question"), "confirm.question"),
                        yaml.texts(keys.get("yes"), "confirm.yes"), yaml.texts(keys.get("no"), "confirm.no"));
            } else if (keys != null) {
                yaml.error(node, "'confirm' needs 'question:', 'yes:' and 'no:', each with ru and en");
            }
        }
        var texts = new EnumMap<StoreAction.Say, StoreAction.Texts>(StoreAction.Say.class);
        for (var say : StoreAction.Say.values()) {
            if (entries.containsKey(say.key())) {
                texts.put(say, template(entries.get(say.key()), say.key()));
            }
        }
        for (var required : List.of(StoreAction.Say.ANSWER, StoreAction.Say.FAILURE)) {
            if (!texts.containsKey(required)) {
                yaml.error(root, "'" + required.key() + ":' is missing: what the bot says " + (required == StoreAction.Say.ANSWER
                        ? "with the store's answer" : "when the store does not answer (then it hands over)"));
            }
        }
        if (verifyField != null) {
            for (var required : List.of(StoreAction.Say.NOT_VERIFIED, StoreAction.Say.REFUSED)) {
                if (!texts.containsKey(required)) {
                    yaml.error(root, "'" + required.key() + ":' is missing: an action with 'verify' says it on a wrong try");
                }
            }
        }
        var buttons = entries.containsKey("buttons") ? yaml.list(entries.get("buttons"), "buttons") : List.<String>of();
        var context = new LinkedHashMap<String, String>();
        if (entries.containsKey("context")) {
            var map = yaml.mapping(entries.get("context"), "context", Set.of());
            if (map != null) {
                map.forEach((key, value) -> {
                    var template = yaml.text(value, "context." + key);
                    if (template != null && compiles(value, template, "context." + key)) {
                        context.put(key, template);
                    }
                });
            }
        }
        if (name == null || intent == null || lookup == null) {
            return null;
        }
        return new StoreAction(name, intent, file, slots, lookup, call, verifyField, verifyTries, confirm, texts, buttons, context);
    }

    private void readSlot(Node node, List<StoreAction.Slot> slots) {
        var keys = yaml.mapping(node, "slot", SLOT_KEYS);
        if (keys == null) {
            return;
        }
        var name = yaml.text(keys.get("name"), "slot name");
        if (name == null || !NAME.matcher(name).matches()) {
            yaml.error(keys.getOrDefault("name", node), "a slot needs 'name:' in small Latin letters, digits and _ (like 'order')");
            return;
        }
        var entity = yaml.text(keys.get("entity"), "entity");
        if (entity != null && !ENTITIES.contains(entity)) {
            yaml.error(keys.get("entity"), "unknown entity '" + entity + "' (known: " + String.join(", ", ENTITIES.stream().sorted().toList()) + ")");
            entity = null;
        }
        var patternText = yaml.text(keys.get("pattern"), "pattern");
        Pattern pattern = null;
        if (patternText == null) {
            yaml.error(node, "slot '" + name + "' needs 'pattern:', what a value looks like, e.g. '\\d{4,12}'");
        } else {
            try {
                pattern = Pattern.compile(patternText);
            } catch (PatternSyntaxException e) {
                yaml.error(keys.get("pattern"), "slot '" + name + "': the pattern is not a valid regular expression: " + e.getDescription());
            }
        }
        if (!keys.containsKey("ask")) {
            yaml.error(node, "slot '" + name + "' needs 'ask:', how to ask for it in ru and en");
            return;
        }
        var ask = yaml.texts(keys.get("ask"), "ask");
        var retry = keys.containsKey("retry") ? yaml.texts(keys.get("retry"), "retry") : ask;
        int tries = yaml.number(keys.get("tries"), "tries", 3, 1, 10);
        if (pattern != null) {
            slots.add(new StoreAction.Slot(name, entity, pattern, tries, ask, retry));
        }
    }

    private StoreAction.@Nullable Call readCall(Node node, String what, List<String> slots) {
        var keys = yaml.mapping(node, what, CALL_KEYS);
        if (keys == null) {
            return null;
        }
        var method = yaml.text(keys.get("method"), what + ".method");
        method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            yaml.error(keys.get("method"), "'" + what + ".method' must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        var url = yaml.text(keys.get("url"), what + ".url");
        if (url == null) {
            yaml.error(node, "'" + what + "' needs 'url:', e.g. \"${SUPPORTBOT_STORE_API_URL}/orders/{{order}}\"");
            return null;
        }
        if (!url.startsWith("${") && !url.startsWith("http://") && !url.startsWith("https://")) {
            yaml.error(keys.get("url"), "'" + what + ".url' must start with http://, https:// or a ${VARIABLE} holding the base URL");
        }
        Matcher placeholder = SLOT_PLACEHOLDER.matcher(url);
        while (placeholder.find()) {
            if (!slots.contains(placeholder.group(1))) {
                yaml.error(keys.get("url"), "'" + what + ".url' uses {{" + placeholder.group(1) + "}}, which is not a slot of this action");
            }
        }
        var headers = new LinkedHashMap<String, String>();
        if (keys.containsKey("headers")) {
            var map = yaml.mapping(keys.get("headers"), what + ".headers", Set.of());
            if (map != null) {
                map.forEach((header, value) -> {
                    var text = yaml.text(value, what + ".headers." + header);
                    if (text != null) {
                        headers.put(header, text);
                    }
                });
            }
        }
        var timeout = duration(keys.get("timeout"), what + ".timeout", Duration.ofSeconds(3));
        if (timeout.compareTo(MAX_TIMEOUT) > 0 || timeout.isZero()) {
            yaml.error(keys.get("timeout"), "'" + what + ".timeout' must be between 1ms and " + MAX_TIMEOUT.toSeconds() + "s: customers wait for it");
        }
        var cache = duration(keys.get("cache"), what + ".cache", Duration.ZERO);
        if (!cache.isZero() && !"GET".equals(method)) {
            yaml.error(keys.get("cache"), "'" + what + ".cache': only GET answers may be cached; a " + method + " changes something");
        }
        return new StoreAction.Call(method, url, headers, timeout, cache);
    }

    private Duration duration(@Nullable Node node, String what, Duration fallback) {
        if (node == null) {
            return fallback;
        }
        var matcher = DURATION.matcher(node instanceof ScalarNode scalar ? scalar.getValue().strip() : "");
        if (!matcher.matches()) {
            yaml.error(node, "'" + what + "' must be a duration like 3s, 500ms or 1m");
            return fallback;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    /** Texts that are templates: each must compile and must not show a private field. */
    private StoreAction.Texts template(Node node, String what) {
        var texts = yaml.texts(node, what);
        texts.variations().values().forEach(list -> list.forEach(text -> compiles(node, text, what)));
        return texts;
    }

    private boolean compiles(Node node, String text, String what) {
        try {
            Mustache.compiler().compile(text);
        } catch (MustacheException e) {
            yaml.error(node, "'" + what + "' is not a valid template: " + e.getMessage());
            return false;
        }
        var tag = TAG.matcher(text);
        while (tag.find()) {
            var field = tag.group(1);
            var last = field.substring(field.lastIndexOf('.') + 1);
            if (PRIVATE_FIELDS.contains(last)) {
                yaml.error(node, "'" + what + "' shows '" + field + "': customers' personal data (phone, address, name) is never shown");
                return false;
            }
        }
        return true;
    }
}
