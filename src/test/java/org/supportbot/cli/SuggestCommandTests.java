package org.supportbot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.supportbot.conversation.QuestionMissed;
import org.supportbot.knowledge.Language;
import org.supportbot.nlu.IntentScore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code suggest --server} and the editor API it uses, against a running server on a copy of the content. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "supportbot.operators.accounts.erin.name=Erin",
        "supportbot.operators.accounts.erin.password={noop}erin-secret",
        "supportbot.operators.accounts.erin.editor=true",
        "supportbot.operators.accounts.oleg.name=Oleg",
        "supportbot.operators.accounts.oleg.password={noop}oleg-secret",
        "supportbot.operators.admin-password=admin-secret",
})
class SuggestCommandTests {

    private static final Path CONTENT = copyOfContent();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void content(DynamicPropertyRegistry registry) {
        registry.add("supportbot.content.dir", CONTENT::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationEventPublisher events;

    private static Path copyOfContent() {
        var target = Path.of("target", "test-content", "suggest-" + UUID.randomUUID()).toAbsolutePath();
        for (var folder : List.of("intents", "knowledge-base")) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                Files.createDirectories(target.resolve(folder));
                for (var file : files.toList()) {
                    Files.copy(file, target.resolve(folder).resolve(file.getFileName()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }

    /** A question the bot missed, as the conversation engine announces it. */
    private void missed(String text, Language language) {
        events.publishEvent(new QuestionMissed("test:" + UUID.randomUUID() + "#escalated", "test:" + UUID.randomUUID(), language, text,
                QuestionMissed.Kind.ESCALATED, List.of(new IntentScore("oos", 0.8)), null, null, Instant.now()));
    }

    private HttpResponse<String> call(String method, String path, @Nullable String user, @Nullable String password, @Nullable String body)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Output(String text) {
    }

    private Output suggest(String password, String... args) throws Exception {
        var bytes = new ByteArrayOutputStream();
        var all = Stream.concat(Stream.of(args), Stream.of("--server", "http://127.0.0.1:" + port, "--user", "erin")).toArray(String[]::new);
        try (var out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            int status = new SuggestCommand(out, Map.of("SUPPORTBOT_EDITOR_PASSWORD", password)::get, Object.class).run(all);
            assertThat(status).isZero();
        }
        return new Output(bytes.toString(StandardCharsets.UTF_8));
    }

    private JsonNode suggestionWith(String text) throws Exception {
        var response = call("GET", "/api/editor/suggestions", "erin", "erin-secret", null);
        assertThat(response.statusCode()).isEqualTo(200);
        for (var suggestion : JSON.readTree(response.body()).path("suggestions")) {
            for (var example : suggestion.path("examples")) {
                if (example.path("text").asString().equals(text)) {
                    return suggestion;
                }
            }
        }
        throw new AssertionError("no suggestion with '" + text + "' in " + response.body());
    }

    @Test
    void theEditorApiNeedsAnAccountWithTheEditorRole() throws Exception {
        assertThat(call("GET", "/api/editor/suggestions", null, null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/editor/suggestions", "erin", "wrong", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/editor/suggestions", "oleg", "oleg-secret", null).statusCode()).as("an operator, not an editor").isEqualTo(403);
        assertThat(call("POST", "/api/editor/suggestions/s00000000/dismiss", "oleg", "oleg-secret", "{}").statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/editor/suggestions", "erin", "erin-secret", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/editor/suggestions", "admin", "admin-secret", null).statusCode()).as("an admin is an editor").isEqualTo(200);
        assertThat(call("GET", "/api/operator/me", "erin", "erin-secret", null).statusCode()).as("an editor is still an operator").isEqualTo(200);
        assertThat(call("GET", "/api/editor/intents", "oleg", "oleg-secret", null).statusCode()).isEqualTo(403);
    }

    /** The editor page in the console: the form's session, and its CSRF token on every change. */
    @Test
    void theConsoleSessionOfAnEditorReachesTheApiAndChangesNeedItsCsrfToken() throws Exception {
        var cookies = new java.net.CookieManager();
        var browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        signIn(browser, "erin", "erin-secret");
        assertThat(send(browser, "GET", "/api/editor/suggestions", null).statusCode()).isEqualTo(200);
        assertThat(send(browser, "POST", "/api/editor/suggestions/s00000000/dismiss", null).statusCode()).as("no CSRF token").isEqualTo(403);
        var token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        assertThat(send(browser, "POST", "/api/editor/suggestions/s00000000/dismiss", token).statusCode()).as("through to the API").isEqualTo(404);

        var operator = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        signIn(operator, "oleg", "oleg-secret");
        assertThat(send(operator, "GET", "/api/operator/me", null).statusCode()).isEqualTo(200);
        assertThat(send(operator, "GET", "/api/editor/suggestions", null).statusCode()).as("an operator, not an editor").isEqualTo(403);
    }

    private void signIn(HttpClient browser, String login, String password) throws Exception {
        var form = send(browser, "GET", "/operator/login", null).body();
        var matcher = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(matcher.find()).isTrue();
        var body = "username=" + login + "&password=" + password + "&_csrf=" + java.net.URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
        var response = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/operator/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/operator"));
    }

    private HttpResponse<String> send(HttpClient browser, String method, String path, @Nullable String csrf) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (csrf != null) {
            request.header("X-XSRF-TOKEN", csrf);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTheIntentsPhrasesCanGoIntoWithTitlesInTheEditorsLanguage() throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/editor/intents"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("erin:erin-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Accept-Language", "en").build();
        var intents = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(intents.findValuesAsString("name")).contains("delivery_info", "order_status").doesNotContain("oos");
        assertThat(intents.toString()).contains("{\"name\":\"delivery_info\",\"title\":\"Delivery terms\"}");
    }

    @Test
    void listsAndAcceptsThroughTheRunningServer() throws Exception {
        missed("привезете холодильник на дачу в снт?", Language.RU);
        missed("доставка холодильника на дачу в снт", Language.RU);
        var id = suggestionWith("доставка холодильника на дачу в снт").path("id").asString();

        var list = suggest("erin-secret", "list");
        assertThat(list.text()).contains(id).contains("2× ru").contains("1× доставка холодильника на дачу в снт");

        var accept = suggest("erin-secret", "accept", id, "--intent", "delivery_info");
        assertThat(accept.text()).contains(id + " accepted (delivery_info): 2 questions closed")
                .contains("wrote intents/delivery_info.yaml").contains("+ привезете холодильник на дачу в снт?");
        assertThat(Files.readAllLines(CONTENT.resolve("intents/delivery_info.yaml")))
                .contains("    - привезете холодильник на дачу в снт?", "    - доставка холодильника на дачу в снт");
        var again = call("POST", "/api/editor/suggestions/" + id + "/accept", "erin", "erin-secret", "{}");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(again.body()).path("error").asString()).isEqualTo("not_found");
    }

    @Test
    void createsAndDismissesOverTheApi() throws Exception {
        missed("do you sell refurbished phones", Language.EN);
        missed("refurbished phones available?", Language.EN);
        missed("is there a loyalty card", Language.EN);
        var phones = suggestionWith("do you sell refurbished phones");
        assertThat(phones.path("volume").asInt()).isEqualTo(2);
        assertThat(phones.path("language").asString()).isEqualTo("EN");
        assertThat(phones.path("proposedIntent").isNull()).as(phones.toString()).isTrue();

        var noAnswer = call("POST", "/api/editor/suggestions/" + phones.path("id").asString() + "/create", "erin", "erin-secret",
                "{\"name\": \"refurbished\"}");
        assertThat(noAnswer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noAnswer.body()).path("message").asString()).contains("no operator reply");
        var created = call("POST", "/api/editor/suggestions/" + phones.path("id").asString() + "/create", "erin", "erin-secret",
                "{\"name\": \"refurbished\", \"title\": \"Refurbished phones\", \"answer\": \"We sell new phones only.\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        var change = JSON.readTree(created.body());
        assertThat(change.path("action").asString()).isEqualTo("created");
        assertThat(change.path("files").toString()).isEqualTo("[\"intents/refurbished.yaml\",\"knowledge-base/refurbished.md\"]");
        assertThat(change.path("reloaded").asBoolean()).isTrue();
        assertThat(Files.readString(CONTENT.resolve("intents/refurbished.yaml"))).contains("  en: Refurbished phones\n");

        var loyalty = suggestionWith("is there a loyalty card").path("id").asString();
        var dismissed = suggest("erin-secret", "dismiss", loyalty);
        assertThat(dismissed.text()).contains(loyalty + " dismissed: 1 questions closed");
    }

    @Test
    void saysWhenTheServerRefusesTheAccount() {
        assertThatThrownBy(() -> suggest("wrong-password", "list")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refused the account (HTTP 401)");
    }
}
