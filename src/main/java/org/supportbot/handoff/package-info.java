/**
 * Handing a conversation to a person: tickets, the operator queue, routing by intent, atomic
 * claims, operator capacity, working hours and first-response SLAs.
 *
 * <p>Entry point: {@link org.supportbot.handoff.Handoff}. Every change of a ticket is published
 * as a {@link org.supportbot.handoff.TicketEvent}: the conversation tells the customer, the
 * operator surfaces (Telegram group, web console) show it.
 */
@NullMarked
package org.supportbot.handoff;

import org.jspecify.annotations.NullMarked;
