/**
 * The edge: what every request to a public endpoint passes before a controller sees it. Bodies of
 * {@code /api/chat/**}, {@code /api/nlu/parse}, {@code /telegram/webhook} and {@code /vk/callback}
 * over {@code supportbot.limits.max-body} (64 KB) get 413 before they are read; floods from one
 * client address get 429 with {@code Retry-After} ({@code supportbot.limits.*}).
 *
 * <p>{@link org.supportbot.edge.ClientAddresses} tells other modules (the operator sign-in
 * throttle) which address a request came from, honouring {@code X-Forwarded-For} only behind a
 * proxy ({@code supportbot.limits.behind-proxy=true}).
 */
@NullMarked
package org.supportbot.edge;

import org.jspecify.annotations.NullMarked;
