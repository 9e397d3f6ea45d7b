package org.supportbot.nlu.doccat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.model.ArtifactSerializer;

/**
 * Writes a {@link LiblinearModel} as an entry of an OpenNLP model package and reads it back.
 * OpenNLP's own model writer knows only its own model types; this serializer is named in the
 * package's manifest ({@code serializer-class-doccat.model}), so {@code new DoccatModel(in)} finds it.
 * The format: a magic number, the scale, the outcomes with their biases, the TF-IDF vocabulary,
 * and the weights, feature-major.
 */
public final class LiblinearModelSerializer implements ArtifactSerializer<LiblinearModel> {

    private static final int MAGIC = 0x53424C34; // "SBL4"
    private static final int MAX_OUTCOMES = 1_000_000;

    /** For OpenNLP, which creates the serializer a model's manifest names. */
    public LiblinearModelSerializer() {
    }

    /** Reads a model; the stream (a zip entry) is left open. */
    @Override
    public LiblinearModel create(InputStream in) throws IOException {
        var data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (data.readInt() != MAGIC) {
            throw new InvalidFormatException("not a liblinear intent model of this version");
        }
        double scale = data.readDouble();
        int k = data.readInt();
        if (k < 2 || k > MAX_OUTCOMES) {
            throw new InvalidFormatException("implausible number of outcomes " + k);
        }
        var names = new String[k];
        var bias = new float[k];
        for (int c = 0; c < k; c++) {
            names[c] = data.readUTF();
            bias[c] = data.readFloat();
        }
        var vocabulary = TfIdf.read(data);
        var weights = new float[Math.multiplyExact(vocabulary.size(), k)];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = data.readFloat();
        }
        try {
            return new LiblinearModel(vocabulary, names, weights, bias, scale);
        } catch (IllegalArgumentException e) {
            throw new InvalidFormatException(e.getMessage());
        }
    }

    /** Writes a model; the stream is flushed, not closed (it is the model package's zip stream). */
    @Override
    public void serialize(LiblinearModel model, OutputStream out) throws IOException {
        var data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.writeInt(MAGIC);
        data.writeDouble(model.scale());
        var names = model.names();
        var bias = model.bias();
        data.writeInt(names.length);
        for (int c = 0; c < names.length; c++) {
            data.writeUTF(names[c]);
            data.writeFloat(bias[c]);
        }
        model.vocabulary().write(data);
        for (float w : model.weights()) {
            data.writeFloat(w);
        }
        data.flush();
    }
}
