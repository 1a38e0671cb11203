package io.trackguard.tracking.trackingnumber;

import java.util.Optional;

/**
 * A public tracking number: 17 random symbols and one check symbol from a 31-symbol alphabet
 * without the look-alikes 0/O and 1/I/L. 17 symbols carry 84 bits of randomness.
 *
 * <p>The check symbol makes the weighted sum (weights 1..18) of all symbol values divisible by
 * 31. Because 31 is prime and every weight and every difference of neighbouring weights is
 * non-zero modulo 31, every single-symbol error and every swap of two neighbours changes the
 * sum, so a mistyped number is rejected before any lookup.
 *
 * <p>Input is case-insensitive; spaces and hyphens are ignored. The canonical form is 18
 * upper-case symbols; {@link #display()} groups them in threes of six for people.
 */
public final class TrackingNumber {

    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public static final int RANDOM_LENGTH = 17;
    public static final int LENGTH = RANDOM_LENGTH + 1;
    /** Longest raw input worth normalising: 18 symbols plus generous separators. */
    public static final int MAX_INPUT_LENGTH = 40;

    private static final int BASE = ALPHABET.length();

    private final String value;

    private TrackingNumber(String value) {
        this.value = value;
    }

    /** Why an input is not a tracking number; the page and the API say which. */
    public enum Rejection { MALFORMED, CHECK_FAILED }

    /** The result of reading an input: a number, or why not. */
    public record Parsed(TrackingNumber number, Rejection rejection) {
        public boolean valid() {
            return number != null;
        }
    }

    /** Reads untrusted input. Never touches storage. */
    public static Parsed parse(String input) {
        if (input == null || input.length() > MAX_INPUT_LENGTH) {
            return new Parsed(null, Rejection.MALFORMED);
        }
        StringBuilder symbols = new StringBuilder(LENGTH);
        for (int i = 0; i < input.length(); i++) {
            char c = Character.toUpperCase(input.charAt(i));
            if (c == ' ' || c == '-') {
                continue;
            }
            if (c > 127 || ALPHABET.indexOf(c) < 0) {
                return new Parsed(null, Rejection.MALFORMED);
            }
            symbols.append(c);
        }
        if (symbols.length() != LENGTH) {
            return new Parsed(null, Rejection.MALFORMED);
        }
        String canonical = symbols.toString();
        if (weightedSum(canonical, LENGTH) % BASE != 0) {
            return new Parsed(null, Rejection.CHECK_FAILED);
        }
        return new Parsed(new TrackingNumber(canonical), null);
    }

    public static Optional<TrackingNumber> tryParse(String input) {
        return Optional.ofNullable(parse(input).number());
    }

    /** Builds a number from 17 symbol values in [0, 31), appending the check symbol. */
    static TrackingNumber fromRandomSymbols(int[] values) {
        if (values.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException("need " + RANDOM_LENGTH + " symbols");
        }
        StringBuilder symbols = new StringBuilder(LENGTH);
        for (int v : values) {
            symbols.append(ALPHABET.charAt(v));
        }
        int partial = weightedSum(symbols, RANDOM_LENGTH) % BASE;
        // check value c solves partial + LENGTH * c == 0 (mod 31)
        int check = Math.floorMod(-partial * inverse(LENGTH), BASE);
        symbols.append(ALPHABET.charAt(check));
        return new TrackingNumber(symbols.toString());
    }

    private static int weightedSum(CharSequence symbols, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (i + 1) * ALPHABET.indexOf(symbols.charAt(i));
        }
        return sum;
    }

    /** Multiplicative inverse modulo 31 (prime), by Fermat: a^(p-2). */
    private static int inverse(int a) {
        int result = 1;
        for (int i = 0; i < BASE - 2; i++) {
            result = (result * a) % BASE;
        }
        return result;
    }

    /** The canonical 18-symbol form, as stored and as used in URLs. */
    public String value() {
        return value;
    }

    /** The form for people: three groups of six, e.g. {@code K7M2QX-9TPA4R-WH3N8E}. */
    public String display() {
        return value.substring(0, 6) + "-" + value.substring(6, 12) + "-" + value.substring(12);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackingNumber other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
