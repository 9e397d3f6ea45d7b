package org.supportbot.nlu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.supportbot.knowledge.Content;
import org.supportbot.knowledge.ContentChanged;
import org.supportbot.knowledge.IntentDefinition;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;

/**
 * Understands customers' messages with a model trained from the serving content.
 *
 * <p>Thread-safe. The model is trained (or read from the model cache under
 * {@code supportbot.nlu.model-cache}, by default {@code models/} in the data folder) when the first message arrives, or at start-up when
 * {@code supportbot.nlu.train-on-start} is true (the default for the server). The model reads
 * messages with the editors' {@code synonyms.yaml} of the content folder as it was when it was trained.
 * When the content
 * changes, a new model is trained on the thread that published {@link ContentChanged} while the
 * old one keeps answering; then the new one takes over.
 */
@Service
public class IntentRecognizer {

    private static final Logger log = LoggerFactory.getLogger(IntentRecognizer.class);

    private final KnowledgeBase knowledge;
    private final Thresholds thresholds;
    private final ModelCache cache;
    private final ModelTrainer trainer = new ModelTrainer(ModelTrainer.TrainingSettings.defaults());
    private final AtomicReference<Classifier> current = new AtomicReference<>();

    IntentRecognizer(KnowledgeBase knowledge,
            @Value("${supportbot.nlu.model-cache:${supportbot.data.dir}/models}") String modelCache,
            @Value("${supportbot.nlu.answer-threshold:#{T(org.supportbot.nlu.Thresholds).DEFAULTS.answer()}}") double answer,
            @Value("${supportbot.nlu.clarify-threshold:#{T(org.supportbot.nlu.Thresholds).DEFAULTS.clarify()}}") double clarify,
            @Value("${supportbot.nlu.clarify-minimum:#{T(org.supportbot.nlu.Thresholds).DEFAULTS.clarifyMinimum()}}") double clarifyMinimum,
            @Value("${supportbot.nlu.train-on-start:true}") boolean trainOnStart) {
        this.knowledge = knowledge;
        this.thresholds = new Thresholds(answer, clarify, clarifyMinimum);
        this.cache = new ModelCache(Path.of(modelCache));
        if (trainOnStart) {
            classifier();
        }
    }

    /** Understands a message; a message without letters is taken as Russian. */
    public Parse parse(String text) {
        return parse(text, Language.RU);
    }

    /**
     * Understands a message.
     *
     * @param fallback the language assumed when the text has no letters (e.g. the conversation's)
     */
    public Parse parse(String text, Language fallback) {
        Objects.requireNonNull(text, "text");
        return classifier().parse(text, fallback);
    }

    /** The intents the serving model can recognise. */
    public java.util.Set<String> intents() {
        return classifier().model().intents();
    }

    /** The global thresholds in force. */
    public Thresholds thresholds() {
        return thresholds;
    }

    @EventListener
    void on(ContentChanged event) {
        current.set(build(event.content()));
    }

    private Classifier classifier() {
        var classifier = current.get();
        if (classifier != null) {
            return classifier;
        }
        synchronized (this) {
            if (current.get() == null) {
                current.set(build(knowledge.content()));
            }
            return current.get();
        }
    }

    private Classifier build(Content content) {
        var synonyms = Synonyms.read(knowledge.contentDir());
        var key = content.fingerprint().substring(0, 24) + "-" + synonyms.fingerprint() + "-" + trainer.settingsKey();
        var model = cache.get(key).orElse(null);
        if (model == null) {
            long start = System.nanoTime();
            model = trainer.train(examples(content), synonyms);
            log.info("Trained the intent model on {} intents in {} ms", model.intents().size(), (System.nanoTime() - start) / 1_000_000);
            cache.put(key, model);
        } else {
            log.info("Loaded the cached intent model for this content ({} intents)", model.intents().size());
        }
        return new Classifier(model, new DecisionPolicy(thresholds, content.intents()), key);
    }

    /** Every example of every intent, as labelled texts for training. */
    static List<LabelledText> examples(Content content) {
        var examples = new ArrayList<LabelledText>();
        for (IntentDefinition intent : content.intents().values()) {
            for (var language : Language.values()) {
                intent.examples(language).forEach(text -> examples.add(new LabelledText(intent.name(), text)));
            }
        }
        return examples;
    }
}
