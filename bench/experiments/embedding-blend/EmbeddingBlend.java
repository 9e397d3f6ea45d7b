package org.supportbot.nlu;

import de.bwaldvogel.liblinear.*;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.*;
import java.util.*;

/**
 * An experiment, not part of the bot (issue 8): a pretrained sentence encoder (all-MiniLM-L6-v2,
 * quantized, ONNX, from langchain4j on Maven Central) alone and blended with the bot's SVMs —
 * each intent's score is the SVMs' log-confidence plus w times a linear SVM's decision value over
 * the embedding, w chosen on validation data (CLINC150's val.tsv, or a tenth held out of train).
 * Prints validation and test top-intent accuracy and the latency of one query (embedding and both
 * classifiers). In the bot's package to reach its trainer. Run it with run.sh beside it.
 */
public class EmbeddingBlend {
    record Row(String label, String text) {}

    static List<Row> read(String path) throws Exception {
        var rows = new ArrayList<Row>();
        for (var line : Files.readAllLines(Path.of(path))) {
            int tab = line.indexOf('\t');
            if (tab > 0) rows.add(new Row(line.substring(0, tab), line.substring(tab + 1)));
        }
        return rows;
    }

    static AllMiniLmL6V2QuantizedEmbeddingModel emb = new AllMiniLmL6V2QuantizedEmbeddingModel();

    static float[][] embed(List<Row> rows) {
        var out = new float[rows.size()][];
        int b = 64;
        for (int i = 0; i < rows.size(); i += b) {
            var segs = rows.subList(i, Math.min(rows.size(), i + b)).stream().map(r -> TextSegment.from(r.text())).toList();
            var res = emb.embedAll(segs).content();
            for (int j = 0; j < res.size(); j++) out[i + j] = res.get(j).vector();
        }
        return out;
    }

    static Model trainEmb(float[][] x, List<Row> rows, String[] names) {
        var idx = new HashMap<String, Integer>();
        for (int i = 0; i < names.length; i++) idx.put(names[i], i);
        var p = new Problem();
        p.l = x.length; p.n = x[0].length + 1; p.bias = 1;
        p.x = new Feature[x.length][];
        p.y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            var f = new Feature[x[i].length + 1];
            for (int j = 0; j < x[i].length; j++) f[j] = new FeatureNode(j + 1, x[i][j]);
            f[x[i].length] = new FeatureNode(x[i].length + 1, 1);
            p.x[i] = f; p.y[i] = idx.get(rows.get(i).label());
        }
        Linear.disableDebugOutput();
        return Linear.train(p, new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, 4, 0.1));
    }

    /** decision values in names order */
    static double[] embScores(Model m, float[] v, String[] names) {
        var f = new Feature[v.length + 1];
        for (int j = 0; j < v.length; j++) f[j] = new FeatureNode(j + 1, v[j]);
        f[v.length] = new FeatureNode(v.length + 1, 1);
        var dec = new double[m.getNrClass()];
        Linear.predictValues(m, f, dec);
        var labels = m.getLabels();
        var out = new double[names.length];
        for (int c = 0; c < labels.length; c++) out[labels[c]] = dec[c];
        return out;
    }

    static double[] svmScores(IntentModel model, String text, String[] names, Map<String, Integer> idx) {
        var out = new double[names.length];
        for (var s : model.rank(TextNormalizer.tokens(text))) out[idx.get(s.intent())] = Math.log(Math.max(1e-9, s.confidence()));
        return out;
    }

    /** A weight meaning "the encoder's SVM alone". */
    static final double ENCODER_ONLY = Double.POSITIVE_INFINITY;

    /** Top-intent accuracy of the bot's log-confidences plus {@code w} times the encoder SVM's scores. */
    static double accuracy(IntentModel svm, Model embModel, List<Row> rows, float[][] x, String[] names, Map<String, Integer> idx, double w) {
        int ok = 0;
        for (int i = 0; i < rows.size(); i++) {
            var s = svmScores(svm, rows.get(i).text(), names, idx);
            var e = embScores(embModel, x[i], names);
            var c = new double[names.length];
            for (int j = 0; j < c.length; j++) c[j] = w == ENCODER_ONLY ? e[j] : s[j] + w * e[j];
            if (names[argmax(c)].equals(rows.get(i).label())) ok++;
        }
        return (double) ok / rows.size();
    }

    static int argmax(double[] a) { int b = 0; for (int i = 1; i < a.length; i++) if (a[i] > a[b]) b = i; return b; }

    public static void main(String[] args) throws Exception {
        String ds = args[0]; // banking77 | clinc150 | ru_hwu64_mt
        String dir = System.getProperty("datasets", "../shared/datasets") + "/" + ds + "/";
        var train = read(dir + "train.tsv");
        var test = read(dir + "test.tsv");
        List<Row> val;
        if (ds.equals("clinc150")) {
            train.removeIf(r -> r.label().equals("oos"));
            test.removeIf(r -> r.label().equals("oos"));
            val = read(dir + "val.tsv"); val.removeIf(r -> r.label().equals("oos"));
        } else {
            var shuffled = new ArrayList<>(train); Collections.shuffle(shuffled, new Random(7));
            int k = shuffled.size() / 10;
            val = new ArrayList<>(shuffled.subList(0, k));
            train = new ArrayList<>(shuffled.subList(k, shuffled.size()));
        }
        var names = train.stream().map(Row::label).distinct().sorted().toArray(String[]::new);
        var idx = new HashMap<String, Integer>();
        for (int i = 0; i < names.length; i++) idx.put(names[i], i);

        long t0 = System.nanoTime();
        var xTrain = embed(train); var xVal = embed(val); var xTest = embed(test);
        System.out.printf("embedded %d texts in %.1f s%n", train.size() + val.size() + test.size(), (System.nanoTime() - t0) / 1e9);

        var trainer = new ModelTrainer(ModelTrainer.TrainingSettings.defaults());
        var svm = trainer.train(train.stream().map(r -> new LabelledText(r.label(), r.text())).toList());
        var embModel = trainEmb(xTrain, train, names);

        double[] weights = {0, 0.5, 1, 2, 3, 4, 6, ENCODER_ONLY};
        double best = -1, bestW = 0;
        for (double w : weights) {
            double acc = accuracy(svm, embModel, val, xVal, names, idx, w);
            System.out.printf("val w=%s acc %.4f%n", w == ENCODER_ONLY ? "emb only" : String.valueOf(w), acc);
            if (w > 0 && w < ENCODER_ONLY && acc > best) { best = acc; bestW = w; }
        }
        for (double w : new double[] {0, bestW, ENCODER_ONLY}) {
            System.out.printf("TEST %s %s acc %.4f%n", ds, w == 0 ? "bot SVMs alone" : w == ENCODER_ONLY ? "embeddings alone" : "blend w=" + w,
                    accuracy(svm, embModel, test, xTest, names, idx, w));
        }
        // latency: one query at a time, embedding + both classifiers
        var lat = new long[Math.min(1000, test.size())];
        for (int i = 0; i < 200; i++) emb.embed(test.get(i).text());
        for (int i = 0; i < lat.length; i++) {
            long b = System.nanoTime();
            var v = emb.embed(test.get(i).text()).content().vector();
            embScores(embModel, v, names);
            svmScores(svm, test.get(i).text(), names, idx);
            lat[i] = System.nanoTime() - b;
        }
        Arrays.sort(lat);
        System.out.printf("LATENCY %s embed+classify p50 %d us p99 %d us%n", ds, lat[lat.length / 2] / 1000, lat[(int) (lat.length * 0.99)] / 1000);
        if (ds.equals("banking77")) {
            var a = emb.embed("где мой заказ").content(); var b2 = emb.embed("как вернуть товар").content(); var c2 = emb.embed("where is my order").content();
            System.out.printf("COSINE ru-ru(different intents) %.3f, ru-en(same meaning) %.3f%n", cos(a.vector(), b2.vector()), cos(a.vector(), c2.vector()));
        }
    }

    static double cos(float[] a, float[] b) { double d = 0, x = 0, y = 0; for (int i = 0; i < a.length; i++) { d += a[i] * b[i]; x += a[i] * a[i]; y += b[i] * b[i]; } return d / Math.sqrt(x * y); }
}
