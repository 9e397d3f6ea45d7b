package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.supportbot.knowledge.Content;
import org.supportbot.knowledge.ContentChanged;
import org.supportbot.knowledge.IntentDefinition;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;

@org.springframework.context.annotation.Import(org.supportbot.NoTransactions.class)
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
class NluModuleTests {

    @Autowired
    IntentRecognizer recognizer;

    @Autowired
    KnowledgeBase knowledge;

    @Test
    void learnsANewIntentWhenTheContentChanges(Scenario scenario) {
        var content = knowledge.content();
        var intents = new HashMap<>(content.intents());
        var examples = List.of("нужна подарочная упаковка", "можно упаковать в подарок", "упакуйте как подарок пожалуйста",
                "есть подарочная упаковка?", "хочу красиво упаковать подарок", "подарочная коробка есть", "упаковка подарка сколько стоит",
                "оформите заказ в подарочной упаковке", "подарочная упаковка для заказа", "завернуть в подарочную бумагу");
        intents.put("gift_wrap", new IntentDefinition("gift_wrap", Map.of(Language.RU, "Подарочная упаковка"), "orders", null, false,
                Map.of(Language.RU, examples)));
        var changed = new Content(intents, content.answers(), "0gift" + content.fingerprint());
        scenario.publish(new ContentChanged(changed))
                .andWaitForStateChange(() -> recognizer.intents().contains("gift_wrap"), Boolean::booleanValue)
                .andVerify(learned -> assertThat(recognizer.parse("нужна подарочная упаковка для заказа").intent()).isEqualTo("gift_wrap"));
    }
}
