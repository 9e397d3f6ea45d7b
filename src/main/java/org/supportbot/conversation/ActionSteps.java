package org.supportbot.conversation;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.supportbot.actions.StoreAction;
import org.supportbot.actions.StoreActions;
import org.supportbot.actions.StoreReply;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.MessageKey;
import org.supportbot.knowledge.Reply;
import org.supportbot.nlu.Decision;

/**
 * A filled store action from verification to its answer. Nothing about an order reaches a customer
 * who has not proved it is theirs — by a phone Telegram vouches for, or the last four digits of the
 * order's phone — and a wrong phone and an unknown order look alike. Wrong tries end in a polite
 * refusal and a hand-over; a store that does not answer ends in an apology and a hand-over, with
 * what the action learnt on the ticket.
 */
@Component
class ActionSteps {

    private static final Pattern FOUR_DIGITS = Pattern.compile("(?<!\\d)\\d{4}(?!\\d)");
    private static final Pattern PHONE = Pattern.compile("(?<!\\d)[+\\d][\\d\\s()-]{9,18}\\d(?!\\d)");

    private final StoreActions actions;
    private final KnowledgeBase knowledge;
    private final HandOver handOver;
    private final Wording wording;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ActionSteps(StoreActions actions, KnowledgeBase knowledge, HandOver handOver, Wording wording, ApplicationEventPublisher events, Clock clock) {
        this.actions = actions;
        this.knowledge = knowledge;
        this.handOver = handOver;
        this.wording = wording;
        this.events = events;
        this.clock = clock;
    }

    /** Every slot is filled: verify (with a phone proved earlier, if any), confirm, or act. */
    void filled(Turn turn, StoreAction action) {
        var conversation = turn.conversation;
        if (action.verifyField() == null) {
            verified(turn, action, null);
            return;
        }
        conversation.learnt.put("verified", "no");
        if (conversation.verifiedPhone != null) {
            var reply = actions.lookup(action, conversation.actionSlots);
            if (reply instanceof StoreReply.Unavailable) {
                fail(turn, action);
                return;
            }
            if (reply instanceof StoreReply.Found found && matches(found, action, conversation.verifiedPhone)) {
                verified(turn, action, found);
                return;
            }
        }
        askToVerify(turn, action);
    }

    /** The customer shared a contact: their own proves their phone (and may verify the order); another's counts as a wrong try. */
    void contact(Turn turn, @Nullable StoreAction action, InboundMessage.Contact contact) {
        var conversation = turn.conversation;
        if (!contact.own()) {
            if (action != null && "verify".equals(conversation.actionStep)) {
                wrong(turn, action, MessageKey.ACTION_NOT_OWN_CONTACT);
            } else {
                wording.say(turn, MessageKey.ACTION_NOT_OWN_CONTACT, List.of());
            }
            return;
        }
        var phone = contact.phone().replaceAll("\\D", "");
        conversation.verifiedPhone = phone;
        var event = new CustomerVerified(conversation.id.toString(), "phone", phone, clock.instant());
        turn.afterward.add(() -> events.publishEvent(event));
        if (action == null) {
            wording.say(turn, MessageKey.ACTION_PHONE_SAVED, List.of());
        } else if ("verify".equals(conversation.actionStep)) {
            check(turn, action, phone);
        } else {
            repeat(turn, action);
        }
    }

    void email(Turn turn, String email) {
        var event = new CustomerVerified(turn.conversation.id.toString(), "email", email, clock.instant());
        turn.afterward.add(() -> events.publishEvent(event));
    }

    /** The customer typed something while asked for digits: the digits or a full phone are checked; false when there are none. */
    boolean digits(Turn turn, StoreAction action, String words) {
        var phone = PHONE.matcher(words);
        var four = FOUR_DIGITS.matcher(words);
        if (phone.find()) {
            check(turn, action, phone.group().replaceAll("\\D", ""));
        } else if (four.find()) {
            check(turn, action, four.group());
        } else {
            return false;
        }
        return true;
    }

    /** Asks again for what the current step needs. */
    void repeat(Turn turn, StoreAction action) {
        var conversation = turn.conversation;
        var step = conversation.actionStep == null ? "" : conversation.actionStep;
        if (step.equals("verify")) {
            askToVerify(turn, action);
        } else if (step.equals("confirm") && action.confirm() != null) {
            var reply = actions.lookup(action, conversation.actionSlots);
            if (reply instanceof StoreReply.Found found) {
                askToConfirm(turn, action, data(found.data(), conversation));
            } else {
                fail(turn, action);
            }
        } else {
            for (var slot : action.slots()) {
                if (step.equals("slot:" + slot.name())) {
                    wording.say(turn, actions.render(slot.retry(), conversation.language, Map.of()));
                }
            }
        }
    }

    /** The answer to the question before the change. */
    void confirmed(Turn turn, StoreAction action, boolean yes) {
        var conversation = turn.conversation;
        if (!"confirm".equals(conversation.actionStep)) {
            wording.say(turn, MessageKey.UNKNOWN_BUTTON, List.of()); // an old question's button
            return;
        }
        var slots = Map.copyOf(conversation.actionSlots);
        ActionDialogue.end(conversation);
        if (!yes) {
            say(turn, action, StoreAction.Say.DECLINED, data(Map.of(), slots), false);
            return;
        }
        var reply = actions.perform(action, slots);
        if (reply instanceof StoreReply.Found found) {
            conversation.learnt.putAll(actions.learnt(action, data(found.data(), slots)));
            say(turn, action, StoreAction.Say.ANSWER, data(found.data(), slots), true);
        } else if (reply instanceof StoreReply.Rejected rejected) {
            say(turn, action, StoreAction.Say.REJECTED, data(rejected.data(), slots), true);
        } else {
            conversation.actionSlots.putAll(slots);
            fail(turn, action);
        }
    }

    private void check(Turn turn, StoreAction action, String digits) {
        var conversation = turn.conversation;
        if (actions.proofLocked(action, conversation.actionSlots)) {
            wrong(turn, action, null); // guessed at too often: refused without asking the store, in the same words
            return;
        }
        var reply = actions.lookup(action, conversation.actionSlots);
        if (reply instanceof StoreReply.Unavailable) {
            fail(turn, action);
        } else if (reply instanceof StoreReply.Found found && matches(found, action, digits)) {
            verified(turn, action, found);
        } else {
            wrong(turn, action, null); // no such order, or not this phone: the same words either way
        }
    }

    private void verified(Turn turn, StoreAction action, StoreReply.@Nullable Found found) {
        var conversation = turn.conversation;
        if (found == null) {
            var reply = actions.lookup(action, conversation.actionSlots);
            if (!(reply instanceof StoreReply.Found lookedUp)) {
                fail(turn, action);
                return;
            }
            found = lookedUp;
        }
        if (action.verifyField() != null) {
            conversation.learnt.put("verified", "yes");
        }
        var data = data(found.data(), conversation);
        conversation.learnt.putAll(actions.learnt(action, data));
        conversation.actionTries = 0;
        if (action.confirm() != null) {
            askToConfirm(turn, action, data);
            return;
        }
        ActionDialogue.end(conversation);
        say(turn, action, StoreAction.Say.ANSWER, data, true);
    }

    private void askToVerify(Turn turn, StoreAction action) {
        var conversation = turn.conversation;
        conversation.actionStep = "verify";
        var values = Map.of("order", conversation.actionSlots.getOrDefault("order", ""));
        if (conversation.id.channel().equals("telegram") && conversation.verifiedPhone == null) {
            var text = wording.text(conversation, MessageKey.ACTION_VERIFY_CONTACT, values);
            var button = new OutboundMessage.Button(knowledge.label(MessageKey.BUTTON_SHARE_PHONE, conversation.language), OutboundMessage.Button.SHARE_CONTACT);
            turn.replies.add(new OutboundMessage(conversation.id, text, List.of(button)));
        } else {
            wording.say(turn, MessageKey.ACTION_VERIFY, values, List.of());
        }
    }

    private void askToConfirm(Turn turn, StoreAction action, Map<String, Object> data) {
        var conversation = turn.conversation;
        var confirm = action.confirm();
        conversation.actionStep = "confirm";
        var language = conversation.language;
        turn.replies.add(new OutboundMessage(conversation.id, actions.render(confirm.question(), language, data), List.of(
                new OutboundMessage.Button(actions.render(confirm.yes(), language, Map.of()), new ButtonPayload.ActionConfirm(true).wire()),
                new OutboundMessage.Button(actions.render(confirm.no(), language, Map.of()), new ButtonPayload.ActionConfirm(false).wire()))));
    }

    /** A wrong try: said again with the same words as "no such order"; the last one refuses and hands over. */
    private void wrong(Turn turn, StoreAction action, @Nullable MessageKey why) {
        var conversation = turn.conversation;
        conversation.actionTries++;
        actions.wrongProof(action, conversation.actionSlots);
        var data = data(Map.of(), conversation);
        if (conversation.actionTries >= action.verifyTries()) {
            conversation.learnt.put("verified", "no");
            var lead = actions.say(action, StoreAction.Say.REFUSED, conversation.language, data);
            ActionDialogue.end(conversation);
            handOver.handOver(turn, Decision.Reason.REPEATED_FAILURE, action.intent(), lead);
            return;
        }
        if (why != null) {
            wording.say(turn, why, List.of());
        } else {
            wording.say(turn, actions.say(action, StoreAction.Say.NOT_VERIFIED, conversation.language, data));
        }
        if (conversation.id.channel().equals("telegram") && conversation.verifiedPhone == null) {
            askToVerify(turn, action);
        }
    }

    /** The store gave nothing usable: apologise and hand over, with what the action learnt. */
    private void fail(Turn turn, StoreAction action) {
        var conversation = turn.conversation;
        conversation.learnt.put("store", "unavailable");
        var lead = actions.say(action, StoreAction.Say.FAILURE, conversation.language, data(Map.of(), conversation));
        ActionDialogue.end(conversation);
        handOver.handOver(turn, Decision.Reason.INTENT_NEEDS_PERSON, action.intent(), lead.isBlank() ? null : lead);
    }

    private void say(Turn turn, StoreAction action, StoreAction.Say say, Map<String, Object> data, boolean buttons) {
        var language = turn.conversation.language;
        var text = actions.say(action, say, language, data);
        wording.answer(turn, new Reply(text, buttons ? knowledge.buttons(action.buttons(), language) : List.of()));
    }

    /** Whether the order's phone ends with {@code digits} (four digits, or a whole number compared by its last ten). */
    private static boolean matches(StoreReply.Found found, StoreAction action, String digits) {
        var field = found.data().get(action.verifyField());
        if (!(field instanceof String || field instanceof Number)) {
            return false;
        }
        var phone = field.toString().replaceAll("\\D", "");
        if (digits.length() == 4) {
            return phone.length() >= 4 && phone.endsWith(digits);
        }
        var tail = digits.length() > 10 ? digits.substring(digits.length() - 10) : digits;
        return tail.length() == 10 && phone.endsWith(tail);
    }

    private static Map<String, Object> data(Map<String, Object> response, ConversationState conversation) {
        return data(response, conversation.actionSlots);
    }

    private static Map<String, Object> data(Map<String, Object> response, Map<String, String> slots) {
        var data = new LinkedHashMap<String, Object>(response);
        data.putAll(slots);
        return data;
    }
}
