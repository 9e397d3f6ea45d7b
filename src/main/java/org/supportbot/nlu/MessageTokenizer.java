package org.supportbot.nlu;

import opennlp.tools.tokenize.Tokenizer;
import opennlp.tools.util.Span;

/**
 * OpenNLP's tokenizer interface over {@link TextNormalizer}, for Russian and English alike: words of
 * letters or of digits, lower case, «ё» as «е»; then the editors' {@link Synonyms} replace slang.
 * Stateless and thread-safe.
 */
final class MessageTokenizer implements Tokenizer {

    private final Synonyms synonyms;

    MessageTokenizer() {
        this(Synonyms.NONE);
    }

    MessageTokenizer(Synonyms synonyms) {
        this.synonyms = synonyms;
    }

    @Override
    public String[] tokenize(String text) {
        return synonyms.apply(TextNormalizer.tokens(text));
    }

    /**
     * The spans of the tokens in {@code text} after NFKC folding (the same text for ordinary
     * input), before synonyms are applied: a replacement has no place in the text.
     */
    @Override
    public Span[] tokenizePos(String text) {
        return TextNormalizer.spans(text);
    }
}
