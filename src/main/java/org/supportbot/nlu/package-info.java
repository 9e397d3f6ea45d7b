/**
 * Understanding customers: text normalisation for Russian and English (OpenNLP's Snowball
 * stemmers), linear SVMs over TF-IDF features trained from the intents (liblinear), the decision
 * (answer, clarify or escalate) and evaluation of how well all of it works.
 *
 * <p>Entry points: {@link org.supportbot.nlu.IntentRecognizer} for the running bot,
 * {@link org.supportbot.nlu.Evaluation} for the editors' {@code evaluate} command.
 */
@NullMarked
package org.supportbot.nlu;

import org.jspecify.annotations.NullMarked;
