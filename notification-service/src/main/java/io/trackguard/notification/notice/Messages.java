package io.trackguard.notification.notice;

import io.trackguard.notification.config.NotifyConfig;
import io.trackguard.notification.report.FieldWords;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The words of the notices, in plain language. A notice to a person carries what SOR/2018-64
 * s.3 asks: what happened, when, what information, what Trackguard did to reduce the harm, what
 * the person can do, a contact, and how to complain (including to the Privacy Commissioner of
 * Canada); with a single-use link per parcel to see who looked at it. In the person's language,
 * or English then French in one message when it is not known.
 */
@ApplicationScoped
public class Messages {

    /** A message ready to send. */
    public record Text(String subject, String body) {
    }

    /** A parcel of the person, and its single-use link (null if none could be made). */
    public record Parcel(String trackingNumber, String link, Instant linkExpires) {
    }

    /** What a person's notice says about the incident. */
    public record PersonFacts(UUID incidentId, String name, String language, Instant from, Instant to, boolean blocked,
                              List<Parcel> parcels, Set<String> fields, Set<String> tiers) {
    }

    static final String OPC = "https://www.priv.gc.ca/en/report-a-concern/";
    static final String OPC_FR = "https://www.priv.gc.ca/fr/signaler-un-probleme/";

    private final NotifyConfig.Organisation org;
    private final ZoneId zone;

    public Messages(NotifyConfig config) {
        this.org = config.organisation();
        this.zone = ZoneId.of(config.organisation().zone());
    }

    public Text person(PersonFacts f) {
        String en = personEn(f);
        String fr = personFr(f);
        return switch (f.language()) {
            case "en" -> new Text(org.name() + ": information about your parcel was seen by someone else", en);
            case "fr" -> new Text(org.name() + " : des renseignements sur votre colis ont été vus par quelqu'un d'autre", fr);
            default -> new Text(org.name() + ": information about your parcel was seen by someone else / "
                    + "des renseignements sur votre colis ont été vus par quelqu'un d'autre",
                    "Le français suit l'anglais. / French follows English.\n\n" + en + "\n\n----------------------------------------\n\n" + fr);
        };
    }

    private String personEn(PersonFacts f) {
        StringBuilder b = new StringBuilder(2048);
        b.append(f.name() == null ? "Hello,\n\n" : "Hello " + f.name() + ",\n\n");
        b.append("We are writing to tell you about a privacy breach that involves ")
                .append(f.parcels().size() == 1 ? "a parcel" : f.parcels().size() + " parcels").append(" sent to you.\n\n");
        b.append("WHAT HAPPENED\nSomeone used our tracking service to look up tracking numbers that were not theirs, and saw ")
                .append("information about your parcel").append(f.parcels().size() == 1 ? "" : "s").append(".\n\n");
        b.append("WHEN\nBetween ").append(time(f.from(), Locale.CANADA)).append(" and ").append(time(f.to(), Locale.CANADA))
                .append(" (").append(zone.getId()).append(" time).\n\n");
        b.append("WHAT INFORMATION\n");
        for (String w : FieldWords.describe(f.fields(), f.tiers(), "en")) {
            b.append("- ").append(w).append('\n');
        }
        b.append("Nothing else was seen: no payment information is ever kept by our tracking service.\n\n");
        b.append("WHAT WE DID\n");
        if (f.blocked()) {
            b.append("- Our systems detected the lookups and blocked the person who made them.\n");
        }
        b.append("- We checked our access records, which note every time a parcel's information is shown, to find everyone affected.\n");
        b.append("- We told the retailer who sent the parcel, and we are reporting the breach to the Privacy Commissioner of Canada.\n\n");
        b.append("WHAT YOU CAN DO\n");
        b.append("- Be careful with emails, text messages or calls about a parcel that ask you to pay a fee, click a link or give ")
                .append("personal details. We never ask for payment or passwords by email.\n");
        b.append("- See who looked at your parcel, and when. Each link works once and until the date shown:\n");
        for (Parcel p : f.parcels()) {
            b.append("  ").append(masked(p.trackingNumber())).append(": ")
                    .append(p.link() == null ? "(no longer available: ask us at the address below)" : p.link()
                            + " (until " + date(p.linkExpires(), Locale.CANADA) + ")").append('\n');
        }
        b.append('\n');
        b.append("CONTACT\nQuestions: ").append(org.name()).append(" privacy office, ").append(org.privacyEmail())
                .append(org.privacyPhone().map(p -> ", " + p).orElse("")).append(". Please quote reference ")
                .append(reference(f.incidentId())).append(".\n\n");
        b.append("HOW TO COMPLAIN\nIf you are not satisfied with how we handled this, write to our privacy office at the address above: ")
                .append("we answer every complaint. You also have the right to complain to the Office of the Privacy Commissioner of ")
                .append("Canada: ").append(OPC).append(" or 1-800-282-1376.\n");
        return b.toString();
    }

    private String personFr(PersonFacts f) {
        StringBuilder b = new StringBuilder(2048);
        b.append(f.name() == null ? "Bonjour,\n\n" : "Bonjour " + f.name() + ",\n\n");
        b.append("Nous vous écrivons au sujet d'une atteinte à la vie privée qui concerne ")
                .append(f.parcels().size() == 1 ? "un colis qui vous a été envoyé" : f.parcels().size() + " colis qui vous ont été envoyés")
                .append(".\n\n");
        b.append("CE QUI S'EST PASSÉ\nQuelqu'un a utilisé notre service de suivi pour consulter des numéros de suivi qui ne lui ")
                .append("appartenaient pas, et a vu des renseignements sur votre colis.\n\n");
        b.append("QUAND\nEntre le ").append(time(f.from(), Locale.CANADA_FRENCH)).append(" et le ").append(time(f.to(), Locale.CANADA_FRENCH))
                .append(" (heure de ").append(zone.getId()).append(").\n\n");
        b.append("QUELS RENSEIGNEMENTS\n");
        for (String w : FieldWords.describe(f.fields(), f.tiers(), "fr")) {
            b.append("- ").append(w).append('\n');
        }
        b.append("Rien d'autre n'a été vu : notre service de suivi ne conserve jamais de renseignements de paiement.\n\n");
        b.append("CE QUE NOUS AVONS FAIT\n");
        if (f.blocked()) {
            b.append("- Nos systèmes ont détecté ces consultations et bloqué la personne qui les faisait.\n");
        }
        b.append("- Nous avons vérifié nos registres d'accès, qui notent chaque affichage des renseignements d'un colis, pour trouver ")
                .append("toutes les personnes touchées.\n");
        b.append("- Nous avons prévenu le commerçant qui a envoyé le colis, et nous signalons l'atteinte au Commissaire à la protection ")
                .append("de la vie privée du Canada.\n\n");
        b.append("CE QUE VOUS POUVEZ FAIRE\n");
        b.append("- Méfiez-vous des courriels, textos ou appels au sujet d'un colis qui vous demandent de payer des frais, de cliquer ")
                .append("sur un lien ou de donner des renseignements personnels. Nous ne demandons jamais de paiement ni de mot de passe ")
                .append("par courriel.\n");
        b.append("- Voyez qui a consulté votre colis, et quand. Chaque lien ne fonctionne qu'une fois, jusqu'à la date indiquée :\n");
        for (Parcel p : f.parcels()) {
            b.append("  ").append(masked(p.trackingNumber())).append(" : ")
                    .append(p.link() == null ? "(plus disponible : écrivez-nous à l'adresse ci-dessous)" : p.link()
                            + " (jusqu'au " + date(p.linkExpires(), Locale.CANADA_FRENCH) + ")").append('\n');
        }
        b.append('\n');
        b.append("POUR NOUS JOINDRE\nQuestions : bureau de la protection de la vie privée de ").append(org.name()).append(", ")
                .append(org.privacyEmail()).append(org.privacyPhone().map(p -> ", " + p).orElse(""))
                .append(". Veuillez indiquer la référence ").append(reference(f.incidentId())).append(".\n\n");
        b.append("COMMENT PORTER PLAINTE\nSi notre façon de traiter cette atteinte ne vous satisfait pas, écrivez à notre bureau de la ")
                .append("protection de la vie privée à l'adresse ci-dessus : nous répondons à chaque plainte. Vous avez aussi le droit ")
                .append("de porter plainte auprès du Commissariat à la protection de la vie privée du Canada : ").append(OPC_FR)
                .append(" ou 1-800-282-1376.\n");
        return b.toString();
    }

    /** To a partner's privacy contact: how many of its customers, and the report (also attached as PDF). */
    public Text partner(UUID incidentId, String partnerName, int people, int shipments, String reportText) {
        String subject = org.name() + ": privacy breach affecting " + people + " of your customers / atteinte touchant " + people
                + " de vos clients";
        String body = "Le français suit l'anglais. / French follows English.\n\n"
                + "To the privacy contact of " + partnerName + ",\n\n"
                + "A privacy breach at " + org.name() + " affected " + people + " of your customers (" + shipments + " shipments). "
                + "The report below (also attached as PDF) says what happened, when, what information, how many people, what we did "
                + "and how the people are being told. It counts only your customers.\n\n"
                + "Reference: " + reference(incidentId) + ". Questions: " + org.contactName() + ", " + org.privacyEmail() + ".\n\n"
                + reportText + "\n----------------------------------------\n\n"
                + "À la personne responsable de la protection de la vie privée de " + partnerName + ",\n\n"
                + "Une atteinte à la vie privée chez " + org.name() + " a touché " + people + " de vos clients (" + shipments + " envois). "
                + "Le rapport ci-dessus (aussi joint en PDF) décrit ce qui s'est passé, quand, quels renseignements, combien de "
                + "personnes, ce que nous avons fait et comment elles sont prévenues. Il ne compte que vos clients.\n\n"
                + "Référence : " + reference(incidentId) + ". Questions : " + org.contactName() + ", " + org.privacyEmail() + ".\n";
        return new Text(subject, body);
    }

    /** To the privacy officers: the 72-hour clock runs low. */
    public Text escalation(UUID incidentId, String status, String decision, Instant deadline, int people) {
        return new Text(org.name() + ": incident " + reference(incidentId) + " - regulator deadline " + deadline,
                "Incident " + incidentId + " (" + status + ", decision " + (decision == null ? "not yet" : decision) + ", "
                        + people + " people in scope) must be reported to the regulator by " + deadline + " (GDPR Art. 33: 72 hours "
                        + "from awareness), and it has not been marked as reported.\n\n"
                        + "Decide it, send its report and mark it reported: GET /api/v1/incidents/" + incidentId + "/report.\n");
    }

    static String reference(UUID incidentId) {
        return incidentId.toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    /** Only the last six characters: enough for the person to recognise it. */
    static String masked(String trackingNumber) {
        return trackingNumber.length() <= 6 ? trackingNumber : "…" + trackingNumber.substring(trackingNumber.length() - 6);
    }

    private String time(Instant t, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale).withZone(zone).format(t);
    }

    private String date(Instant t, Locale locale) {
        return t == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(zone).format(t);
    }
}
