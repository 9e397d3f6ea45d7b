package org.supportbot.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.supportbot.curation.ContentChange;
import org.supportbot.curation.Curation;
import org.supportbot.curation.Suggestion;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;
import org.supportbot.nlu.IntentRecognizer;
import org.supportbot.store.Store;
import org.supportbot.store.StoreUnavailableException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code suggest}: the editors' suggestions from questions the bot could not serve, and the
 * decisions on them (see the curation module).
 *
 * <p>Two ways to reach them: with {@code --server URL} through the running server's editor API
 * (an account with the editor role: {@code --user} or {@code SUPPORTBOT_EDITOR_USER}, the password
 * in {@code SUPPORTBOT_EDITOR_PASSWORD}); without it, straight from the store — {@code MONGODB_URI},
 * or the embedded store under the data folder, which only one process can open: while the server
 * runs on the embedded store, use {@code --server}.
 */
final class SuggestCommand {

    static final String USAGE = """
            suggest [list] [--json]                      the suggestions, by falling volume
            suggest accept ID [--intent NAME] [--phrase TEXT]...
                                                         add the wordings (or the given phrases) to an intent (default: the proposed one)
            suggest create ID --name NAME [--title TEXT] [--answer TEXT]
                                                         a new intent; the answer defaults to the operator's reply
            suggest dismiss ID                           close the suggestion, change nothing
              --server URL [--user LOGIN]                through a running server (password in SUPPORTBOT_EDITOR_PASSWORD)""";

    /** What the command needs of the editors' loop, wherever it runs. */
    interface Editors extends AutoCloseable {
        List<Suggestion> suggestions();

        ContentChange accept(String id, @Nullable String intent, List<String> phrases);

        ContentChange create(String id, String name, @Nullable String title, @Nullable String answer);

        ContentChange dismiss(String id);

        @Override
        default void close() {
        }
    }

    private final PrintStream out;
    private final Function<String, @Nullable String> environment;
    private final Class<?> application;

    SuggestCommand(PrintStream out, Function<String, @Nullable String> environment, Class<?> application) {
        this.out = out;
        this.environment = environment;
        this.application = application;
    }

    int run(String[] args) throws Exception {
        var positional = new ArrayList<String>();
        var phrases = new ArrayList<String>();
        String server = null;
        String user = environment.apply("SUPPORTBOT_EDITOR_USER");
        String intent = null;
        String name = null;
        String title = null;
        String answer = null;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--server" -> server = value(args, ++i, "--server");
                case "--user" -> user = value(args, ++i, "--user");
                case "--intent" -> intent = value(args, ++i, "--intent");
                case "--phrase" -> phrases.add(value(args, ++i, "--phrase"));
                case "--name" -> name = value(args, ++i, "--name");
                case "--title" -> title = value(args, ++i, "--title");
                case "--answer" -> answer = value(args, ++i, "--answer");
                case "--json" -> json = true;
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new CommandLine.UsageException("unknown option '" + args[i] + "'");
                    }
                    positional.add(args[i]);
                }
            }
        }
        var action = positional.isEmpty() ? "list" : positional.get(0);
        if (!action.equals("list") && positional.size() != 2) {
            throw new CommandLine.UsageException("suggest " + action + " needs one suggestion id (see 'suggest list')");
        }
        if (action.equals("create") && name == null) {
            throw new CommandLine.UsageException("suggest create needs --name NAME for the new intent");
        }
        try (var editors = server != null ? remote(server, user) : local()) {
            switch (action) {
                case "list" -> list(editors.suggestions(), json);
                case "accept" -> show(editors.accept(positional.get(1), intent, phrases));
                case "create" -> show(editors.create(positional.get(1), name, title, answer));
                case "dismiss" -> show(editors.dismiss(positional.get(1)));
                default -> throw new CommandLine.UsageException("unknown suggest action '" + action + "' (list, accept, create, dismiss)");
            }
        }
        return 0;
    }

    private void list(List<Suggestion> suggestions, boolean json) {
        if (json) {
            out.println(JsonMapper.builder().build().writeValueAsString(Map.of("suggestions", suggestions)));
            return;
        }
        if (suggestions.isEmpty()) {
            out.println("No suggestions: every question the bot missed has been dealt with.");
            return;
        }
        for (var s : suggestions) {
            var proposal = s.proposedIntent() == null ? "new intent" : "→ " + s.proposedIntent() + String.format(Locale.ROOT, " (%.2f)", s.closeness());
            var kinds = new StringBuilder();
            s.kinds().forEach((k, v) -> kinds.append(kinds.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
            out.printf(Locale.ROOT, "%s  %3d× %s  %s   [%s]%n", s.id(), s.volume(), s.language().code(), proposal, kinds);
            for (var example : s.examples().subList(0, Math.min(5, s.examples().size()))) {
                out.printf(Locale.ROOT, "      %2d× %s%n", example.count(), example.text());
            }
            if (s.examples().size() > 5) {
                out.printf(Locale.ROOT, "      … %d more wordings%n", s.examples().size() - 5);
            }
            if (s.operatorReply() != null) {
                var reply = s.operatorReply().replaceAll("\\s+", " ");
                out.println("      operator: " + (reply.length() > 160 ? reply.substring(0, 160) + "…" : reply));
            }
        }
    }

    private void show(ContentChange change) {
        out.printf(Locale.ROOT, "%s %s%s: %d questions closed%n", change.suggestion(), change.action(),
                change.intent() == null ? "" : " (" + change.intent() + ")", change.questions());
        change.files().forEach(f -> out.println("  wrote " + f));
        change.added().forEach(p -> out.println("  + " + p));
        change.skipped().forEach(p -> out.println("  = " + p + "   (an example already)"));
        if (!change.files().isEmpty()) {
            out.println("Check the change with 'git diff', 'validate' and 'evaluate --gate' before you commit it.");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new CommandLine.UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** The store and the content in this process: only what the curation module needs, no channels, no web server. */
    private Editors local() {
        org.springframework.context.ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(LocalContext.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                    .properties("supportbot.content.hot-reload=false", "supportbot.nlu.train-on-start=false",
                            "logging.level.root=OFF", "logging.level.org.supportbot=WARN")
                    .run();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof StoreUnavailableException unavailable) {
                    var hint = unavailable.getMessage() != null && unavailable.getMessage().contains("in use")
                            ? " The server holds the embedded store while it runs: use 'suggest --server http://localhost:8080 --user LOGIN'"
                                    + " (an editor account; password in SUPPORTBOT_EDITOR_PASSWORD), or stop the server."
                            : "";
                    throw new IllegalStateException(unavailable.getMessage() + hint, unavailable);
                }
            }
            throw e;
        }
        var curation = context.getBean(Curation.class);
        var who = "cli:" + System.getProperty("user.name", "editor");
        return new Editors() {
            @Override
            public List<Suggestion> suggestions() {
                return curation.suggestions();
            }

            @Override
            public ContentChange accept(String id, @Nullable String intent, List<String> phrases) {
                return curation.accept(id, intent, phrases, who);
            }

            @Override
            public ContentChange create(String id, String name, @Nullable String title, @Nullable String answer) {
                return curation.create(id, name, title, answer, who);
            }

            @Override
            public ContentChange dismiss(String id) {
                return curation.dismiss(id, who);
            }

            @Override
            public void close() {
                context.close();
            }
        };
    }

    /** Not a {@code @Configuration}: the server's component scan must not pick it up; given to Spring as a source only. */
    @ComponentScan(basePackageClasses = {Store.class, KnowledgeBase.class, IntentRecognizer.class, Curation.class})
    static class LocalContext {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private Editors remote(String server, @Nullable String user) {
        if (user == null || user.isBlank()) {
            throw new CommandLine.UsageException("--server needs an editor account: --user LOGIN or SUPPORTBOT_EDITOR_USER");
        }
        var password = environment.apply("SUPPORTBOT_EDITOR_PASSWORD");
        if (password == null && System.console() != null) {
            var typed = System.console().readPassword("Password for %s: ", user);
            password = typed == null ? null : new String(typed);
        }
        if (password == null || password.isEmpty()) {
            throw new CommandLine.UsageException("set SUPPORTBOT_EDITOR_PASSWORD to the password of '" + user + "'");
        }
        return new RemoteEditors(URI.create(server.endsWith("/") ? server : server + "/"),
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** The editor API of a running server. */
    private static final class RemoteEditors implements Editors {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final JsonMapper json = JsonMapper.builder().build();
        private final URI base;
        private final String authorization;

        RemoteEditors(URI base, String authorization) {
            this.base = base;
            this.authorization = authorization;
        }

        @Override
        public List<Suggestion> suggestions() {
            var list = new ArrayList<Suggestion>();
            for (var s : call("GET", "api/editor/suggestions", null).path("suggestions")) {
                var examples = new ArrayList<Suggestion.Example>();
                s.path("examples").forEach(e -> examples.add(new Suggestion.Example(e.path("text").asString(""), e.path("count").asInt())));
                var kinds = new LinkedHashMap<String, Integer>();
                s.path("kinds").properties().forEach(e -> kinds.put(e.getKey(), e.getValue().asInt()));
                list.add(new Suggestion(s.path("id").asString(""), Language.valueOf(s.path("language").asString("RU")), s.path("volume").asInt(),
                        examples, text(s, "proposedIntent"), s.path("closeness").asDouble(), kinds, text(s, "operatorReply"),
                        Instant.parse(s.path("lastAsked").asString(Instant.EPOCH.toString()))));
            }
            return list;
        }

        @Override
        public ContentChange accept(String id, @Nullable String intent, List<String> phrases) {
            var body = new LinkedHashMap<String, Object>();
            if (intent != null) {
                body.put("intent", intent);
            }
            body.put("phrases", phrases);
            return change(call("POST", "api/editor/suggestions/" + id + "/accept", body));
        }

        @Override
        public ContentChange create(String id, String name, @Nullable String title, @Nullable String answer) {
            var body = new LinkedHashMap<String, Object>();
            body.put("name", name);
            if (title != null) {
                body.put("title", title);
            }
            if (answer != null) {
                body.put("answer", answer);
            }
            return change(call("POST", "api/editor/suggestions/" + id + "/create", body));
        }

        @Override
        public ContentChange dismiss(String id) {
            return change(call("POST", "api/editor/suggestions/" + id + "/dismiss", Map.of()));
        }

        private static ContentChange change(JsonNode c) {
            return new ContentChange(c.path("suggestion").asString(""), c.path("action").asString(""), text(c, "intent"), strings(c.path("files")),
                    strings(c.path("added")), strings(c.path("skipped")), c.path("questions").asInt(), c.path("reloaded").asBoolean());
        }

        private static List<String> strings(JsonNode array) {
            var out = new ArrayList<String>();
            array.forEach(n -> out.add(n.asString("")));
            return out;
        }

        private static @Nullable String text(JsonNode node, String field) {
            var value = node.path(field);
            return value.isString() ? value.asString() : null;
        }

        private JsonNode call(String method, String path, @Nullable Object body) {
            var request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofMinutes(2))
                    .header("Authorization", authorization)
                    .header("Accept", "application/json");
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot reach " + base + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new IllegalArgumentException(base + " refused the account (HTTP " + response.statusCode() + "): it needs the editor role");
            }
            JsonNode answer = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new IllegalArgumentException(answer.path("message").asString("HTTP " + response.statusCode()));
            }
            return answer;
        }
    }
}
