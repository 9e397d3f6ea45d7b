package org.supportbot.analytics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.TicketClosed;
import org.supportbot.knowledge.ContentChanged;
import org.supportbot.knowledge.KnowledgeBase;

/**
 * The dashboard's figures for the last 24 hours as gauges ({@code /actuator/prometheus}), e.g.
 * {@code supportbot_report_self_service_ratio{window="24h"}}. Values are read from
 * {@link SupportAnalytics#lastDay()}, so a scrape costs at most one report a minute; a figure
 * without data (no ratings yet) is NaN.
 */
@Component
class AnalyticsMetrics implements MeterBinder {

    private static final String WINDOW = "24h";

    /** Tags are free words: beyond this many, new ones get no gauge of their own. */
    static final int MAX_TAG_GAUGES = 200;

    private final SupportAnalytics analytics;
    private final KnowledgeBase knowledge;
    private final Handoff handoff;
    private final java.util.Set<String> taggedGauges = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile @Nullable MeterRegistry registry;

    AnalyticsMetrics(SupportAnalytics analytics, KnowledgeBase knowledge, Handoff handoff) {
        this.analytics = analytics;
        this.knowledge = knowledge;
        this.handoff = handoff;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        gauge(registry, "supportbot.report.conversations", "Conversations in which a customer wrote", r -> r.conversations());
        gauge(registry, "supportbot.report.messages", "Customers' messages", r -> r.messages());
        gauge(registry, "supportbot.report.self.service.ratio", "Share of conversations the bot handled alone", r -> orNaN(r.selfServiceRate()));
        gauge(registry, "supportbot.report.escalation.ratio", "Share of conversations handed to a person", r -> orNaN(r.escalationRate()));
        gauge(registry, "supportbot.report.tickets", "Tickets opened", r -> r.tickets());
        gauge(registry, "supportbot.report.tickets.resolved", "Tickets opened and resolved by an operator", r -> r.resolved());
        Gauge.builder("supportbot.report.first.response.seconds", analytics, a -> orNaN(a.lastDay().firstResponse().medianSeconds()))
                .tags("window", WINDOW, "quantile", "0.5").description("Hand-over to an operator's first message").register(registry);
        Gauge.builder("supportbot.report.first.response.seconds", analytics, a -> orNaN(a.lastDay().firstResponse().p90Seconds()))
                .tags("window", WINDOW, "quantile", "0.9").description("Hand-over to an operator's first message").register(registry);
        Gauge.builder("supportbot.report.handling.seconds", analytics, a -> orNaN(a.lastDay().handling().medianSeconds()))
                .tags("window", WINDOW, "quantile", "0.5").description("An operator taking a ticket to resolving it").register(registry);
        Gauge.builder("supportbot.report.handling.seconds", analytics, a -> orNaN(a.lastDay().handling().p90Seconds()))
                .tags("window", WINDOW, "quantile", "0.9").description("An operator taking a ticket to resolving it").register(registry);
        gauge(registry, "supportbot.report.csat.average", "Average customer rating, 1 to 5", r -> orNaN(r.csatAverage()));
        for (int score = 1; score <= 5; score++) {
            int index = score - 1;
            Gauge.builder("supportbot.report.csat.ratings", analytics, a -> a.lastDay().csatDistribution().get(index))
                    .tags("window", WINDOW, "score", Integer.toString(score)).description("Customer ratings given").register(registry);
        }
        registerIntents(registry);
        for (var reason : handoff.closeReasons()) {
            breakdown(registry, "reason", reason, SupportReport::closeReasons);
        }
    }

    @EventListener
    void on(TicketClosed event) {
        var current = registry;
        if (current != null) {
            for (var tag : event.ticket().tags()) {
                if (taggedGauges.contains(tag) || taggedGauges.size() < MAX_TAG_GAUGES && taggedGauges.add(tag)) {
                    breakdown(current, "tag", tag, SupportReport::tags);
                }
            }
        }
    }

    /** Tickets and average rating of one close reason or tag. */
    private void breakdown(MeterRegistry registry, String label, String name, java.util.function.Function<SupportReport, java.util.List<Breakdown>> of) {
        java.util.function.Function<SupportAnalytics, java.util.Optional<Breakdown>> find =
                a -> of.apply(a.lastDay()).stream().filter(b -> b.name().equals(name)).findFirst();
        Gauge.builder("supportbot.report.tickets.by." + label, analytics, a -> find.apply(a).map(Breakdown::tickets).orElse(0L))
                .tags("window", WINDOW, label, name).description("Tickets opened, by " + label).register(registry);
        Gauge.builder("supportbot.report.csat.by." + label, analytics, a -> find.apply(a).map(Breakdown::csatAverage).map(Double::doubleValue).orElse(Double.NaN))
                .tags("window", WINDOW, label, name).description("Average customer rating, 1 to 5, by " + label).register(registry);
    }

    @EventListener
    void on(ContentChanged event) {
        var current = registry;
        if (current != null) {
            registerIntents(current); // new intents get a gauge; registering an existing one again is a no-op
        }
    }

    private void registerIntents(MeterRegistry registry) {
        for (var intent : knowledge.content().intents().keySet()) {
            Gauge.builder("supportbot.report.intent.messages", analytics, a -> a.lastDay().intents().stream()
                            .filter(v -> v.intent().equals(intent)).mapToLong(SupportReport.IntentVolume::messages).sum())
                    .tags("window", WINDOW, "intent", intent).description("Customers' messages recognised as this intent").register(registry);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<SupportReport> value) {
        Gauge.builder(name, analytics, a -> value.applyAsDouble(a.lastDay())).tag("window", WINDOW).description(description).register(registry);
    }

    private static double orNaN(@Nullable Number value) {
        return value == null ? Double.NaN : value.doubleValue();
    }
}
