package io.trackguard.notification.assessment;

import io.trackguard.notification.casefile.Incident;
import java.util.List;

/**
 * The outcome of the rules: sensitivity and probability of misuse (LOW, MEDIUM, HIGH; NONE
 * when nothing personal was disclosed), the risk, what the rules decide (PENDING leaves it to
 * an officer), the rule that decided, and every reason in words.
 */
public record Assessment(String sensitivity, String probability, String risk, Incident.Decision decision, String rule,
                         List<String> reasons) {

    /** The decision closes the incident with no notice to people: nothing beyond the public tier, or nothing at all. */
    public boolean closesWithoutNotices() {
        return decision == Incident.Decision.NO_NOTICE;
    }
}
