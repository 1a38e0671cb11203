package io.trackguard.notification.assessment;

import io.trackguard.notification.casefile.Incident;
import io.trackguard.notification.casefile.IncidentKind;
import io.trackguard.notification.config.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The risk assessment, as PIPEDA s.10.1 ("real risk of significant harm": the sensitivity of
 * the information and the probability that it will be misused) and GDPR Art. 33/34 ask. Rules,
 * in order:
 * <ol>
 * <li>scope unreadable (a network bucket without members, a manual incident without actor or
 *     partner, a surge of misses of all clients, or the audit log unreachable): an officer decides;</li>
 * <li>nothing disclosed: closed, no notices;</li>
 * <li>only public-tier fields (assessment.public-fields) at the public tier: closed with that
 *     reason; no notice to people, the partner is told;</li>
 * <li>sensitivity: HIGH if a sensitive partner's shipment was disclosed beyond the public tier,
 *     if any assessment.sensitive-fields was, or if the partner or staff tier was reached;
 *     MEDIUM otherwise (masked contact, city, first postal characters);</li>
 * <li>probability of misuse: HIGH for a deliberate walk (enumeration or distributed scraping)
 *     that reached assessment.probable-misuse-shipments shipments, or whose actor was never
 *     blocked; MEDIUM for fewer from a blocked actor; unknown (MEDIUM) for manual incidents;</li>
 * <li>HIGH and HIGH: a real risk of significant harm, people are told without waiting
 *     (assessment.auto-notify); anything else waits for an officer.</li>
 * </ol>
 */
@ApplicationScoped
public class Assessor {

    private final NotifyConfig.Assessment rules;

    @Inject
    public Assessor(NotifyConfig config) {
        this(config.assessment());
    }

    Assessor(NotifyConfig.Assessment rules) {
        this.rules = rules;
    }

    public Assessment assess(ScopeFacts f) {
        List<String> reasons = new ArrayList<>();
        if (!f.scopeReadable() && f.kind() == IncidentKind.MISSES_SURGE) {
            reasons.add("A surge of public lookups that matched no shipment, all clients together: it names no actor or partner, so "
                    + "the access audit log cannot say who saw what. Misses disclose nothing themselves; an officer checks whether the "
                    + "guessing also found real tracking numbers in the window, and decides.");
            return new Assessment("UNKNOWN", "UNKNOWN", "UNKNOWN", Incident.Decision.PENDING, "scope-unreadable", reasons);
        }
        if (!f.scopeReadable()) {
            reasons.add("The scope could not be read from the access audit log (no audit actor or partner to ask about): "
                    + "an officer must establish who was affected and decide.");
            return new Assessment("UNKNOWN", "UNKNOWN", "UNKNOWN", Incident.Decision.PENDING, "scope-unreadable", reasons);
        }
        if (f.shipments() == 0) {
            reasons.add("The access audit log shows no shipment disclosed in the window: nobody's information was exposed.");
            return new Assessment("NONE", "NONE", "NONE", Incident.Decision.NO_NOTICE, "nothing-disclosed", reasons);
        }
        Set<String> beyondPublicFields = new TreeSet<>(f.fields());
        beyondPublicFields.removeAll(rules.publicFields());
        Set<String> beyondPublicTiers = new TreeSet<>(f.tiers());
        beyondPublicTiers.remove("PUBLIC");
        if (beyondPublicFields.isEmpty() && beyondPublicTiers.isEmpty()) {
            reasons.add(f.shipments() + " shipment(s) were seen at the public tier only (" + String.join(", ", new TreeSet<>(f.fields()))
                    + "): what anyone with the tracking number sees, nothing that identifies or locates a person.");
            reasons.add("No notice to people for a status-only view; the partner(s) " + String.join(", ", f.partners()) + " are told.");
            return new Assessment("NONE", "NONE", "NONE", Incident.Decision.NO_NOTICE, "public-tier-only", reasons);
        }

        String sensitivity = "MEDIUM";
        Set<String> sensitiveSeen = new TreeSet<>(f.fields());
        sensitiveSeen.retainAll(rules.sensitiveFields());
        if (!f.sensitivePartners().isEmpty()) {
            sensitivity = "HIGH";
            reasons.add("Sensitive partner(s) " + String.join(", ", f.sensitivePartners())
                    + ": being their customer is itself sensitive, and information beyond the public tier was disclosed.");
        }
        if (!sensitiveSeen.isEmpty()) {
            sensitivity = "HIGH";
            reasons.add("Sensitive fields disclosed: " + String.join(", ", sensitiveSeen) + ".");
        }
        if (beyondPublicTiers.contains("PARTNER") || beyondPublicTiers.contains("STAFF")) {
            sensitivity = "HIGH";
            reasons.add("Full records were disclosed (tier " + String.join(", ", beyondPublicTiers) + ").");
        }
        if (sensitivity.equals("MEDIUM")) {
            reasons.add("Disclosed beyond the public tier, but masked or partial (" + String.join(", ", beyondPublicFields)
                    + "): sensitivity MEDIUM.");
        }

        String probability;
        boolean deliberate = f.kind() == IncidentKind.ENUMERATION || f.kind() == IncidentKind.DISTRIBUTED_SCRAPING;
        boolean neverBlocked = f.blockedUntil() == null;
        if (f.manual()) {
            probability = "MEDIUM";
            reasons.add("Recorded by hand: the probability of misuse is for an officer to judge.");
        } else if (deliberate && (f.shipments() >= rules.probableMisuseShipments() || neverBlocked)) {
            probability = "HIGH";
            reasons.add("A deliberate walk of tracking numbers reached " + f.shipments() + " shipment(s) ("
                    + f.distinctNumbers() + " distinct numbers tried)" + (neverBlocked ? " and the actor was not blocked" : "")
                    + ": misuse is probable.");
        } else {
            probability = "MEDIUM";
            reasons.add("Only " + f.shipments() + " shipment(s) reached before the actor was blocked (threshold "
                    + rules.probableMisuseShipments() + "): misuse is possible, not shown probable.");
        }

        String risk = sensitivity.equals("HIGH") && probability.equals("HIGH") ? "HIGH" : "MEDIUM";
        if (risk.equals("HIGH") && rules.autoNotify()) {
            reasons.add("Sensitivity HIGH and probability HIGH: a real risk of significant harm (PIPEDA s.10.1, GDPR Art. 34). "
                    + f.people() + " person(s) are told without waiting.");
            return new Assessment(sensitivity, probability, risk, Incident.Decision.NOTIFY, "auto-notify", reasons);
        }
        reasons.add(risk.equals("HIGH")
                ? "A real risk of significant harm, but automatic notices are off: an officer decides."
                : "Not a clear case: an officer decides whether " + f.people() + " person(s) are told.");
        return new Assessment(sensitivity, probability, risk, Incident.Decision.PENDING, "officer-review", reasons);
    }
}
