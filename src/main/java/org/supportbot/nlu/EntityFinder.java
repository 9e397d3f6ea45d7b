package org.supportbot.nlu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import opennlp.tools.namefind.RegexNameFinder;
import opennlp.tools.util.Span;
import org.springframework.stereotype.Component;

/**
 * Finds the things in a message the bot can act on: order numbers, phone numbers, e-mails, dates
 * and amounts, with OpenNLP's {@link RegexNameFinder} over the raw text.
 *
 * <p>Where two finds overlap the longer one wins, and on a tie the type listed first in
 * {@link #TYPES}: «+7 916 123-45-67» is one phone, not an order number inside a phone.
 * Thread-safe: the finder holds only compiled patterns.
 */
@Component
public class EntityFinder {

    /** Every type this finder reports, strongest first. */
    public static final List<String> TYPES = List.of("email", "phone", "date", "amount", "order_number");

    private static final String MONTHS = "январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]"
            + "|january|february|march|april|may|june|july|august|september|october|november|december";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private final RegexNameFinder finder;

    public EntityFinder() {
        var patterns = new LinkedHashMap<String, Pattern[]>();
        patterns.put("email", new Pattern[] {Pattern.compile("(?<![\\w.+-])[\\w.+-]{1,64}@[\\w-]{1,63}(?:\\.[\\w-]{1,63})+", FLAGS)});
        patterns.put("phone", new Pattern[] {
            // Russian numbers: +7 / 8 then ten digits, spaced, dashed or bracketed as people type them.
            Pattern.compile("(?<![\\d+])(?:\\+7|8|7)[\\s-]?\\(?\\d{3}\\)?[\\s-]?\\d{3}[\\s-]?\\d{2}[\\s-]?\\d{2}(?!\\d)"),
            // Others in international form.
            Pattern.compile("(?<![\\d+])\\+\\d{1,3}[\\s-]?\\(?\\d{2,4}\\)?[\\s-]?\\d{3}[\\s-]?\\d{2,4}[\\s-]?\\d{0,4}(?!\\d)")});
        patterns.put("date", new Pattern[] {
            Pattern.compile("(?<!\\d)(?:0?[1-9]|[12]\\d|3[01])[./](?:0?[1-9]|1[0-2])(?:[./](?:\\d{4}|\\d{2}))?(?![\\d.]\\d)"),
            Pattern.compile("(?<!\\d)\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?!\\d)"),
            Pattern.compile("(?<!\\d)(?:0?[1-9]|[12]\\d|3[01])\\s+(?:" + MONTHS + ")(?:\\s+\\d{4})?(?![\\p{L}\\d])", FLAGS)});
        patterns.put("amount", new Pattern[] {
            Pattern.compile("(?<![\\d.,])\\d{1,3}(?:[  ]?\\d{3})*(?:[.,]\\d{1,2})?\\s?(?:₽|руб(?:\\.|лей|ля|ль)?|р\\.|rub|usd|eur|\\$|€)(?![\\p{L}])", FLAGS),
            Pattern.compile("[$€₽]\\s?\\d{1,3}(?:[, ]?\\d{3})*(?:\\.\\d{1,2})?(?!\\d)")});
        patterns.put("order_number", new Pattern[] {Pattern.compile("(?<![\\d\\p{L}])#?\\d{4,12}(?!\\d)")});
        this.finder = new RegexNameFinder(patterns);
    }

    /** What {@code text} names, in the order it names them; empty when nothing. */
    public List<Entity> find(String text) {
        Span[] spans = finder.find(text);
        var rank = Map.of("email", 0, "phone", 1, "date", 2, "amount", 3, "order_number", 4);
        var candidates = new ArrayList<Span>(List.of(spans));
        candidates.sort(Comparator.comparingInt((Span s) -> -(s.getEnd() - s.getStart()))
                .thenComparingInt(s -> rank.getOrDefault(s.getType(), 9)));
        var kept = new ArrayList<Span>();
        for (var span : candidates) {
            if (kept.stream().noneMatch(k -> k.getStart() < span.getEnd() && span.getStart() < k.getEnd())) {
                kept.add(span);
            }
        }
        kept.sort(Comparator.comparingInt(Span::getStart));
        return kept.stream().map(s -> new Entity(s.getType(), text.substring(s.getStart(), s.getEnd()), s.getStart(), s.getEnd())).toList();
    }

    /** The first entity of {@code type} in {@code text}, or null. */
    public @org.jspecify.annotations.Nullable Entity first(String text, String type) {
        return find(text).stream().filter(e -> e.type().equals(type)).findFirst().orElse(null);
    }
}
