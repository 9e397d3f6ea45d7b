package org.supportbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

@org.springframework.context.annotation.Import(org.supportbot.NoTransactions.class)
@ApplicationModuleTest
class KnowledgeModuleTests {

    @Autowired
    KnowledgeBase knowledge;

    @Test
    void announcesReloadedContent(Scenario scenario) {
        scenario.stimulate(() -> knowledge.reload())
                .andWaitForEventOfType(ContentChanged.class)
                .toArriveAndVerify(event -> {
                    assertThat(event.content()).isSameAs(knowledge.content());
                    assertThat(event.content().intents()).containsKeys("order_status", "human_operator", "oos");
                });
    }
}
