package org.supportbot.handoff;

import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.supportbot.knowledge.IntentDefinition;
import org.supportbot.knowledge.KnowledgeBase;

/** Where a ticket goes: the queue its intent names, and whether it goes first (complaints). */
@Component
class Routing {

    private final KnowledgeBase knowledge;
    private final Operators operators;
    private final HandoffProperties settings;

    Routing(KnowledgeBase knowledge, Operators operators, HandoffProperties settings) {
        this.knowledge = knowledge;
        this.operators = operators;
        this.settings = settings;
    }

    /** Every queue: those the intents name, those operators serve, and {@value Handoff#DEFAULT_QUEUE}. */
    Set<String> queues() {
        var queues = new TreeSet<String>();
        queues.add(Handoff.DEFAULT_QUEUE);
        knowledge.content().intents().values().forEach(intent -> queues.add(intent.queue()));
        operators.all().forEach(operator -> queues.addAll(operator.queues()));
        return queues;
    }

    /** The queue an intent's tickets go to. */
    String queueOf(@Nullable String intent) {
        if (intent == null || IntentDefinition.OUT_OF_SCOPE.equals(intent)) {
            return Handoff.DEFAULT_QUEUE;
        }
        return knowledge.content().intent(intent).map(IntentDefinition::queue).filter(q -> !q.isBlank()).orElse(Handoff.DEFAULT_QUEUE);
    }

    /** A new ticket's priority: 1 for the intents served first ({@code supportbot.handoff.priority-intents}), else 0. */
    int priorityOf(@Nullable String intent) {
        return intent != null && settings.priorityIntents().contains(intent) ? 1 : 0;
    }
}
