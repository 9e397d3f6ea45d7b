/**
 * Commands for editors and operations, run as {@code java -jar support-bot.jar COMMAND}:
 * {@code validate}, {@code evaluate} (and its quality gate, {@code evaluate --gate}), {@code suggest}, {@code chat}.
 *
 * <p>Entry point: {@link org.supportbot.cli.CommandLine}.
 */
@NullMarked
package org.supportbot.cli;

import org.jspecify.annotations.NullMarked;
