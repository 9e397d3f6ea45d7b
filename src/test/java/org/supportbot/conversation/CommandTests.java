package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandTests {

    @Test
    void readsEachCommand() {
        assertThat(Command.parse("/start")).isEqualTo(Command.START);
        assertThat(Command.parse("/help")).isEqualTo(Command.HELP);
        assertThat(Command.parse("/operator")).isEqualTo(Command.OPERATOR);
        assertThat(Command.parse("/bot")).isEqualTo(Command.BACK_TO_BOT);
        assertThat(Command.parse("/cancel")).isEqualTo(Command.BACK_TO_BOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/start", "/START", "/Start", "  /start \n", "/start@SupportBot", "/start@supportbot please", "/start please",
            "/start\tplease", "/start\nplease", "/start\rplease", "/start\u000Bplease", "/start\fplease", "/start\u2003"})
    void readsTheFirstWordInAnyCaseWithOrWithoutTheBotsName(String text) {
        assertThat(Command.parse(text)).isEqualTo(Command.START);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "start", "hello /start", "/", "//start", "/@start", "/startnow", "/start-now", "/start,", "@Bot /start",
            "/unknown", "/operators", "/cancel_order", "/bot.", "/start\u00A0please"})
    void readsAnythingElseAsWords(String text) {
        assertThat(Command.parse(text)).isNull();
    }

    @Test
    void readsAHugeMessageStartingWithACommand() {
        assertThat(Command.parse("/operator " + "x".repeat(100_000))).isEqualTo(Command.OPERATOR);
        assertThat(Command.parse("/operator@" + "x".repeat(100_000))).isEqualTo(Command.OPERATOR);
        assertThat(Command.parse("/" + "x".repeat(100_000))).isNull();
    }
}
