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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * How the console signs in and what protects it, over HTTP: the form, the session, the CSRF token
 * a session's changes must carry, sign-out, and the Basic access integrations keep.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // "secret-anna", hashed with bcrypt
        "supportbot.operators.accounts.anna.name=Anna",
        "supportbot.operators.accounts.anna.password={bcrypt}$2a$10$XNSlmdxMeaTeKtJaSz2jT.egm.R5G24gYy77mHzTZK8Q3EEH.cBKy",
})
class ConsoleSecurityTests {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private CookieManager cookies;
    private HttpClient browser;

    @BeforeEach
    void newBrowser() {
        cookies = new CookieManager();
        browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(String login, String password) throws Exception {
        var form = get("/operator/login");
        var matcher = CSRF_FIELD.matcher(form.body());
        assertThat(matcher.find()).as("the form carries a CSRF token").isTrue();
        var body = "username=" + URLEncoder.encode(login, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(uri("/operator/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String xsrfCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
    }

    @Test
    void pagesSendStrangersToTheSignInFormAndTheApiAnswers401WithoutAPasswordPrompt() throws Exception {
        var page = get("/operator");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/operator/login"));
        assertThat(get("/operator/dashboard").statusCode()).isEqualTo(302);

        var api = get("/api/operator/me");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).as("no browser pop-up").isEmpty();
        assertThat(get("/api/operator/analytics").statusCode()).isEqualTo(401);
    }

    @Test
    void theSignInFormIsServedWithAStrictContentSecurityPolicyAndNeverCached() throws Exception {
        var form = get("/operator/login");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(form.headers().firstValue("Cache-Control")).hasValueSatisfying(cache -> assertThat(cache).contains("no-store"));
    }

    @Test
    void aWrongPasswordGoesBackToTheFormWithAnError() throws Exception {
        var refused = signIn("anna", "not-her-password");
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/operator/login?error"));
        assertThat(get("/api/operator/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedInSessionReadsTheApiAndChangesThingsOnlyWithItsCsrfToken() throws Exception {
        var signedIn = signIn("anna", "secret-anna");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/operator"));

        assertThat(get("/api/operator/me").body()).contains("\"login\":\"anna\"");
        assertThat(get("/operator").statusCode()).isEqualTo(200);

        // A change without the token is what a forged cross-site request looks like.
        assertThat(post("/api/operator/tickets/999999/claim").statusCode()).isEqualTo(403);
        // With it, the request gets through to the API (which knows no such ticket).
        assertThat(post("/api/operator/tickets/999999/claim", "X-XSRF-TOKEN", xsrfCookie()).statusCode()).isEqualTo(404);
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        signIn("anna", "secret-anna");
        assertThat(get("/api/operator/me").statusCode()).isEqualTo(200);
        assertThat(post("/operator/logout").statusCode()).as("sign-out needs the token too").isEqualTo(403);
        var out = post("/operator/logout", "X-XSRF-TOKEN", xsrfCookie());
        assertThat(out.statusCode()).as("done: a script's sign-out gets no redirect").isIn(204, 302);
        assertThat(get("/api/operator/me").statusCode()).isEqualTo(401);
    }

    @Test
    void integrationsKeepStatelessBasicAccessWithoutACsrfToken() throws Exception {
        var basic = "Basic " + Base64.getEncoder().encodeToString("anna:secret-anna".getBytes(StandardCharsets.UTF_8));
        var claim = post("/api/operator/tickets/999999/claim", "Authorization", basic);
        assertThat(claim.statusCode()).isEqualTo(404);
        assertThat(claim.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
    }
}
