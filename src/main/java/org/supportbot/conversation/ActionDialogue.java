package org.supportbot.conversation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.supportbot.actions.StoreAction;
import org.supportbot.actions.StoreActions;
import org.supportbot.knowledge.MessageKey;
import org.supportbot.nlu.Decision;
import org.supportbot.nlu.EntityFinder;
import org.supportbot.nlu.IntentRecognizer;

/**
 * Slot filling for store actions ({@code actions/*.yaml}): starts an action when its intent is
 * understood, takes the slot values from the customer's words («где мой заказ 48213», or «48213»,
 * «номер 48213» when asked), asks for what is missing, and hands a filled action to
 * {@link ActionSteps} (verification, confirmation, the call). A customer who changes the subject
 * leaves the action; «отмена» cancels it. A value that does not fit its slot's pattern is asked for
 * again and never sent to the store.
 */
@Component
class ActionDialogue {

    /** Whole messages that cancel the action in progress. */
    private static final Set<String> CANCEL_WORDS = Set.of("отмена", "отменить", "отмени", "стоп", "не надо", "cancel", "stop", "never mind");

    private final StoreActions actions;
    private final EntityFinder entities;
    private final IntentRecognizer nlu;
    private final ActionSteps steps;
    private final HandOver handOver;
    private final Wording wording;

    ActionDialogue(StoreActions actions, EntityFinder entities, IntentRecognizer nlu, ActionSteps steps, HandOver handOver, Wording wording) {
        this.actions = actions;
        this.entities = entities;
        this.nlu = nlu;
        this.steps = steps;
        this.handOver = handOver;
        this.wording = wording;
    }

    /**
     * Starts the action {@code intent} triggers, if one is on, with what {@code text} already says.
     *
     * @return whether an action took the turn (otherwise answer as usual)
     */
    boolean start(Turn turn, String intent, String text) {
        var action = actions.forIntent(intent).orElse(null);
        if (action == null) {
            return false;
        }
        var conversation = turn.conversation;
        conversation.action = action.name();
        conversation.actionSlots.clear();
        conversation.actionTries = 0;
        conversation.learnt.clear();
        conversation.failures = 0;
        for (var slot : action.slots()) {
            var value = valueIn(slot, text, false);
            if (value != null) {
                conversation.actionSlots.put(slot.name(), value);
            }
        }
        advance(turn, action);
        return true;
    }

    /**
     * Continues the action in progress with the customer's message.
     *
     * @return whether the action took the turn; false when the customer left it (it is over then)
     */
    boolean resume(Turn turn, InboundMessage.Body body, @Nullable Command command, @Nullable ButtonPayload button) {
        var conversation = turn.conversation;
        var action = conversation.action == null ? null : actions.named(conversation.action).orElse(null);
        if (action == null || command != null) {
            end(conversation);
            return false;
        }
        if (body instanceof InboundMessage.Contact contact) {
            steps.contact(turn, action, contact);
            return true;
        }
        if (button instanceof ButtonPayload.ActionConfirm confirm) {
            steps.confirmed(turn, action, confirm.yes());
            return true;
        }
        if (!(body instanceof InboundMessage.Text text)) {
            end(conversation); // another button, a photo…: the customer moved on
            return false;
        }
        var words = text.text().strip();
        if (CANCEL_WORDS.contains(words.toLowerCase(Locale.ROOT).replaceAll("[.!]+$", ""))) {
            end(conversation);
            wording.say(turn, MessageKey.ACTION_LEFT, List.of());
            return true;
        }
        var step = conversation.actionStep == null ? "" : conversation.actionStep;
        if (step.startsWith("slot:")) {
            return fill(turn, action, step.substring("slot:".length()), words);
        }
        if (step.equals("verify") && steps.digits(turn, action, words)) {
            return true;
        }
        if (changedSubject(action, words)) {
            end(conversation);
            return false;
        }
        steps.repeat(turn, action);
        return true;
    }

    /** An e-mail the customer typed: linked to them by {@link CustomerVerified} (kind {@code email}). */
    void noticeEmail(Turn turn, String text) {
        for (var entity : entities.find(text)) {
            if (entity.type().equals("email")) {
                steps.email(turn, entity.text().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** A contact shared while no action runs: the customer's own number is remembered for later orders. */
    void contact(Turn turn, InboundMessage.Contact contact) {
        steps.contact(turn, null, contact);
    }

    private boolean fill(Turn turn, StoreAction action, String slotName, String words) {
        var conversation = turn.conversation;
        var slot = action.slots().stream().filter(s -> s.name().equals(slotName)).findFirst().orElse(null);
        if (slot == null) {
            end(conversation);
            return false;
        }
        var value = valueIn(slot, words, true);
        if (value != null) {
            conversation.actionSlots.put(slot.name(), value);
            conversation.actionTries = 0;
            advance(turn, action);
            return true;
        }
        if (changedSubject(action, words)) {
            end(conversation);
            return false;
        }
        conversation.actionTries++;
        if (conversation.actionTries >= slot.tries()) {
            end(conversation);
            handOver.handOver(turn, Decision.Reason.REPEATED_FAILURE, action.intent());
            return true;
        }
        wording.say(turn, actions.render(slot.retry(), conversation.language, Map.of()));
        return true;
    }

    /** Asks for the next missing slot, or goes on to verification once all are filled. */
    private void advance(Turn turn, StoreAction action) {
        var conversation = turn.conversation;
        for (var slot : action.slots()) {
            if (!conversation.actionSlots.containsKey(slot.name())) {
                conversation.actionStep = "slot:" + slot.name();
                conversation.actionTries = 0;
                wording.say(turn, actions.render(slot.ask(), conversation.language, Map.of()));
                return;
            }
        }
        conversation.learnt.putAll(conversation.actionSlots);
        steps.filled(turn, action);
    }

    /**
     * A value for {@code slot} in {@code text}: the slot's entity, else (when the bot asked for it)
     * the whole message; only if it fits the slot's pattern.
     */
    private @Nullable String valueIn(StoreAction.Slot slot, String text, boolean asked) {
        if (slot.entity() != null) {
            for (var entity : entities.find(text)) {
                if (entity.type().equals(slot.entity())) {
                    var value = entity.text().startsWith("#") ? entity.text().substring(1) : entity.text();
                    if (slot.accepts(value)) {
                        return value;
                    }
                }
            }
        }
        var whole = text.strip();
        return asked && slot.accepts(whole) ? whole : null;
    }

    /** Whether the customer now asks about something else, confidently enough to answer it. */
    private boolean changedSubject(StoreAction action, String words) {
        var decision = nlu.parse(words).decision();
        return decision instanceof Decision.Answer answer && !answer.intent().equals(action.intent())
                || decision instanceof Decision.Escalate escalate && escalate.reason() == Decision.Reason.INTENT_NEEDS_PERSON;
    }

    static void end(ConversationState conversation) {
        conversation.action = null;
        conversation.actionStep = null;
        conversation.actionSlots.clear();
        conversation.actionTries = 0;
    }
}
