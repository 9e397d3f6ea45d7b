package org.supportbot.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskedIdTests {

    @Test
    void showsTheFirstTwoDigitsOnly() {
        assertThat(MaskedId.of(424_242_424L)).isEqualTo("42***");
        assertThat(MaskedId.of(7)).isEqualTo("7***");
        assertThat(MaskedId.of(-1_001_234_567_890L)).isEqualTo("-1***");
    }
}
