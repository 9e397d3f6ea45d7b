package org.supportbot.curation;

/** The suggestion named is not open (never was, or its questions were decided meanwhile). */
public final class NoSuchSuggestionException extends IllegalArgumentException {

    NoSuchSuggestionException(String id) {
        super("no open suggestion '" + id + "': list the suggestions again");
    }
}
