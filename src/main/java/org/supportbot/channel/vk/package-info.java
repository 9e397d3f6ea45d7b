/**
 * The VK channel, for a community's messages: receives events through the Callback API
 * ({@code POST /vk/callback}) or Bots Long Poll (one instance at a time, under a lease in the
 * store), turns them into {@link org.supportbot.conversation.InboundMessage}s, and delivers the
 * replies through the outbox with {@code messages.send}, whose {@code random_id} makes a repeated
 * send harmless. On only when {@code VK_GROUP_TOKEN} and {@code VK_GROUP_ID} are set.
 *
 * <p>The VK API is spoken by a small client of our own over Spring's {@code RestClient}
 * ({@link org.supportbot.channel.vk.VkApi}): the official Java SDK is unmaintained and cannot be
 * pointed at a test server.
 */
@NullMarked
package org.supportbot.channel.vk;

import org.jspecify.annotations.NullMarked;
