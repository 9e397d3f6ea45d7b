package org.supportbot.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The operator console's pages. The console and the dashboard are static pages that read the
 * operator API; only the sign-in form is rendered here, because it must carry a CSRF token.
 */
@Controller
class ConsolePages {

    private final String loginPage;

    ConsolePages() {
        this.loginPage = read("console/login.html");
    }

    @GetMapping({"/operator", "/operator/"})
    String console() {
        return "forward:/operator/index.html";
    }

    @GetMapping("/operator/dashboard")
    String dashboard() {
        return "forward:/operator/dashboard.html";
    }

    @GetMapping("/operator/editor")
    String editor() {
        return "forward:/operator/editor.html";
    }

    @GetMapping(path = OperatorSecurity.LOGIN, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> login(CsrfToken csrf) {
        var html = loginPage.replace("{{csrfParameter}}", HtmlUtils.htmlEscape(csrf.getParameterName()))
                .replace("{{csrfToken}}", HtmlUtils.htmlEscape(csrf.getToken()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML).body(html);
    }

    private static String read(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the console page " + path + " is missing from the application", e);
        }
    }
}
