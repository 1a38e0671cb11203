package io.trackguard.tracking.trackingnumber;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;

/** Reads a tracking number from a request path, answering 400 for anything that is not one. */
public final class TrackingNumbers {

    private TrackingNumbers() {
    }

    public static TrackingNumber require(String input) {
        TrackingNumber.Parsed parsed = TrackingNumber.parse(input);
        if (parsed.valid()) {
            return parsed.number();
        }
        if (parsed.rejection() == TrackingNumber.Rejection.CHECK_FAILED) {
            throw new ProblemException(Problem.typed("mistyped-tracking-number", 400, "Mistyped tracking number",
                    "The check character does not match: one character is probably wrong or two are swapped."));
        }
        throw new ProblemException(Problem.typed("invalid-tracking-number", 400, "Invalid tracking number",
                "A tracking number has 18 characters: digits 2-9 and letters other than I, L and O."));
    }
}
