/**
 * The nlu module's extensions of OpenNLP's document categorizer: the feature generators, the
 * liblinear trainer plugged in through OpenNLP's ML extension point, and the model it trains with
 * its serializer. These classes are public only because OpenNLP instantiates them by class name
 * ({@code ExtensionLoader}) when it trains or reads a {@code DoccatModel}; they are internal to the
 * nlu module, not its API.
 */
@NullMarked
package org.supportbot.nlu.doccat;

import org.jspecify.annotations.NullMarked;
