package org.supportbot.channel.internal;

/**
 * A chat or user id as an INFO line may show it: the first two digits, so a reader can tell lines
 * apart without the log naming the person ({@code 42***}). Full ids go to DEBUG only.
 */
public final class MaskedId {

    private static final int SHOWN = 2;

    private MaskedId() {
    }

    public static String of(long id) {
        var digits = Long.toString(id);
        return digits.substring(0, Math.min(SHOWN, digits.length())) + "***";
    }
}
