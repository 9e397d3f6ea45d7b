package org.supportbot.operator;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.supportbot.conversation.TranscriptEntry;
import org.supportbot.handoff.Ticket;

/**
 * A ticket as the operator API shows it. {@code sla} is {@code ok}, {@code due_soon} (within a
 * fifth of the target, or five minutes), {@code overdue}, or {@code met} once an operator answered.
 * {@code context} is what the bot's store actions learnt (order number, status, verified).
 * {@code notes} (operators' private notes) and {@code linked} (the customer's other conversations) come with the details only.
 */
record TicketView(long number, String conversation, String channel, @Nullable String customerName, String language,
        @Nullable String intent, String reason, String queue, int priority, String status, @Nullable String operator,
        @Nullable String operatorName, Instant openedAt, long waitedSeconds, Instant slaDueAt, String sla,
        @Nullable Integer csat, @Nullable String comment, @Nullable List<Ticket.Line> handoverTranscript,
        @Nullable List<Ticket.Step> history, @Nullable List<TranscriptEntry> transcript, @Nullable List<TicketView> earlier,
        java.util.Map<String, String> context,
        @Nullable List<Ticket.Note> notes, @Nullable String closeReason, List<String> tags, @Nullable List<String> linked) {

    /** This view with the same customer's conversations on other channels (linked by a proved phone or e-mail). */
    TicketView withLinked(List<String> conversations) {
        return new TicketView(number, conversation, channel, customerName, language, intent, reason, queue, priority, status, operator,
                operatorName, openedAt, waitedSeconds, slaDueAt, sla, csat, comment, handoverTranscript, history, transcript, earlier,
                context, notes, closeReason, tags, conversations);
    }

    /** This view with the customer's earlier tickets. */
    TicketView withEarlier(List<TicketView> earlierTickets) {
        return new TicketView(number, conversation, channel, customerName, language, intent, reason, queue, priority, status, operator,
                operatorName, openedAt, waitedSeconds, slaDueAt, sla, csat, comment, handoverTranscript, history, transcript, earlierTickets,
                context, notes, closeReason, tags, linked);
    }

    static TicketView summary(Ticket ticket, Instant now) {
        return of(ticket, now, false, null);
    }

    static TicketView of(Ticket ticket, Instant now, boolean details, @Nullable List<TranscriptEntry> transcript) {
        return new TicketView(ticket.number(), ticket.conversation(), ticket.channel(), ticket.customerName(), ticket.language().code(),
                ticket.intent(), ticket.reason(), ticket.queue(), ticket.priority(), ticket.status().name().toLowerCase(java.util.Locale.ROOT),
                ticket.operator(), ticket.operatorName(), ticket.openedAt(), ticket.waited(now).toSeconds(), ticket.slaDueAt(),
                sla(ticket, now), ticket.csat(), ticket.comment(),
                details ? ticket.transcript() : null, details ? ticket.history() : null, transcript, null, ticket.context(),
                details ? ticket.notes() : null, ticket.closeReason(), ticket.tags(), null);
    }

    static String sla(Ticket ticket, Instant now) {
        if (ticket.firstResponseAt() != null) {
            return "met";
        }
        if (ticket.overdue() || now.isAfter(ticket.slaDueAt())) {
            return "overdue";
        }
        var target = java.time.Duration.between(ticket.openedAt(), ticket.slaDueAt());
        var margin = target.dividedBy(5).compareTo(java.time.Duration.ofMinutes(5)) < 0 ? target.dividedBy(5) : java.time.Duration.ofMinutes(5);
        return now.plus(margin).isAfter(ticket.slaDueAt()) ? "due_soon" : "ok";
    }
}
