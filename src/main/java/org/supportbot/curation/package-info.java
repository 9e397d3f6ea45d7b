/**
 * The editors' loop: learns from what the bot could not answer.
 *
 * <p>Collects every question the bot handed to a person, asked back about ("did you mean…?") or
 * answered unhelpfully (from {@link org.supportbot.conversation.QuestionMissed}), with the
 * bot's ranking and, once the ticket is resolved, the operator's reply (from the handoff events).
 * Groups similar questions into suggestions, each with a proposed existing intent or "new
 * intent", and lets editors accept a phrase into an intent, create a new intent, or dismiss —
 * writing small, diff-friendly changes to {@code intents/} and {@code knowledge-base/}.
 * The entry point is {@link org.supportbot.curation.Curation}; the editor API is {@code /api/editor/**}.
 */
@NullMarked
package org.supportbot.curation;

import org.jspecify.annotations.NullMarked;
