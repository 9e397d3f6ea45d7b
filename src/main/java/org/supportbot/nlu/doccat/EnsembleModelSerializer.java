package org.supportbot.nlu.doccat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.GenericModelWriter;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.model.ArtifactSerializer;

/**
 * Writes an {@link EnsembleModel} as an entry of an OpenNLP model package and reads it back: a
 * magic number, the members' count, then per member its weight, its kind and its bytes — a
 * {@link LiblinearModel} as {@link LiblinearModelSerializer} writes it, OpenNLP's own models
 * (maxent, naive Bayes, perceptron) as OpenNLP's {@code GenericModelWriter} does.
 */
public final class EnsembleModelSerializer implements ArtifactSerializer<EnsembleModel> {

    private static final int MAGIC = 0x5342454E; // "SBEN"
    private static final int MAX_MEMBERS = 16;
    private static final int LIBLINEAR = 1;
    private static final int OPENNLP = 2;

    /** For OpenNLP, which creates the serializer a model's manifest names. */
    public EnsembleModelSerializer() {
    }

    @Override
    public EnsembleModel create(InputStream in) throws IOException {
        var data = new DataInputStream(in);
        if (data.readInt() != MAGIC) {
            throw new InvalidFormatException("not an ensemble intent model of this version");
        }
        int count = data.readInt();
        if (count < 2 || count > MAX_MEMBERS) {
            throw new InvalidFormatException("implausible number of ensemble members " + count);
        }
        var members = new MaxentModel[count];
        var weights = new double[count];
        for (int m = 0; m < count; m++) {
            weights[m] = data.readDouble();
            int kind = data.readInt();
            var bytes = new byte[data.readInt()];
            data.readFully(bytes);
            members[m] = switch (kind) {
                case LIBLINEAR -> new LiblinearModelSerializer().create(new ByteArrayInputStream(bytes));
                case OPENNLP -> new GenericModelReader(new BinaryFileDataReader(new ByteArrayInputStream(bytes))).getModel();
                default -> throw new InvalidFormatException("unknown ensemble member kind " + kind);
            };
        }
        try {
            return new EnsembleModel(members, weights);
        } catch (IllegalArgumentException e) {
            throw new InvalidFormatException(e.getMessage());
        }
    }

    @Override
    public void serialize(EnsembleModel model, OutputStream out) throws IOException {
        var data = new DataOutputStream(out);
        var members = model.members();
        var weights = model.weights();
        data.writeInt(MAGIC);
        data.writeInt(members.length);
        for (int m = 0; m < members.length; m++) {
            var bytes = new ByteArrayOutputStream();
            int kind;
            if (members[m] instanceof LiblinearModel liblinear) {
                new LiblinearModelSerializer().serialize(liblinear, bytes);
                kind = LIBLINEAR;
            } else if (members[m] instanceof AbstractModel openNlp) {
                var writer = new GenericModelWriter(openNlp, new DataOutputStream(bytes));
                writer.persist();
                kind = OPENNLP;
            } else {
                throw new IOException("cannot write an ensemble member of type " + members[m].getClass().getName());
            }
            data.writeDouble(weights[m]);
            data.writeInt(kind);
            data.writeInt(bytes.size());
            bytes.writeTo(data);
        }
        data.flush();
    }
}
