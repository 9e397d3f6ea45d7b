package org.supportbot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Failed sign-ins over HTTP, by Basic and by the form: ten from one address close sign-in to it
 * (429, before the password is checked: the right one is refused too), other addresses go on.
 * Behind a (pretended) proxy, so that each test is its own address through {@code X-Forwarded-For}.
 *
 * <p>The properties are the same as in {@code EdgeTests}, so both share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "supportbot.data.dir=target/test-data/edge",
        "supportbot.content.hot-reload=false",
        "supportbot.limits.behind-proxy=true",
        "supportbot.limits.parse-per-minute=3",
        "supportbot.limits.new-sessions-per-minute=2",
        "supportbot.operators.admin-password=admin-secret-edge",
        // "secret-anna", hashed with bcrypt
        "supportbot.operators.accounts.anna.name=Anna",
        "supportbot.operators.accounts.anna.password={bcrypt}$2a$10$XNSlmdxMeaTeKtJaSz2jT.egm.R5G24gYy77mHzTZK8Q3EEH.cBKy"})
class SignInThrottlingTests {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> basic(String address, String path, String password) throws Exception {
        var credentials = Base64.getEncoder().encodeToString(("anna:" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).header("X-Forwarded-For", address)
                .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(String address, String password) throws Exception {
        var browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        var form = browser.send(HttpRequest.newBuilder(uri("/operator/login")).header("X-Forwarded-For", address).build(),
                HttpResponse.BodyHandlers.ofString());
        var matcher = CSRF_FIELD.matcher(form.body());
        assertThat(matcher.find()).as("the form carries a CSRF token").isTrue();
        var body = "username=anna&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(uri("/operator/login")).header("X-Forwarded-For", address)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tenWrongBasicPasswordsCloseSignInToThatAddressOnly() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(basic("203.0.113.10", "/api/operator/me", "guess-" + i).statusCode()).isEqualTo(401);
        }

        var refused = basic("203.0.113.10", "/api/operator/me", "secret-anna");

        assertThat(refused.statusCode()).as("even the right password: nothing is checked").isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(590L, 600L));
        assertThat(basic("203.0.113.10", "/actuator/prometheus", "secret-anna").statusCode()).as("metrics sign in too").isEqualTo(429);
        assertThat(basic("203.0.113.11", "/api/operator/me", "secret-anna").statusCode()).as("another address").isEqualTo(200);
    }

    @Test
    void tenWrongFormSignInsCloseTheFormToo() throws Exception {
        for (int i = 0; i < 10; i++) {
            var failed = signIn("203.0.113.20", "guess-" + i);
            assertThat(failed.statusCode()).isEqualTo(302);
            assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/operator/login?error"));
        }

        assertThat(signIn("203.0.113.20", "secret-anna").statusCode()).isEqualTo(429);
        assertThat(basic("203.0.113.20", "/api/operator/me", "secret-anna").statusCode()).as("Basic from there too").isEqualTo(429);
        var elsewhere = signIn("203.0.113.21", "secret-anna");
        assertThat(elsewhere.statusCode()).isEqualTo(302);
        assertThat(elsewhere.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/operator"));
    }

    @Test
    void aSuccessfulSignInDoesNotWipeAnAddressesFailures() throws Exception {
        for (int i = 0; i < 9; i++) {
            basic("203.0.113.30", "/api/operator/me", "guess-" + i);
        }
        assertThat(basic("203.0.113.30", "/api/operator/me", "secret-anna").statusCode()).isEqualTo(200);

        assertThat(basic("203.0.113.30", "/api/operator/me", "guess-9").statusCode()).isEqualTo(401);

        assertThat(basic("203.0.113.30", "/api/operator/me", "secret-anna").statusCode()).isEqualTo(429);
    }

    @Test
    void metricsNeedAnAdminNotJustAnOperator() throws Exception {
        var anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("X-Forwarded-For", "203.0.113.40").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(basic("203.0.113.40", "/actuator/prometheus", "secret-anna").statusCode()).as("Anna is no admin").isEqualTo(403);
        var admin = Base64.getEncoder().encodeToString("admin:admin-secret-edge".getBytes(StandardCharsets.UTF_8));
        var scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("X-Forwarded-For", "203.0.113.40").header("Authorization", "Basic " + admin).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("# TYPE");
    }
}
