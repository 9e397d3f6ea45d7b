package org.supportbot.operator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application with two operators (Anna, everywhere; Boris, the delivery queue) and an admin,
 * called over HTTP with basic authentication. The operator API tests extend it and share one application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // "secret-anna" and "secret-boris", hashed with bcrypt
        "supportbot.operators.accounts.anna.name=Anna",
        "supportbot.operators.accounts.anna.password={bcrypt}$2a$10$XNSlmdxMeaTeKtJaSz2jT.egm.R5G24gYy77mHzTZK8Q3EEH.cBKy",
        "supportbot.operators.accounts.boris.name=Boris",
        "supportbot.operators.accounts.boris.queues=delivery",
        "supportbot.operators.accounts.boris.password={bcrypt}$2a$10$c5LhoH2nvEeyd0Y18I.zHulOlVTAzf/DGTo38W/G3.L3c6BO1HCf2",
        "supportbot.operators.admin-password=admin-secret",
})
abstract class OperatorHttpFixture {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    /** A JSON request as {@code user}, or without credentials when {@code user} is null. */
    HttpResponse<String> call(String method, String path, @Nullable String user, @Nullable String password, @Nullable String body)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> anna(String method, String path, @Nullable String body) throws Exception {
        return call(method, path, "anna", "secret-anna", body);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
