package org.supportbot.curation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.supportbot.nlu.TextAnalysis;

/**
 * Groups similar questions: each question becomes a TF-IDF weighted set of its stemmed words and
 * stemmed word pairs (stop words and greetings left out), and joins the group whose centroid it
 * is most similar to (cosine), if that is at least {@link #SIMILAR}; otherwise it starts a
 * group. Questions are taken oldest first, so a group keeps its first question while it grows.
 * Languages never mix. Deterministic; a question is compared only with the groups it shares a
 * feature with.
 */
final class Grouping {

    /** The cosine similarity at which a question joins a group. */
    static final double SIMILAR = 0.45;
    /** The weight of a word (or pair) that no other question has. */
    static final double UNSHARED = 0.5;

    private static final Set<String> STOP_WORDS = Set.copyOf(java.util.Arrays.asList(
            // Russian: function words, greetings and politeness that say nothing about the topic
            "и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все", "она", "так", "его", "но", "да", "ты",
            "к", "у", "же", "вы", "за", "бы", "по", "только", "ее", "мне", "было", "вот", "от", "меня", "еще", "нет", "о", "из", "ему",
            "когда", "ну", "ли", "если", "уже", "или", "ни", "быть", "был", "до", "вас", "там", "потом", "себя", "ей", "может", "они",
            "тут", "где", "есть", "надо", "ней", "для", "мы", "тебя", "их", "чем", "была", "сам", "без", "чего", "тоже", "себе", "под",
            "будет", "ж", "тогда", "кто", "этот", "того", "этого", "какой", "здесь", "этом", "мой", "моя", "мое", "мои", "тем",
            "чтобы", "сейчас", "были", "можно", "при", "об", "про", "эти", "нас", "какая", "какие", "эту", "этой", "вам", "ваш", "ваши",
            "у", "вообще", "просто", "очень", "здравствуйте", "привет", "подскажите", "пожалуйста", "добрый", "день", "вечер",
            "скажите", "спасибо", "хочу", "хотел", "хотела", "бы", "пж", "плиз",
            // English
            "a", "an", "the", "i", "you", "we", "to", "of", "and", "or", "is", "are", "was", "be", "it", "my", "me", "your", "do",
            "does", "did", "can", "could", "would", "how", "what", "when", "where", "why", "which", "in", "on", "for", "at", "with",
            "from", "this", "that", "there", "have", "has", "please", "hi", "hello", "hey", "thanks", "thank", "pls", "want", "im",
            "is", "any", "if", "so", "just", "get", "u"));

    /** A group of questions, oldest first. */
    record Group(List<MissedQuestions.Question> members) {
        MissedQuestions.Question oldest() {
            return members.get(0);
        }
    }

    private Grouping() {
    }

    /** Groups the questions; groups come in the order of their oldest question. */
    static List<Group> group(List<MissedQuestions.Question> questions) {
        var ordered = new ArrayList<>(questions);
        ordered.sort(Comparator.comparing(MissedQuestions.Question::at).thenComparing(MissedQuestions.Question::id));
        var features = new ArrayList<Set<String>>(ordered.size());
        var documentFrequency = new HashMap<String, Integer>();
        for (var question : ordered) {
            var set = features(question.text());
            features.add(set);
            set.forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
        }
        int n = ordered.size();
        var clusters = new ArrayList<Cluster>();
        // Which clusters hold a feature: a question is compared only with clusters it shares a feature with.
        var index = new HashMap<String, List<Cluster>>();
        for (int i = 0; i < n; i++) {
            var question = ordered.get(i);
            var vector = vector(features.get(i), documentFrequency, n);
            var dots = new HashMap<Cluster, Double>();
            vector.forEach((feature, weight) -> {
                for (var cluster : index.getOrDefault(feature, List.of())) {
                    dots.merge(cluster, weight * cluster.sum.get(feature), Double::sum);
                }
            });
            Cluster best = null;
            double bestSimilarity = 0;
            for (var entry : dots.entrySet()) {
                var cluster = entry.getKey();
                double similarity = entry.getValue() / Math.sqrt(cluster.sumNorm2);
                if (cluster.language == question.language()
                        && (similarity > bestSimilarity || similarity == bestSimilarity && best != null && cluster.number < best.number)) {
                    best = cluster;
                    bestSimilarity = similarity;
                }
            }
            if (best == null || bestSimilarity < SIMILAR) {
                best = new Cluster(clusters.size(), question.language());
                clusters.add(best);
            }
            var target = best;
            vector.keySet().forEach(feature -> {
                if (!target.sum.containsKey(feature)) {
                    index.computeIfAbsent(feature, f -> new ArrayList<>()).add(target);
                }
            });
            best.add(question, vector);
        }
        return clusters.stream().map(c -> new Group(List.copyOf(c.members))).toList();
    }

    /** Stemmed words and stemmed word pairs of a text, without stop words. */
    static Set<String> features(String text) {
        var stems = new ArrayList<String>();
        for (var token : TextAnalysis.tokens(text)) {
            // Numbers (order numbers, sums) say nothing about the topic.
            if (STOP_WORDS.contains(token) || token.chars().allMatch(Character::isDigit)) {
                continue;
            }
            stems.add(TextAnalysis.stem(token));
        }
        var out = new LinkedHashSet<String>(stems);
        for (int i = 1; i < stems.size(); i++) {
            out.add(stems.get(i - 1) + " " + stems.get(i));
        }
        return out;
    }

    /**
     * TF-IDF weights, normalised; a feature no other question has cannot join anything, so it
     * weighs little ({@link #UNSHARED}) instead of most: it would only push similar questions apart.
     */
    private static Map<String, Double> vector(Set<String> features, Map<String, Integer> documentFrequency, int n) {
        var vector = new HashMap<String, Double>();
        double norm = 0;
        for (var feature : features) {
            int df = documentFrequency.get(feature);
            double weight = df < 2 ? UNSHARED : TextAnalysis.idf(n, df);
            vector.put(feature, weight);
            norm += weight * weight;
        }
        double length = Math.sqrt(norm);
        vector.replaceAll((k, v) -> v / length);
        return vector;
    }

    /** A growing group: the sum of its members' vectors. */
    private static final class Cluster {
        final int number;
        final org.supportbot.knowledge.Language language;
        final List<MissedQuestions.Question> members = new ArrayList<>();
        final Map<String, Double> sum = new HashMap<>();
        double sumNorm2;

        Cluster(int number, org.supportbot.knowledge.Language language) {
            this.number = number;
            this.language = language;
        }

        void add(MissedQuestions.Question question, Map<String, Double> vector) {
            members.add(question);
            vector.forEach((feature, weight) -> {
                double old = sum.getOrDefault(feature, 0.0);
                sum.put(feature, old + weight);
                sumNorm2 += 2 * old * weight + weight * weight;
            });
        }
    }
}
