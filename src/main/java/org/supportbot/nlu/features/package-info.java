/**
 * OpenNLP feature generators. They are public top-level classes because OpenNLP instantiates
 * them by class name when it loads a model; nothing outside {@code nlu} should use them.
 */
@NullMarked
package org.supportbot.nlu.features;

import org.jspecify.annotations.NullMarked;
