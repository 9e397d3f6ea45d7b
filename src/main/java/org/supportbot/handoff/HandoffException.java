package org.supportbot.handoff;

import java.util.Objects;

/** A ticket operation that cannot be done; {@link #problem()} says why, the message says it to a person. */
public class HandoffException extends RuntimeException {

    /** Why an operation was refused. */
    public enum Problem {
        /** No such ticket (or operator, or queue). */
        NOT_FOUND,
        /** The operator may not do this (not theirs, not their queue, not an operator). */
        NOT_ALLOWED,
        /** Someone else holds the ticket, or it changed meanwhile. */
        CONFLICT,
        /** The operator already holds as many conversations as their capacity. */
        OVER_CAPACITY,
        /** The ticket is closed. */
        CLOSED,
        /** The request itself is wrong (e.g. a rating outside 1–5). */
        INVALID
    }

    private final Problem problem;

    public HandoffException(Problem problem, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }

    /** The ticket was not as the change expected: another operator, thread or instance changed it first. */
    static HandoffException changedMeanwhile(long number) {
        return new HandoffException(Problem.CONFLICT, "Ticket #" + number + " changed meanwhile; look again");
    }
}
