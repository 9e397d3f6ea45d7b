package org.supportbot.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.supportbot.conversation.TranscriptEntry;
import org.supportbot.handoff.Ticket;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.nlu.IntentRecognizer;

/**
 * Answers an operator may start from: the knowledge-base answers of the intents the bot ranks
 * highest for the customer's latest messages, addressed to the customer by name.
 */
@Component
class ReplySuggestions {

    static final int MAX = 3;
    /** Below this the bot is guessing: such an answer would only distract the operator. */
    static final double MIN_CONFIDENCE = 0.15;
    /** How many of the customer's latest text messages are read. */
    private static final int LATEST = 3;
    /** Intents whose answers are small talk or the hand-over itself: never worth suggesting to a person. */
    private static final Set<String> NOT_SUGGESTED = Set.of("oos", "greeting", "goodbye", "thanks", "human_operator", "bot_capabilities");

    /** One suggestion: the intent, its title, how sure the bot is, and the answer text to edit. */
    record Suggestion(String intent, String title, double confidence, String text) {
    }

    private final IntentRecognizer nlu;
    private final KnowledgeBase knowledge;

    ReplySuggestions(IntentRecognizer nlu, KnowledgeBase knowledge) {
        this.nlu = nlu;
        this.knowledge = knowledge;
    }

    List<Suggestion> suggest(Ticket ticket, List<TranscriptEntry> transcript) {
        var scores = new LinkedHashMap<String, Double>();
        var customerTexts = new ArrayList<String>();
        for (int i = transcript.size() - 1; i >= 0 && customerTexts.size() < LATEST; i--) {
            var entry = transcript.get(i);
            if (entry.author().equals("customer") && !entry.text().startsWith("[") && !entry.text().startsWith("/")) {
                customerTexts.add(entry.text());
            }
        }
        for (var text : customerTexts) {
            for (var score : nlu.parse(text, ticket.language()).ranking()) {
                scores.merge(score.intent(), score.confidence(), Math::max);
            }
        }
        scores.values().removeIf(confidence -> confidence < MIN_CONFIDENCE);
        if (ticket.intent() != null) {
            scores.merge(ticket.intent(), 0.0, Math::max); // what the bot understood at the hand-over is worth offering
        }
        var suggestions = new ArrayList<Suggestion>();
        scores.entrySet().stream()
                .filter(e -> !NOT_SUGGESTED.contains(e.getKey()))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> {
                    if (suggestions.size() < MAX) {
                        knowledge.render(e.getKey(), ticket.language(), ticket.customerName()).ifPresent(reply -> suggestions.add(
                                new Suggestion(e.getKey(), knowledge.title(e.getKey(), ticket.language()), e.getValue(), reply.text())));
                    }
                });
        return suggestions;
    }
}
