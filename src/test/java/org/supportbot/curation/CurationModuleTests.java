package org.supportbot.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.supportbot.conversation.QuestionMissed;
import org.supportbot.knowledge.Language;
import org.supportbot.nlu.IntentScore;

/** The curation module with what it depends on: it collects the events other modules publish. */
@org.springframework.context.annotation.Import(org.supportbot.NoTransactions.class)
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
class CurationModuleTests {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    Curation curation;

    @Test
    void collectsAMissedQuestionOnceMaskedAndOnOneLine() {
        var marker = "трансфер" + UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "");
        var event = new QuestionMissed("test:" + UUID.randomUUID() + "#escalated", "test:1", Language.RU,
                "нужен " + marker + " до аэропорта,\nмой телефон +7 912 345-67-89", QuestionMissed.Kind.ESCALATED,
                List.of(new IntentScore("oos", 0.9)), null, null, Instant.now());

        events.publishEvent(event);
        events.publishEvent(event); // a turn taken again after a crash

        var suggestion = curation.suggestions().stream().filter(s -> s.examples().stream().anyMatch(e -> e.text().contains(marker))).toList();
        assertThat(suggestion).singleElement().satisfies(s -> {
            assertThat(s.volume()).isEqualTo(1);
            assertThat(s.examples()).singleElement().satisfies(e -> assertThat(e.text()).isEqualTo("нужен " + marker + " до аэропорта, мой телефон [phone]"));
            assertThat(s.kinds()).containsEntry("escalated", 1);
        });
    }
}
