/**
 * Store actions: the bot asks the store's backend on the customer's behalf («где мой заказ 48213?»).
 * Editors describe each action in {@code actions/<name>.yaml}: the intent that starts it, the slots
 * it needs, the HTTP call, the verification rule and the answer templates (JMustache). This module
 * reads and checks those files (hot-reloaded with the rest of the content), makes the calls with
 * timeouts and a size cap, caches lookups briefly (Caffeine), and renders the answers; the
 * conversation module runs the dialogue (slot filling, verification) around it.
 *
 * <p>Entry point {@link org.supportbot.actions.StoreActions}.
 */
@NullMarked
package org.supportbot.actions;

import org.jspecify.annotations.NullMarked;
