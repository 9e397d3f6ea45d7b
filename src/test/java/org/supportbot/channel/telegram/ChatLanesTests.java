package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.Message;

class ChatLanesTests {

    private final ChatLanes lanes = new ChatLanes(4);

    @AfterEach
    void close() {
        lanes.close();
    }

    private static TelegramApi.Polled update(long updateId, long chatId) {
        var message = new Message();
        message.setMessageId((int) updateId);
        message.setChat(new Chat(chatId, "private"));
        message.setText("#" + updateId);
        var update = new Update();
        update.setUpdateId((int) updateId);
        update.setMessage(message);
        return new TelegramApi.Polled(updateId, update);
    }

    /** Ten chats, their updates interleaved the way Telegram sends them. */
    private static List<TelegramApi.Polled> interleaved(int chats, int each) {
        var batch = new ArrayList<TelegramApi.Polled>();
        long id = 1000;
        for (int i = 0; i < each; i++) {
            for (int chat = 0; chat < chats; chat++) {
                batch.add(update(id++, 500 + chat));
            }
        }
        return batch;
    }

    @Test
    void handlesChatsAtTheSameTimeButEachChatsUpdatesInOrder() {
        var seen = new ConcurrentHashMap<Long, List<Long>>();
        var inside = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        var failure = lanes.accept(interleaved(10, 10), update -> {
            mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
            seen.computeIfAbsent(update.getMessage().getChatId(), chat -> Collections.synchronizedList(new ArrayList<>()))
                    .add((long) update.getUpdateId());
            LockSupport.parkNanos(2_000_000); // a store round trip
            inside.decrementAndGet();
        }, () -> true);

        assertThat(failure).isNull();
        assertThat(seen).hasSize(10);
        assertThat(seen.values()).allSatisfy(ids -> assertThat(ids).hasSize(10).isSorted());
        assertThat(mostAtOnce.get()).as("chats handled at the same time").isBetween(2, 4);
    }

    @Test
    void stopsAChatAtItsFirstFailureAndNamesTheEarliestFailureOfTheBatch() {
        var accepted = ConcurrentHashMap.<Long>newKeySet();
        var batch = interleaved(3, 4); // chat 500: 1000, 1003, 1006, 1009; 501: 1001, 1004, ...; 502: 1002, 1005, ...
        var failure = lanes.accept(batch, update -> {
            long id = update.getUpdateId();
            if (id == 1003 || id == 1008) {
                throw new IllegalArgumentException("cannot handle " + id);
            }
            accepted.add(id);
        }, () -> true);

        assertThat(failure).isNotNull();
        assertThat(failure.updateId()).isEqualTo(1003);
        assertThat(failure.error()).hasMessage("cannot handle 1003");
        assertThat(accepted).as("nothing of a chat overtakes its failed update")
                .contains(1000L).doesNotContain(1006L, 1009L)
                .contains(1001L, 1004L, 1007L, 1010L) // a chat without failures goes on
                .contains(1002L, 1005L).doesNotContain(1011L);
    }

    @Test
    void handsNothingMoreOverOnceStopped() {
        var accepted = new AtomicInteger();
        var failure = lanes.accept(interleaved(5, 2), update -> accepted.incrementAndGet(), () -> false);

        assertThat(accepted.get()).isZero();
        assertThat(failure).isNotNull();
        assertThat(failure.updateId()).isEqualTo(1000);
    }

    @Test
    void passesOverUpdatesItCannotReadAndAcceptsAnEmptyBatch() {
        var accepted = new AtomicInteger();
        var batch = List.of(new TelegramApi.Polled(1, null), update(2, 500));
        assertThat(lanes.accept(batch, update -> accepted.incrementAndGet(), () -> true)).isNull();
        assertThat(lanes.accept(List.of(), update -> accepted.incrementAndGet(), () -> true)).isNull();
        assertThat(accepted.get()).isEqualTo(1);
    }

    @Test
    void aSingleLaneHandlesTheBatchOnTheCallersThreadChatByChat() {
        var order = new ArrayList<Long>();
        var threads = ConcurrentHashMap.<Thread>newKeySet();
        try (var single = new ChatLanes(1)) {
            assertThat(single.accept(interleaved(3, 3), update -> {
                threads.add(Thread.currentThread());
                order.add((long) update.getUpdateId());
            }, () -> true)).isNull();
        }
        assertThat(order).containsExactly(1000L, 1003L, 1006L, 1001L, 1004L, 1007L, 1002L, 1005L, 1008L);
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void refusesFewerThanOneLane() {
        assertThatThrownBy(() -> new ChatLanes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void groupsUpdatesByTheChatTheyBelongTo() {
        assertThat(TelegramUpdates.chatOf(update(1, 77).update())).isEqualTo("chat:77");
        assertThat(TelegramUpdates.chatOf(new Update())).isEqualTo("other");
    }
}
