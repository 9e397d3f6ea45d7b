/**
 * Storage on MongoDB through the official driver: the connection (or, without
 * {@code MONGODB_URI}, an embedded MongoDB-wire server with its data under the data folder),
 * the inbox of received platform updates and the outbox of replies to deliver.
 *
 * <p>Entry points: {@link org.supportbot.store.Store}, {@link org.supportbot.store.Inbox},
 * {@link org.supportbot.store.Outbox}. Only single-document atomic operations are used: the
 * embedded server has no transactions, and they are also what scales on a replica set.
 */
@NullMarked
package org.supportbot.store;

import org.jspecify.annotations.NullMarked;
