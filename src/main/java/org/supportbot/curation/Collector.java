package org.supportbot.curation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.supportbot.conversation.QuestionMissed;
import org.supportbot.handoff.TicketClosed;
import org.supportbot.handoff.TicketMessaged;
import org.supportbot.handoff.TicketStatus;

/**
 * Collects what editors learn from: the questions the bot missed, and what operators answered in
 * their tickets. Runs on the publisher's thread, so a store failure is logged, never thrown; each
 * write is small and idempotent (a redelivered event changes nothing).
 */
@Component
class Collector {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    private final MissedQuestions questions;

    Collector(MissedQuestions questions) {
        this.questions = questions;
    }

    @EventListener
    void on(QuestionMissed event) {
        if (!event.text().isBlank()) {
            safely("question " + event.key(), () -> questions.add(event));
        }
    }

    @EventListener
    void on(TicketMessaged event) {
        if ("operator".equals(event.author()) && !event.text().isBlank()) {
            safely("reply in ticket " + event.ticket().number(), () -> questions.operatorWrote(event.ticket().number(), event.key(), event.text()));
        }
    }

    @EventListener
    void on(TicketClosed event) {
        if (event.ticket().status() == TicketStatus.RESOLVED) {
            var at = event.ticket().closedAt();
            safely("ticket " + event.ticket().number(), () -> questions.resolved(event.ticket().number(), at == null ? event.ticket().openedAt() : at));
        }
    }

    /** The customer's turn and the operator's message matter more than the editors' statistics: never fail them. */
    private static void safely(String what, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            log.warn("The editors' loop did not record {}: {}", what, e.toString());
        }
    }
}
