package org.supportbot.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a message variation: {@code {name}} is a placeholder; {@code {count, plural, one{# день}
 * few{# дня} many{# дней}}} picks a form by the number in {@code count}, and {@code #} inside a form
 * stands for that number. Problems are written for an editor; the caller adds the file and line.
 */
final class MessageTemplateParser {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final String source;
    private final Set<String> allowed;
    private final Language language;
    private final List<String> problems;
    private int at;

    private MessageTemplateParser(String source, Set<String> allowed, Language language, List<String> problems) {
        this.source = source;
        this.allowed = allowed;
        this.language = language;
        this.problems = problems;
    }

    /**
     * Parses {@code source}, allowing only the placeholders in {@code allowed}.
     *
     * @return the template, or null when a problem was added to {@code problems}
     */
    static @Nullable MessageTemplate parse(String source, Set<String> allowed, Language language, List<String> problems) {
        int before = problems.size();
        var parser = new MessageTemplateParser(source, allowed, language, problems);
        List<MessageTemplate.Part> parts;
        try {
            parts = parser.sequence(null);
        } catch (Malformed e) {
            problems.add(e.getMessage());
            return null;
        }
        return problems.size() == before ? new MessageTemplate(source, parts) : null;
    }

    /** Parts up to the end, or up to the closing brace of a plural form (left for the caller). */
    private List<MessageTemplate.Part> sequence(@Nullable String pluralOf) {
        var parts = new ArrayList<MessageTemplate.Part>();
        var text = new StringBuilder();
        while (at < source.length()) {
            char c = source.charAt(at);
            if (c == '}') {
                if (pluralOf == null) {
                    throw new Malformed("unbalanced braces: a '}' without its '{'" + near(at));
                }
                break;
            }
            if (c == '{' || c == '#' && pluralOf != null) {
                if (!text.isEmpty()) {
                    parts.add(new MessageTemplate.Text(text.toString()));
                    text.setLength(0);
                }
                if (c == '#') {
                    at++;
                    parts.add(new MessageTemplate.Value(pluralOf));
                } else {
                    parts.add(braces());
                }
                continue;
            }
            text.append(c);
            at++;
        }
        if (!text.isEmpty()) {
            parts.add(new MessageTemplate.Text(text.toString()));
        }
        return parts;
    }

    /** The braces starting at {@code at}: a placeholder or a plural. */
    private MessageTemplate.Part braces() {
        int open = at++;
        int end = indexOfAny(",}", at);
        if (end < 0) {
            throw new Malformed("unbalanced braces: a '{' that is never closed" + near(open));
        }
        var name = source.substring(at, end).strip();
        if (!NAME.matcher(name).matches()) {
            throw new Malformed("'" + source.substring(open, Math.min(end + 1, source.length())) + "' is not a placeholder: write {name}, or {count, plural, "
                    + String.join(" ", Plurals.forms(language).stream().map(f -> f + "{…}").toList()) + "}");
        }
        checkAllowed(name);
        at = end + 1;
        if (source.charAt(end) == '}') {
            return new MessageTemplate.Value(name);
        }
        int kindEnd = source.indexOf(',', at);
        if (kindEnd < 0 || !source.substring(at, kindEnd).strip().equals("plural")) {
            throw new Malformed("after '{" + name + ",' only 'plural,' may follow, as in {" + name + ", plural, one{…} …}");
        }
        at = kindEnd + 1;
        return plural(name, open);
    }

    private MessageTemplate.Plural plural(String name, int open) {
        var forms = new LinkedHashMap<String, List<MessageTemplate.Part>>();
        while (true) {
            skipSpaces();
            if (at >= source.length()) {
                throw new Malformed("unbalanced braces: the plural of {" + name + "} is never closed" + near(open));
            }
            if (source.charAt(at) == '}') {
                at++;
                break;
            }
            int brace = source.indexOf('{', at);
            var form = brace < 0 ? source.substring(at).strip() : source.substring(at, brace).strip();
            if (brace < 0 || !Plurals.forms(language).contains(form)) {
                throw new Malformed("unknown plural form '" + form + "' in {" + name + ", plural, …} (" + language.code() + " uses "
                        + String.join(", ", Plurals.forms(language)) + ")");
            }
            at = brace + 1;
            var parts = sequence(name);
            if (at >= source.length()) {
                throw new Malformed("unbalanced braces: the form '" + form + "' of {" + name + "} is never closed" + near(brace));
            }
            at++; // the form's '}'
            forms.put(form, parts);
        }
        var missing = new ArrayList<>(Plurals.forms(language));
        missing.removeAll(forms.keySet());
        if (!missing.isEmpty()) {
            throw new Malformed("the plural of {" + name + "} lacks the form" + (missing.size() == 1 ? " '" : "s '")
                    + String.join("', '", missing) + "' (" + language.code() + " needs " + String.join(", ", Plurals.forms(language)) + ")");
        }
        return new MessageTemplate.Plural(name, forms);
    }

    private void checkAllowed(String name) {
        if (!allowed.contains(name)) {
            var known = new TreeSet<>(allowed).stream().map(p -> "{" + p + "}").toList();
            problems.add("unknown placeholder {" + name + "} here (" + (known.isEmpty() ? "this message takes none" : "this message takes "
                    + String.join(", ", known)) + ")");
        }
    }

    private int indexOfAny(String chars, int from) {
        for (int i = from; i < source.length(); i++) {
            if (chars.indexOf(source.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private void skipSpaces() {
        while (at < source.length() && Character.isWhitespace(source.charAt(at))) {
            at++;
        }
    }

    private String near(int index) {
        int from = Math.max(0, index - 10);
        int to = Math.min(source.length(), index + 10);
        return " (near \"" + source.substring(from, to).replace("\n", " ") + "\")";
    }

    /** Stops the parse at the first structural mistake: what follows it cannot be read reliably. */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
