package org.supportbot.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The starter saved replies built into the jar ({@code /replies/*.md} on the classpath, packed from
 * the repository's {@code replies/}): what a content folder without a {@code replies/} folder of its
 * own offers operators. A folder that has one, even an empty one, uses only its own.
 */
final class BuiltInReplies {

    private static final String PATTERN = "classpath:" + ContentLoader.REPLIES + "/*.md";

    private BuiltInReplies() {
    }

    /** The built-in replies by shortcut; a broken one is reported like a folder's, under {@code replies/}. */
    static Map<String, CannedReply> load(List<ContentProblem> problems) {
        var replies = new TreeMap<String, CannedReply>();
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver(BuiltInReplies.class.getClassLoader()).getResources(PATTERN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the built-in " + PATTERN, e);
        }
        Arrays.sort(resources, Comparator.comparing(r -> Objects.requireNonNullElse(r.getFilename(), "")));
        for (var resource : resources) {
            var fileName = Objects.requireNonNullElse(resource.getFilename(), "");
            var name = fileName.substring(0, fileName.length() - ".md".length());
            var reply = new ReplyFileParser(Path.of(ContentLoader.REPLIES, fileName), name, problems).parse(read(resource));
            if (reply != null) {
                replies.put(reply.shortcut(), reply);
            }
        }
        return replies;
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in " + resource.getDescription(), e);
        }
    }
}
