/**
 * Understanding customers: text normalisation for Russian and English, OpenNLP's document
 * categorizer trained from the intents (features and the liblinear trainer, plugged in through
 * OpenNLP's extension points, in {@code doccat}), the decision (answer, clarify or escalate) and
 * evaluation of how well all of it works.
 *
 * <p>Entry points: {@link org.supportbot.nlu.IntentRecognizer} for the running bot,
 * {@link org.supportbot.nlu.Evaluation} for the editors' {@code evaluate} command.
 */
@NullMarked
package org.supportbot.nlu;

import org.jspecify.annotations.NullMarked;
