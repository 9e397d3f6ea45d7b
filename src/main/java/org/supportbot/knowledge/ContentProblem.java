package org.supportbot.knowledge;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something wrong in a content file, located for the editor.
 *
 * @param file the file, relative to the content folder where possible
 * @param line the 1-based line, or 0 when the problem concerns the whole file
 * @param severity an {@link Severity#ERROR} stops the content from loading
 * @param message what is wrong, written for an editor
 */
public record ContentProblem(Path file, int line, Severity severity, String message) {

    /** How bad a problem is. */
    public enum Severity { ERROR, WARNING }

    public ContentProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0 but was " + line);
        }
    }

    static ContentProblem error(Path file, int line, String message) {
        return new ContentProblem(file, line, Severity.ERROR, message);
    }

    static ContentProblem warning(Path file, int line, String message) {
        return new ContentProblem(file, line, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line: message}, the form editors and their tools understand. */
    @Override
    public String toString() {
        var prefix = severity == Severity.WARNING ? "warning: " : "";
        return file + ":" + Math.max(line, 1) + ": " + prefix + message;
    }
}
