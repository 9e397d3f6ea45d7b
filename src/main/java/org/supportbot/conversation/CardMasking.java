package org.supportbot.conversation;

import org.supportbot.privacy.CardNumbers;

/** Customer text with card numbers masked ({@link CardNumbers}), as it enters the conversation: nothing stores the digits. */
final class CardMasking {

    private CardMasking() {
    }

    /** The message with its text or caption masked; the same message when there was nothing to mask. */
    static InboundMessage masked(InboundMessage message) {
        InboundMessage.Body body = message.body();
        if (body instanceof InboundMessage.Text text) {
            var masked = CardNumbers.mask(text.text());
            body = masked.equals(text.text()) ? body : new InboundMessage.Text(masked);
        } else if (body instanceof InboundMessage.NonText nonText && nonText.caption() != null) {
            var masked = CardNumbers.mask(nonText.caption());
            body = masked.equals(nonText.caption()) ? body : new InboundMessage.NonText(nonText.kind(), masked);
        }
        return body == message.body() ? message : new InboundMessage(message.conversation(), message.customerName(), body, message.languageHint());
    }
}
