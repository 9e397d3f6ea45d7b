/**
 * The content editors own: intent definitions from {@code intents/*.yaml} and answers from
 * {@code knowledge-base/*.md}. Loads and validates them (problems as {@code file:line: message}),
 * reloads them when a file changes and renders answers in the customer's language.
 *
 * <p>Entry point: {@link org.supportbot.knowledge.KnowledgeBase}. A successful reload publishes
 * {@link org.supportbot.knowledge.ContentChanged}.
 */
@NullMarked
package org.supportbot.knowledge;

import org.jspecify.annotations.NullMarked;
