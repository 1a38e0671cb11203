package io.trackguard.notification.scope;

import io.trackguard.notification.assessment.Assessment;
import io.trackguard.notification.casefile.Incident;

/**
 * Fired (synchronously, inside {@link ScopeStore#store}'s transaction) once an incident's scope is
 * stored and assessed. The decision that follows (incident's {@code Decisions}) observes it: a
 * CDI event because scope sits below incident and must not import it, while the decision and the
 * notices it queues still commit with the scope or not at all.
 */
public record ScopeAssessed(Incident incident, Assessment assessment) {
}
