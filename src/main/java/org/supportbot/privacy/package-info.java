/**
 * Customers' personal data under control (152-FZ, GDPR): erase a customer on request
 * ({@link org.supportbot.privacy.CustomerData#erase}), export what is kept about them
 * ({@link org.supportbot.privacy.CustomerData#export}), retention periods the housekeeping job
 * enforces, card numbers masked before customer text is stored ({@link org.supportbot.privacy.CardNumbers}),
 * and an audit entry, without content, for every erase and export.
 *
 * <p>Entry points: {@link org.supportbot.privacy.CustomerData}, {@link org.supportbot.privacy.CardNumbers}.
 * Before an erase it publishes {@link org.supportbot.privacy.CustomerErasing}: the conversation
 * module closes the customer's ticket (operators are told) and forgets what it holds in memory.
 */
@NullMarked
package org.supportbot.privacy;

import org.jspecify.annotations.NullMarked;
