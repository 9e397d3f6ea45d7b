package org.supportbot.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.supportbot.MovableClock;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.OperatorTyping;

class WebTypingTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final WebTyping typing = new WebTyping(clock);
    private final ConversationId chat = ConversationId.parse("web:0123456789abcdef");

    @Test
    void showsTheOperatorTypingForSixSecondsAfterTheLastNotice() {
        assertThat(typing.typing(chat, null)).as("nobody typed yet").isFalse();

        typing.on(new OperatorTyping(chat));
        clock.advance(Duration.ofMillis(5999));
        assertThat(typing.typing(chat, null)).isTrue();

        clock.advance(Duration.ofMillis(1));
        assertThat(typing.typing(chat, null)).as("the notice has run out").isFalse();
    }

    @Test
    void aNewNoticeKeepsItShowing() {
        typing.on(new OperatorTyping(chat));
        clock.advance(Duration.ofSeconds(4));
        typing.on(new OperatorTyping(chat));
        clock.advance(Duration.ofSeconds(4));

        assertThat(typing.typing(chat, null)).isTrue();
    }

    @Test
    void theOperatorsMessageEndsItButAnOlderOneDoesNot() {
        var before = clock.instant().minusSeconds(30);
        typing.on(new OperatorTyping(chat));
        clock.advance(Duration.ofSeconds(2));

        assertThat(typing.typing(chat, before)).as("a reply from before the typing").isTrue();
        assertThat(typing.typing(chat, clock.instant())).as("the reply has come").isFalse();
        assertThat(typing.typing(chat, null)).as("and stays ended").isFalse();
    }

    @Test
    void ignoresOtherChannelsAndOtherChats() {
        typing.on(new OperatorTyping(ConversationId.parse("telegram:42")));
        typing.on(new OperatorTyping(ConversationId.parse("web:fedcba9876543210")));

        assertThat(typing.typing(chat, null)).isFalse();
        assertThat(typing.typing(ConversationId.parse("web:fedcba9876543210"), null)).isTrue();
    }
}
