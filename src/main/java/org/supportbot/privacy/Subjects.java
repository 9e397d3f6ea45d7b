package org.supportbot.privacy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who an erase or export is about: a conversation ({@code telegram:4242}, {@code vk:2000000001},
 * {@code web:…}), or a verified phone or e-mail, which name every conversation linked to it
 * ({@code verifiedPhone} on the conversation, {@code customer_links}).
 */
final class Subjects {

    private static final Pattern CONVERSATION = Pattern.compile("[a-z]{2,20}:[^\\s:]{1,200}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@:]+@[^\\s@:]+\\.[^\\s@:]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[\\d\\s().-]{7,25}");

    private Subjects() {
    }

    /**
     * The conversations {@code subject} names, as far as the store knows them (a conversation is
     * named even when nothing is stored of it: the erase then finds nothing).
     *
     * @throws IllegalArgumentException when it is neither a conversation, nor a phone, nor an e-mail
     */
    static List<String> conversations(MongoDatabase db, String subject) {
        check(subject);
        var text = subject.strip();
        if (EMAIL.matcher(text).matches()) {
            var email = text.toLowerCase(Locale.ROOT);
            return linked(db, Filters.eq("verifiedEmail", email), Filters.eq("email", email));
        }
        if (PHONE.matcher(text).matches()) {
            var digits = text.replaceAll("\\D", "");
            return linked(db, Filters.eq("verifiedPhone", digits), Filters.eq("phone", digits));
        }
        return List.of(text);
    }

    /** Throws unless {@code subject} is a conversation, a phone (10–15 digits) or an e-mail. */
    static void check(String subject) {
        var text = subject.strip();
        if (EMAIL.matcher(text).matches() || CONVERSATION.matcher(text).matches()) {
            return;
        }
        if (PHONE.matcher(text).matches()) {
            var digits = text.replaceAll("\\D", "").length();
            if (digits >= 10 && digits <= 15) {
                return;
            }
            throw new IllegalArgumentException("a phone number needs 10-15 digits with the country code, got '" + text + "'");
        }
        throw new IllegalArgumentException("'" + subject + "' is not a conversation (channel:chat, e.g. telegram:4242),"
                + " a phone with the country code, or an e-mail");
    }

    private static List<String> linked(MongoDatabase db, org.bson.conversions.Bson onConversation, org.bson.conversions.Bson onLink) {
        var found = new LinkedHashSet<String>();
        for (var doc : db.getCollection(PersonalCollections.CONVERSATIONS).find(onConversation).projection(Projections.include("_id"))) {
            found.add(doc.getString("_id"));
        }
        for (var link : db.getCollection(PersonalCollections.CUSTOMER_LINKS).find(onLink)) {
            found.addAll(link.getList("conversations", String.class, List.of()));
        }
        return List.copyOf(found);
    }

    /** The channel of a conversation id. */
    static String channel(String conversation) {
        return conversation.substring(0, conversation.indexOf(':'));
    }

    /** The chat of a conversation id. */
    static String chat(String conversation) {
        return conversation.substring(conversation.indexOf(':') + 1);
    }

    /** {@code _id} values a per-chat collection may key the chat by: the number, and the text. */
    static List<Object> chatKeys(String conversation) {
        var chat = chat(conversation);
        try {
            return List.of(Long.parseLong(chat), chat);
        } catch (NumberFormatException e) {
            return List.of(chat);
        }
    }
}
