package org.supportbot.handoff;

/**
 * The outcome of {@link Handoff#open}: the ticket, where the customer stands, and whether the
 * ticket is new (false: the conversation already had an open ticket, or the same hand-over was
 * opened before a crash).
 */
public record Opened(Ticket ticket, QueueStanding standing, boolean isNew) {
}
