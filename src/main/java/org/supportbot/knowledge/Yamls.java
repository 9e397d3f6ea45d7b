package org.supportbot.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Small helpers over SnakeYAML's node tree, which keeps the line of every value. */
final class Yamls {

    private Yamls() {
    }

    /** 1-based line of a node, shifted by the line the YAML text starts at in its file. */
    static int line(Node node, int firstLine) {
        return node.getStartMark().getLine() + firstLine;
    }

    static Map<String, Node> entries(MappingNode mapping) {
        var entries = new LinkedHashMap<String, Node>();
        for (var tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                entries.put(key.getValue(), tuple.getValueNode());
            }
        }
        return entries;
    }

    static Optional<String> scalar(Node node) {
        return node instanceof ScalarNode scalar ? Optional.of(scalar.getValue()) : Optional.empty();
    }

    /** The scalar items of a sequence, or empty when the node is not a sequence of scalars. */
    static Optional<List<ScalarNode>> scalars(Node node) {
        if (!(node instanceof SequenceNode sequence)) {
            return Optional.empty();
        }
        var items = new ArrayList<ScalarNode>();
        for (var item : sequence.getValue()) {
            if (!(item instanceof ScalarNode scalar)) {
                return Optional.empty();
            }
            items.add(scalar);
        }
        return Optional.of(items);
    }
}
