package org.supportbot.nlu.doccat;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.FeatureGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The document categorizer's factory with the editors' synonyms and slang ({@code synonyms.yaml})
 * the model was trained with, kept in the model package as {@value #SYNONYMS_ENTRY}: a cached or
 * copied model reads customers' messages exactly as it read its examples. OpenNLP creates it by
 * the class name in the manifest when it reads the package.
 */
public final class IntentDoccatFactory extends DoccatFactory {

    /** The model package entry of the synonyms: phrase → replacement, both as lower-case tokens joined by spaces. */
    public static final String SYNONYMS_ENTRY = "synonyms.properties";

    private @Nullable Map<String, String> synonyms;

    /** For OpenNLP, which creates the factory a model's manifest names; the synonyms come from the package. */
    public IntentDoccatFactory() {
    }

    /** A factory for training with these generators and synonyms. */
    public IntentDoccatFactory(FeatureGenerator[] generators, Map<String, String> synonyms) {
        super(generators);
        this.synonyms = Map.copyOf(synonyms);
    }

    @Override
    public Map<String, Object> createArtifactMap() {
        var artifacts = new HashMap<>(super.createArtifactMap());
        var properties = new Properties();
        properties.putAll(synonyms());
        artifacts.put(SYNONYMS_ENTRY, properties);
        return artifacts;
    }

    /** Phrase → replacement; empty for a package without synonyms. */
    public Map<String, String> synonyms() {
        if (synonyms == null) {
            Properties stored = artifactProvider == null ? null : artifactProvider.getArtifact(SYNONYMS_ENTRY);
            var read = new HashMap<String, String>();
            if (stored != null) {
                stored.stringPropertyNames().forEach(name -> read.put(name, stored.getProperty(name)));
            }
            synonyms = Map.copyOf(read);
        }
        return synonyms;
    }
}
