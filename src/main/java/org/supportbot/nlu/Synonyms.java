package org.supportbot.nlu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The editors' synonyms and slang ({@code synonyms.yaml} in the content folder: «акк: аккаунт»,
 * «лк: личный кабинет»): before the model sees a message, each phrase of up to {@value #LONGEST}
 * words is replaced by the words the intents' examples use. The longest phrase at a position wins.
 * Applied to the examples and to customers' messages alike.
 *
 * @param replacements phrase → replacement, both lower-case tokens joined by single spaces
 */
record Synonyms(Map<String, String> replacements) {

    static final String FILE = "synonyms.yaml";
    static final int LONGEST = 3;
    static final Synonyms NONE = new Synonyms(Map.of());

    private static final Logger log = LoggerFactory.getLogger(Synonyms.class);

    Synonyms {
        replacements = Map.copyOf(replacements);
    }

    /** The tokens with every known phrase replaced. */
    String[] apply(String[] tokens) {
        if (replacements.isEmpty()) {
            return tokens;
        }
        var out = new java.util.ArrayList<String>(tokens.length + 4);
        for (int i = 0; i < tokens.length; ) {
            int matched = 0;
            for (int n = Math.min(LONGEST, tokens.length - i); n >= 1 && matched == 0; n--) {
                var replacement = replacements.get(String.join(" ", Arrays.asList(tokens).subList(i, i + n)));
                if (replacement != null) {
                    out.addAll(Arrays.asList(replacement.split(" ")));
                    matched = n;
                }
            }
            if (matched == 0) {
                out.add(tokens[i]);
                matched = 1;
            }
            i += matched;
        }
        return out.toArray(String[]::new);
    }

    /** A stable digest of the replacements, for the model cache's key. */
    String fingerprint() {
        return Integer.toHexString(new TreeMap<>(replacements).toString().hashCode());
    }

    /**
     * The synonyms of a content folder; none when it has no {@value #FILE}. A file that is not a
     * mapping of words to words is reported in the log and ignored, entry by entry.
     */
    static Synonyms read(Path contentDir) {
        var file = contentDir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException e) {
            log.warn("Cannot read {} (no synonyms are used): {}", file, e.toString());
            return NONE;
        }
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            log.warn("{} is not valid YAML (no synonyms are used): {}", file, e.getMessage());
            return NONE;
        }
        return root instanceof Map<?, ?> map ? parse(map, file) : NONE;
    }

    private static Synonyms parse(Map<?, ?> map, Path file) {
        var replacements = new HashMap<String, String>();
        map.forEach((key, value) -> {
            var phrase = key == null ? new String[0] : TextNormalizer.tokens(key.toString());
            var replacement = value == null ? new String[0] : TextNormalizer.tokens(value.toString());
            if (phrase.length == 0 || phrase.length > LONGEST || replacement.length == 0) {
                log.warn("{}: ignoring '{}: {}' (a phrase of 1 to {} words and the words to read instead)", file, key, value, LONGEST);
            } else {
                replacements.put(String.join(" ", phrase), String.join(" ", replacement));
            }
        });
        return new Synonyms(replacements);
    }
}
