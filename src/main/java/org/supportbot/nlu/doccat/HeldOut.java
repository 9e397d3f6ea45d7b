package org.supportbot.nlu.doccat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Which examples are held out for calibration: every fifth of each class, after a seeded shuffle. */
record HeldOut(boolean[] members, int count) {

    static HeldOut everyFifth(int[] labels, int classes, Random random) {
        var byClass = new ArrayList<List<Integer>>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        var heldOut = new boolean[labels.length];
        int count = 0;
        for (var members : byClass) {
            Collections.shuffle(members, random);
            for (int j = 4; j < members.size(); j += 5) {
                heldOut[members.get(j)] = true;
                count++;
            }
        }
        return new HeldOut(heldOut, count);
    }

    boolean contains(int i) {
        return members[i];
    }
}
