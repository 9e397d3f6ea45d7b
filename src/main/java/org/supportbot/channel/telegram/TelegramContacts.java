package org.supportbot.channel.telegram;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.supportbot.conversation.InboundMessage;
import org.supportbot.conversation.OutboundMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardRow;

/**
 * Phone numbers shared with Telegram's contact button, both ways: the reply keyboard that asks for
 * one ({@link OutboundMessage.Button#SHARE_CONTACT}), and {@code message.contact} read back. A
 * contact is the customer's own — Telegram-verified — only when its {@code user_id} is the sender's:
 * a forwarded contact card of someone else has another or none.
 */
final class TelegramContacts {

    private TelegramContacts() {
    }

    /** The shared contact of {@code message}, or null when it has none (or no number). */
    static InboundMessage.@Nullable Contact body(Message message) {
        var contact = message.getContact();
        if (contact == null || contact.getPhoneNumber() == null || contact.getPhoneNumber().isBlank()) {
            return null;
        }
        var from = message.getFrom();
        boolean own = from != null && contact.getUserId() != null && contact.getUserId().equals(from.getId());
        return new InboundMessage.Contact(contact.getPhoneNumber(), own);
    }

    /** Whether the buttons ask for the customer's phone: such a message gets a reply keyboard, not inline buttons. */
    static boolean asksForContact(List<OutboundMessage.Button> buttons) {
        return buttons.stream().anyMatch(b -> OutboundMessage.Button.SHARE_CONTACT.equals(b.payload()));
    }

    /** One "share my number" button under the input field, gone once pressed. */
    static ReplyKeyboardMarkup keyboard(List<OutboundMessage.Button> buttons) {
        var label = buttons.stream().filter(b -> OutboundMessage.Button.SHARE_CONTACT.equals(b.payload()))
                .map(OutboundMessage.Button::label).findFirst().orElseThrow();
        return ReplyKeyboardMarkup.builder()
                .keyboardRow(new KeyboardRow(KeyboardButton.builder().text(label).requestContact(true).build()))
                .resizeKeyboard(true)
                .oneTimeKeyboard(true)
                .build();
    }
}
