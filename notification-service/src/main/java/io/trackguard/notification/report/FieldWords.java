package io.trackguard.notification.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The disclosed fields (as the access audit log names them) in plain English and French, for
 * notices and reports: what a person can understand, not JSON paths.
 */
public final class FieldWords {

    private record Words(String en, String fr) {
    }

    private static final Map<String, Words> WORDS = new LinkedHashMap<>();

    static {
        put("status", "the delivery status and the history of the parcel's scans", "l'état de la livraison et l'historique des passages du colis");
        put("events", "the delivery status and the history of the parcel's scans", "l'état de la livraison et l'historique des passages du colis");
        put("trackingNumber", "the tracking number", "le numéro de suivi");
        put("expectedDeliveryDate", "the delivery date", "la date de livraison");
        put("deliveredOn", "the delivery date", "la date de livraison");
        put("deliveredAt", "the time of delivery", "l'heure de la livraison");
        put("destination.province", "the province of delivery", "la province de livraison");
        put("destination.city", "the city of delivery", "la ville de livraison");
        put("destination.postalCode", "the postal code (or its first characters)", "le code postal (ou ses premiers caractères)");
        put("destination.line1", "the street address", "l'adresse de livraison");
        put("destination.line2", "the street address", "l'adresse de livraison");
        put("destination.country", "the country", "le pays");
        put("recipient.name", "your name", "votre nom");
        put("recipient.email", "your email address", "votre adresse courriel");
        put("recipient.phone", "your telephone number", "votre numéro de téléphone");
        put("recipient.language", "your preferred language", "votre langue de préférence");
        put("signerName", "the name of the person who signed for the parcel", "le nom de la personne qui a signé à la livraison");
        put("sender", "the name of the retailer who sent it", "le nom du commerçant qui l'a envoyé");
        put("productCategory", "the type of product in the parcel", "le type de produit dans le colis");
        put("orderReference", "the retailer's order number", "le numéro de commande du commerçant");
        put("partnerId", "the retailer's identifier", "l'identifiant du commerçant");
        put("createdAt", "when the shipment was created", "la date de création de l'envoi");
    }

    private FieldWords() {
    }

    private static void put(String field, String en, String fr) {
        WORDS.put(field, new Words(en, fr));
    }

    /**
     * The fields in words, without repeats, in the table's order; contact details shown only
     * partly hidden (the verified-recipient tier masks them) say so.
     */
    public static List<String> describe(Collection<String> fields, Set<String> tiers, String language) {
        boolean masked = !tiers.contains("PARTNER") && !tiers.contains("STAFF");
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Words> w : WORDS.entrySet()) {
            if (!fields.contains(w.getKey())) {
                continue;
            }
            String text = "fr".equals(language) ? w.getValue().fr() : w.getValue().en();
            if (masked && w.getKey().startsWith("recipient.") && !w.getKey().equals("recipient.language")) {
                text += "fr".equals(language) ? " (en partie masqué)" : " (partly hidden)";
            }
            if (!out.contains(text)) {
                out.add(text);
            }
        }
        for (String f : fields) {
            if (!WORDS.containsKey(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
