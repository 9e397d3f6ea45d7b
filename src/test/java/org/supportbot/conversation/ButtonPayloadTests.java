package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ButtonPayloadTests {

    @Test
    void readsEachKindOfButton() {
        assertThat(ButtonPayload.parse("intent:order_status")).isEqualTo(new ButtonPayload.Intent("order_status"));
        assertThat(ButtonPayload.parse("choice:delivery_address_change")).isEqualTo(new ButtonPayload.Choice("delivery_address_change"));
        assertThat(ButtonPayload.parse("feedback:yes:payment_methods")).isEqualTo(new ButtonPayload.Feedback(true, "payment_methods"));
        assertThat(ButtonPayload.parse("feedback:no:payment_methods")).isEqualTo(new ButtonPayload.Feedback(false, "payment_methods"));
        assertThat(ButtonPayload.parse("csat:4711:5")).isEqualTo(new ButtonPayload.Rating(4711, 5));
        assertThat(ButtonPayload.parse("handoff:cancel")).isEqualTo(new ButtonPayload.CancelWaiting());
    }

    @Test
    void writesWhatItReads() {
        for (var payload : List.of("intent:order_status", "choice:human_operator", "feedback:yes:order_status", "feedback:no:thanks",
                "csat:1:1", "csat:9223372036854775807:5", "handoff:cancel", "something:else")) {
            assertThat(ButtonPayload.parse(payload).wire()).isEqualTo(payload);
        }
    }

    @Test
    void keepsTheWireFormatThatChannelsAndSentButtonsUse() {
        assertThat(ConversationEngine.INTENT_PAYLOAD).isEqualTo("intent:");
        assertThat(ConversationEngine.CHOICE_PAYLOAD).isEqualTo("choice:");
        assertThat(ConversationEngine.FEEDBACK_PAYLOAD).isEqualTo("feedback:");
        assertThat(ConversationEngine.CSAT_PAYLOAD).isEqualTo("csat:");
        assertThat(ConversationEngine.CANCEL_WAITING_PAYLOAD).isEqualTo("handoff:cancel");
        assertThat(new ButtonPayload.Intent("order_status").wire()).isEqualTo("intent:order_status");
        assertThat(new ButtonPayload.Choice("order_cancel").wire()).isEqualTo("choice:order_cancel");
        assertThat(new ButtonPayload.Feedback(true, "order_status").wire()).isEqualTo("feedback:yes:order_status");
        assertThat(new ButtonPayload.Feedback(false, "order_status").wire()).isEqualTo("feedback:no:order_status");
        assertThat(new ButtonPayload.Rating(12, 3).wire()).isEqualTo("csat:12:3");
        assertThat(new ButtonPayload.CancelWaiting().wire()).isEqualTo("handoff:cancel");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ":", "intent", "intent:", "choice:", "INTENT:order_status", " intent:order_status", "topic:order_status",
            "handoff:", "handoff:cancel ", "handoff:cancelled", "HANDOFF:CANCEL", "csat", "csat:", "csat:12", "csat:12:", "csat::3", "csat:12:3:4",
            "csat:a:3", "csat:12:x", "csat:1.5:3", "csat:12:3.0", "csat: 12:3", "csat:12:3 ", "csat:0x10:3", "csat:12:1e1",
            "csat:99999999999999999999:3", "csat:12:99999999999", "csat:12:2147483648", "csat:9223372036854775808:1"})
    void readsAnythingElseAsAButtonThatNoLongerWorks(String payload) {
        assertThat(ButtonPayload.parse(payload)).isEqualTo(new ButtonPayload.Unknown(payload));
    }

    @Test
    void readsTheRestAfterTheIntentPrefixAsTheIntentAsBefore() {
        // No intent has such a name: the knowledge base does not know it, and the button no longer works.
        assertThat(ButtonPayload.parse("intent:order_status:extra")).isEqualTo(new ButtonPayload.Intent("order_status:extra"));
        assertThat(ButtonPayload.parse("choice: ")).isEqualTo(new ButtonPayload.Choice(" "));
    }

    @Test
    void readsEveryFeedbackButtonAsAnAnswerOnlyYesBeingHelpful() {
        assertThat(ButtonPayload.parse("feedback:")).isEqualTo(new ButtonPayload.Feedback(false, null));
        assertThat(ButtonPayload.parse("feedback:yes")).isEqualTo(new ButtonPayload.Feedback(true, null));
        assertThat(ButtonPayload.parse("feedback:yes:")).isEqualTo(new ButtonPayload.Feedback(true, ""));
        assertThat(ButtonPayload.parse("feedback:YES:order_status")).isEqualTo(new ButtonPayload.Feedback(false, "order_status"));
        assertThat(ButtonPayload.parse("feedback:maybe:a:b")).isEqualTo(new ButtonPayload.Feedback(false, "a:b"));
        assertThat(ButtonPayload.parse("feedback::order_status")).isEqualTo(new ButtonPayload.Feedback(false, "order_status"));
    }

    @Test
    void leavesTheRangeOfARatingToTheTicketsWhichRefuseItAsBefore() {
        assertThat(ButtonPayload.parse("csat:12:0")).isEqualTo(new ButtonPayload.Rating(12, 0));
        assertThat(ButtonPayload.parse("csat:12:-1")).isEqualTo(new ButtonPayload.Rating(12, -1));
        assertThat(ButtonPayload.parse("csat:-12:2147483647")).isEqualTo(new ButtonPayload.Rating(-12, Integer.MAX_VALUE));
        assertThat(ButtonPayload.parse("csat:9223372036854775807:5")).isEqualTo(new ButtonPayload.Rating(Long.MAX_VALUE, 5));
    }

    @Test
    void refusesATopicButtonWithoutAnIntent() {
        assertThatThrownBy(() -> new ButtonPayload.Intent("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ButtonPayload.Choice("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ButtonPayload.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
