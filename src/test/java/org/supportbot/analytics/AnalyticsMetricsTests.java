package org.supportbot.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.InboundMessage;

/** The dashboard's figures as Prometheus scrapes them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "supportbot.operators.admin-password=admin-secret-metrics")
class AnalyticsMetricsTests {

    @LocalServerPort
    int port;
    @Autowired
    ConversationEngine engine;
    @Autowired
    SupportAnalytics analytics;
    @Autowired
    org.supportbot.handoff.Handoff handoff;

    private String scrape() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        // Metrics are for admins (issue #24); Prometheus scrapes with Basic.
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin-secret-metrics".getBytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double value(String scrape, String series) {
        var matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(matcher.find()).as("%s in the scrape", series).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void exposesTheLastDaysFiguresAsGauges() throws Exception {
        engine.handle(new InboundMessage(new ConversationId("test", "metrics-1"), "Ира", new InboundMessage.Text("где мой заказ")));
        engine.handle(new InboundMessage(new ConversationId("test", "metrics-2"), "Ира", new InboundMessage.Text("/operator")));
        long ticket = handoff.openTicketOf("test:metrics-2").orElseThrow().number();
        handoff.tag(ticket, "admin", java.util.List.of("wholesale"));
        handoff.resolve(ticket, "admin", "duplicate");

        var scrape = scrape();
        var report = analytics.lastDay();
        assertThat(report.conversations()).isEqualTo(2);
        assertThat(value(scrape, "supportbot_report_conversations{window=\"24h\"}")).isEqualTo(2.0);
        assertThat(value(scrape, "supportbot_report_tickets{window=\"24h\"}")).isEqualTo(1.0);
        assertThat(value(scrape, "supportbot_report_escalation_ratio{window=\"24h\"}")).isEqualTo(0.5);
        assertThat(value(scrape, "supportbot_report_self_service_ratio{window=\"24h\"}")).isEqualTo(0.5);
        assertThat(value(scrape, "supportbot_report_intent_messages{intent=\"order_status\",window=\"24h\"}")).isEqualTo(1.0);
        assertThat(value(scrape, "supportbot_report_csat_ratings{score=\"5\",window=\"24h\"}")).isZero();
        assertThat(scrape).contains("supportbot_report_csat_average{window=\"24h\"} NaN");
        assertThat(scrape).contains("supportbot_report_first_response_seconds{quantile=\"0.5\",window=\"24h\"}");
        assertThat(value(scrape, "supportbot_report_tickets_by_reason{reason=\"duplicate\",window=\"24h\"}")).isEqualTo(1.0);
        assertThat(value(scrape, "supportbot_report_tickets_by_reason{reason=\"spam\",window=\"24h\"}")).isZero();
        assertThat(value(scrape, "supportbot_report_tickets_by_tag{tag=\"wholesale\",window=\"24h\"}")).isEqualTo(1.0);
        assertThat(scrape).contains("supportbot_report_csat_by_reason{reason=\"duplicate\",window=\"24h\"} NaN");
    }
}
