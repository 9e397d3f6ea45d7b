package org.supportbot.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The content folder as the loaders read it: its files by sub-folder, as UTF-8 text, named relative to it. */
final class ContentFolder {

    private final Path root;

    ContentFolder(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The files of a sub-folder that must exist; a missing one is an error. */
    List<Path> files(String folder, List<ContentProblem> problems, String... extensions) {
        var dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            problems.add(ContentProblem.error(relative(dir), 0, "the folder '" + folder + "' is missing in " + root.toAbsolutePath().normalize()));
            return List.of();
        }
        return list(dir, problems, extensions);
    }

    /** The files of a sub-folder that may be absent; absent means none. */
    List<Path> optionalFiles(String folder, List<ContentProblem> problems, String... extensions) {
        var dir = root.resolve(folder);
        return Files.isDirectory(dir) ? list(dir, problems, extensions) : List.of();
    }

    private List<Path> list(Path dir, List<ContentProblem> problems, String... extensions) {
        try (Stream<Path> stream = Files.list(dir)) {
            var all = stream.filter(Files::isRegularFile).sorted().toList();
            var accepted = new ArrayList<Path>();
            for (var file : all) {
                var name = file.getFileName().toString();
                if (name.startsWith(".") || name.endsWith("~")) {
                    continue; // editor swap and backup files
                }
                if (Stream.of(extensions).anyMatch(name.toLowerCase(Locale.ROOT)::endsWith)) {
                    accepted.add(file);
                } else {
                    problems.add(ContentProblem.warning(relative(file), 0, "ignored: only " + String.join(", ", extensions) + " files are read here"));
                }
            }
            return accepted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The file's text without a byte-order mark; null, with a problem, when it is not readable UTF-8. */
    @Nullable String read(Path file, List<ContentProblem> problems) {
        try {
            var bytes = Files.readAllBytes(file);
            var text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            problems.add(ContentProblem.error(relative(file), 1, "not UTF-8 text: save the file in UTF-8"));
        } catch (IOException e) {
            problems.add(ContentProblem.error(relative(file), 1, "cannot read: " + e.getMessage()));
        }
        return null;
    }

    Path relative(Path file) {
        try {
            return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return file;
        }
    }

    static String baseName(Path file) {
        var name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
