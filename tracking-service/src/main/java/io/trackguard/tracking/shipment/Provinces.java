package io.trackguard.tracking.shipment;

/** Canadian address formats, shared by the shipment and scan inputs. */
public final class Provinces {

    /** The thirteen provinces and territories. */
    public static final String PROVINCE_CODE = "AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT";
    /** A Canadian postal code, with or without the middle space, either case (letters D, F, I, O, Q, U never appear). */
    public static final String POSTAL_CODE =
            "(?i)[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]";

    private Provinces() {
    }

    /** K1A 0B1, k1a0b1 -> K1A0B1. Assumes the input matched {@link #POSTAL_CODE}. */
    public static String canonicalPostalCode(String input) {
        return input.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }
}
