package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.supportbot.actions.StoreActions;

/** Without {@code SUPPORTBOT_STORE_API_URL} the order intents keep their static answers, exactly as before actions. */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
class StoreActionsOffTests {

    @Autowired
    ConversationEngine engine;
    @Autowired
    StoreActions actions;

    @Test
    void answersWhereIsMyOrderFromTheKnowledgeBaseWhenNoStoreIsConfigured() {
        var id = new ConversationId("web", "actions-off-" + System.nanoTime());

        var replies = engine.handle(new InboundMessage(id, null, new InboundMessage.Text("где мой заказ 48213?")));

        assertThat(actions.forIntent("order_status")).isEmpty();
        assertThat(actions.named("order_status")).isPresent();
        assertThat(replies).singleElement().satisfies(reply -> assertThat(reply.text()).contains("Мои заказы").doesNotContain("4 цифры"));
    }
}
