/**
 * The content editors own: intent definitions from {@code intents/*.yaml}, answers from
 * {@code knowledge-base/*.md} and the bot's own wording from {@code messages/*.yaml} (over the
 * texts built into the jar). Loads and validates them (problems as {@code file:line: message}),
 * reloads them when a file changes and renders answers and messages in the customer's language.
 *
 * <p>Entry point: {@link org.supportbot.knowledge.KnowledgeBase}. A successful reload publishes
 * {@link org.supportbot.knowledge.ContentChanged}.
 */
@NullMarked
package org.supportbot.knowledge;

import org.jspecify.annotations.NullMarked;
