package org.supportbot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** One documented switch, {@code supportbot.behind-tls}, sets the session cookie's Secure flag and the forwarded-headers strategy. */
class BehindTlsTests {

    private static StandardEnvironment environment(Map<String, Object> overrides) throws IOException {
        var properties = new Properties();
        try (var in = new ClassPathResource("application.properties").getInputStream()) {
            properties.load(in);
        }
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new PropertiesPropertySource("application", properties));
        environment.getPropertySources().addFirst(new MapPropertySource("overrides", overrides));
        return environment;
    }

    @Test
    void behindTlsTheCookieIsSecureAndForwardedHeadersAreBelieved() throws IOException {
        var environment = environment(Map.of("supportbot.behind-tls", "true"));

        assertThat(environment.getProperty("server.servlet.session.cookie.secure", Boolean.class)).isTrue();
        assertThat(environment.getProperty("server.forward-headers-strategy")).isEqualTo("native");
    }

    @Test
    void byDefaultNeither() throws IOException {
        var environment = environment(Map.of());

        assertThat(environment.getProperty("server.servlet.session.cookie.secure", Boolean.class)).isFalse();
        assertThat(environment.getProperty("server.forward-headers-strategy")).isEqualTo("none");
    }
}
