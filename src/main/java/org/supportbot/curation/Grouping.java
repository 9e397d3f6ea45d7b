package org.supportbot.curation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.stemmer.snowball.SnowballStemmer;

/**
 * Groups similar questions: each question becomes a TF-IDF weighted set of its stemmed words and
 * stemmed word pairs (stop words and greetings left out), and joins the group whose centroid it
 * is most similar to (cosine), if that is at least {@link #SIMILAR}; otherwise it starts a
 * group. Questions are taken oldest first, so a group keeps its first question while it grows.
 * Languages never mix. Deterministic; O(questions × groups).
 */
final class Grouping {

    /** The cosine similarity at which a question joins a group. */
    static final double SIMILAR = 0.45;

    private static final Set<String> STOP_WORDS = Set.of(
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
            "is", "any", "if", "so", "just", "get", "u");

    private static final ThreadLocal<SnowballStemmer> RUSSIAN = ThreadLocal.withInitial(() -> new SnowballStemmer(SnowballStemmer.ALGORITHM.RUSSIAN));
    private static final ThreadLocal<SnowballStemmer> ENGLISH = ThreadLocal.withInitial(() -> new SnowballStemmer(SnowballStemmer.ALGORITHM.ENGLISH));

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
        for (int i = 0; i < n; i++) {
            var question = ordered.get(i);
            var vector = vector(features.get(i), documentFrequency, n);
            Cluster best = null;
            double bestSimilarity = 0;
            if (!vector.isEmpty()) {
                for (var cluster : clusters) {
                    if (cluster.language != question.language()) {
                        continue;
                    }
                    double similarity = cluster.similarity(vector);
                    if (similarity > bestSimilarity) {
                        best = cluster;
                        bestSimilarity = similarity;
                    }
                }
            }
            if (best == null || bestSimilarity < SIMILAR) {
                best = new Cluster(question.language());
                clusters.add(best);
            }
            best.add(question, vector);
        }
        return clusters.stream().map(c -> new Group(List.copyOf(c.members))).toList();
    }

    /** Stemmed words and stemmed word pairs of a text, without stop words. */
    static Set<String> features(String text) {
        var stems = new ArrayList<String>();
        for (var token : text.toLowerCase(java.util.Locale.ROOT).replace('ё', 'е').split("[^\\p{L}\\p{N}]+")) {
            if (token.isEmpty() || STOP_WORDS.contains(token) || token.startsWith("[")) {
                continue;
            }
            stems.add(stem(token));
        }
        var out = new LinkedHashSet<String>(stems);
        for (int i = 1; i < stems.size(); i++) {
            out.add(stems.get(i - 1) + " " + stems.get(i));
        }
        return out;
    }

    private static String stem(String token) {
        if (token.chars().anyMatch(Character::isDigit)) {
            return token;
        }
        var cyrillic = token.chars().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC);
        var stemmer = cyrillic ? RUSSIAN.get() : ENGLISH.get();
        var stem = stemmer.stem(token).toString();
        return stem.isEmpty() ? token : stem;
    }

    private static Map<String, Double> vector(Set<String> features, Map<String, Integer> documentFrequency, int n) {
        var vector = new HashMap<String, Double>();
        double norm = 0;
        for (var feature : features) {
            double weight = Math.log((n + 1.0) / (documentFrequency.get(feature) + 1.0)) + 1.0;
            vector.put(feature, weight);
            norm += weight * weight;
        }
        double length = Math.sqrt(norm);
        vector.replaceAll((k, v) -> v / length);
        return vector;
    }

    /** A growing group: the sum of its members' vectors. */
    private static final class Cluster {
        final org.supportbot.knowledge.Language language;
        final List<MissedQuestions.Question> members = new ArrayList<>();
        final Map<String, Double> sum = new HashMap<>();
        double sumNorm2;

        Cluster(org.supportbot.knowledge.Language language) {
            this.language = language;
        }

        double similarity(Map<String, Double> vector) {
            if (sumNorm2 == 0) {
                return 0;
            }
            double dot = 0;
            for (var entry : vector.entrySet()) {
                dot += entry.getValue() * sum.getOrDefault(entry.getKey(), 0.0);
            }
            return dot / Math.sqrt(sumNorm2);
        }

        void add(MissedQuestions.Question question, Map<String, Double> vector) {
            members.add(question);
            vector.forEach((k, v) -> sum.merge(k, v, Double::sum));
            sumNorm2 = 0;
            for (var v : sum.values()) {
                sumNorm2 += v * v;
            }
        }
    }
}
