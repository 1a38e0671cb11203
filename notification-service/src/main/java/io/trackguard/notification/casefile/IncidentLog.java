package io.trackguard.notification.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Moves incidents through their lifecycle and writes each step into the append-only history,
 * in the caller's transaction: the change and its record commit together or not at all.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IncidentLog {

    /** Who a system part is, in the history. */
    public static final String CONSUMER = "system:security-event-consumer";
    public static final String SCOPE = "system:scope";
    public static final String DELIVERY = "system:delivery";
    public static final String CLOCK = "system:clock";

    public static String officer(String user) {
        return "officer:" + user;
    }

    public static String rule(String name) {
        return "rule:" + name;
    }

    public void note(Incident incident, IncidentHistory.What what, String byWhom, String reason) {
        write(incident, what, byWhom, null, null, reason);
    }

    /** Changes the status (if it changes) and records why; a move to the same status records nothing. */
    public void move(Incident incident, IncidentStatus to, String byWhom, String reason) {
        IncidentStatus from = incident.status;
        if (from == to) {
            return;
        }
        incident.status = to;
        incident.updatedAt = Instant.now();
        if (to == IncidentStatus.CLOSED) {
            incident.closedAt = incident.updatedAt;
            incident.closeReason = cut(reason, 2000);
        } else {
            incident.closedAt = null;
        }
        write(incident, to == IncidentStatus.CLOSED ? IncidentHistory.What.CLOSED : IncidentHistory.What.TRANSITION, byWhom, from, to, reason);
    }

    private static void write(Incident incident, IncidentHistory.What what, String byWhom, IncidentStatus from, IncidentStatus to,
                              String reason) {
        IncidentHistory h = new IncidentHistory();
        h.incidentId = incident.id;
        h.at = Instant.now();
        h.byWhom = cut(byWhom, 200);
        h.what = what;
        h.fromStatus = from;
        h.toStatus = to;
        h.reason = cut(reason, 4000);
        h.persist();
    }

    public static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
