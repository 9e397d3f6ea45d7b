package org.supportbot.nlu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A text with the intent it should get; {@code oos} means "must not be answered".
 * Evaluation and training files hold one per line as {@code intent<TAB>text}.
 */
public record LabelledText(String intent, String text) {

    public LabelledText {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Reads an {@code intent<TAB>text} file; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming {@code file:line} for a line without a TAB or with an empty part
     * @throws IOException when the file cannot be read
     */
    public static List<LabelledText> readTsv(Path file) throws IOException {
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        var result = new ArrayList<LabelledText>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            var intent = tab < 0 ? "" : line.substring(0, tab).strip();
            var text = tab < 0 ? "" : line.substring(tab + 1).strip();
            if (intent.isEmpty() || text.isEmpty()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 'intent<TAB>text'");
            }
            result.add(new LabelledText(intent, text));
        }
        return result;
    }
}
