package org.supportbot.actions;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders action texts with JMustache. Missing and null fields render as nothing (never "null");
 * no HTML escaping here, because every channel escapes plain text for its own markup. Compiled
 * templates are kept by their text. Thread-safe.
 */
final class Templates {

    private static final Logger log = LoggerFactory.getLogger(Templates.class);
    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).defaultValue("").emptyStringIsFalse(true);
    /** Bounded by the texts in action files; cleared on reload. */
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    String render(String text, Map<String, Object> data) {
        try {
            var template = compiled.computeIfAbsent(text, COMPILER::compile);
            return squeeze(template.execute(data));
        } catch (MustacheException e) {
            log.warn("An action template failed to render: {}", e.getMessage());
            return "";
        }
    }

    void clear() {
        compiled.clear();
    }

    /** Lines left empty by absent fields go, so a missing tracking number leaves no gap. */
    private static String squeeze(String text) {
        return text.replaceAll("(?m)^[ \\t]*\\R", "").replaceAll("[ \\t]+(?=\\R|$)", "").strip();
    }
}
